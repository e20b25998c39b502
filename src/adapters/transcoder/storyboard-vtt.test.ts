import { buildStoryboardVtt, expectedTileCount, formatVttTime, spriteFileName, type StoryboardLayout } from './storyboard-vtt.js';

const layout = (over: Partial<StoryboardLayout>): StoryboardLayout => ({
  tileCount: 1, durationSeconds: 5, intervalSeconds: 5, columns: 10, rows: 10, tileWidth: 160, tileHeight: 90, ...over,
});
const cues = (vtt: string) => vtt.split('\n\n').slice(1).map((c) => c.trim());

describe('storyboard WebVTT', () => {
  it.each([
    [0, '00:00:00.000'],
    [4.0006, '00:00:04.001'],
    [59.9994, '00:00:59.999'],
    [3725.25, '01:02:05.250'],
    [36000, '10:00:00.000'],
  ])('formats %p s as %s', (s, expected) => expect(formatVttTime(s)).toBe(expected));

  it.each([
    [0.5, 5, 1], [3, 5, 1], [5, 5, 1], [6, 5, 2], [11, 5, 3], [3600, 5, 720],
  ])('a %p s video with %p s tiles needs %p tiles', (d, i, n) => expect(expectedTileCount(d, i)).toBe(n));

  it('names sheets from sprite_001.jpg', () => {
    expect([spriteFileName(0), spriteFileName(11)]).toEqual(['sprite_001.jpg', 'sprite_012.jpg']);
  });

  it('writes one cue per tile, with the last cue ending at the duration', () => {
    const vtt = buildStoryboardVtt(layout({ tileCount: 3, durationSeconds: 12.5 }));
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    expect(cues(vtt)).toEqual([
      '00:00:00.000 --> 00:00:05.000\nsprite_001.jpg#xywh=0,0,160,90',
      '00:00:05.000 --> 00:00:10.000\nsprite_001.jpg#xywh=160,0,160,90',
      '00:00:10.000 --> 00:00:12.500\nsprite_001.jpg#xywh=320,0,160,90',
    ]);
  });

  it('wraps to the next row after ten tiles and to the next sheet after a hundred', () => {
    const c = cues(buildStoryboardVtt(layout({ tileCount: 102, durationSeconds: 510 })));
    expect(c).toHaveLength(102);
    expect(c[10]).toBe('00:00:50.000 --> 00:00:55.000\nsprite_001.jpg#xywh=0,90,160,90');
    expect(c[99]).toBe('00:08:15.000 --> 00:08:20.000\nsprite_001.jpg#xywh=1440,810,160,90');
    expect(c[100]).toBe('00:08:20.000 --> 00:08:25.000\nsprite_002.jpg#xywh=0,0,160,90');
  });

  it('stretches the last tile over the end when ffmpeg made fewer tiles than intervals', () => {
    const c = cues(buildStoryboardVtt(layout({ tileCount: 1, durationSeconds: 6 })));
    expect(c).toEqual(['00:00:00.000 --> 00:00:06.000\nsprite_001.jpg#xywh=0,0,160,90']);
  });

  it('ignores surplus tiles past the end', () => {
    expect(cues(buildStoryboardVtt(layout({ tileCount: 4, durationSeconds: 6 })))).toHaveLength(2);
  });
});
