import { MediaRejectedError } from './media-errors.js';
import { classifyMedia, classifyUnreadable, ffprobeOutputSchema, parseFrameRate, type PacketScan } from './media-info.js';

const cleanScan: PacketScan = { exitCode: 0, endSeconds: 4, stderrTail: [] };
const probe = (json: unknown) => ffprobeOutputSchema.parse(json);
const h264 = { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001' };
const aac = { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' };

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof MediaRejectedError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('parseFrameRate', () => {
  it.each([
    ['30/1', 30], ['30000/1001', 29.97], ['60/1', 60], ['0/0', null], ['1000/1', null], ['', null], [undefined, null],
  ])('%p → %p', (rate, fps) => expect(parseFrameRate(rate)).toBe(fps));
});

describe('classifyMedia', () => {
  it('describes a normal file', () => {
    const info = classifyMedia({ probe: probe({ streams: [h264, aac], format: { format_name: 'mov,mp4', duration: '4.0', size: '1000' } }), scan: cleanScan });
    expect(info).toEqual({
      formatName: 'mov,mp4', durationSeconds: 4, isDurationMeasured: false, sizeBytes: 1000,
      video: [{ index: 0, codec: 'h264', width: 1920, height: 1080, fps: 29.97, rotation: 0 }],
      audio: [{ index: 1, codec: 'aac', channels: 2, sampleRate: 48000 }],
    });
  });

  it('measures the duration by reading packets when the container has none (MediaRecorder WebM)', () => {
    const info = classifyMedia({ probe: probe({ streams: [{ ...h264, codec_name: 'vp8' }], format: { format_name: 'matroska,webm' } }), scan: { ...cleanScan, endSeconds: 3.2 } });
    expect([info.durationSeconds, info.isDurationMeasured]).toEqual([3.2, true]);
  });

  it('swaps width and height of a phone video rotated by 90°, from side data or the old rotate tag', () => {
    const side = classifyMedia({ probe: probe({ streams: [{ ...h264, side_data_list: [{ rotation: -90 }] }], format: { duration: '4' } }), scan: cleanScan });
    const tag = classifyMedia({ probe: probe({ streams: [{ ...h264, tags: { rotate: '270' } }], format: { duration: '4' } }), scan: cleanScan });
    expect([side.video[0]?.width, side.video[0]?.height, side.video[0]?.rotation]).toEqual([1080, 1920, 270]);
    expect([tag.video[0]?.width, tag.video[0]?.height]).toEqual([1080, 1920]);
  });

  it('applies a non-square sample aspect ratio (anamorphic DV)', () => {
    const info = classifyMedia({ probe: probe({ streams: [{ ...h264, width: 720, height: 576, sample_aspect_ratio: '64:45' }], format: { duration: '4' } }), scan: cleanScan });
    expect([info.video[0]?.width, info.video[0]?.height]).toEqual([1024, 576]);
  });

  it('treats an MP3 with cover art as audio only', () => {
    const art = { index: 1, codec_type: 'video', codec_name: 'mjpeg', width: 500, height: 500, disposition: { attached_pic: 1 } };
    const info = classifyMedia({ probe: probe({ streams: [{ ...aac, index: 0, codec_name: 'mp3' }, art], format: { format_name: 'mp3', duration: '4' } }), scan: cleanScan });
    expect([info.video.length, info.audio.length]).toEqual([0, 1]);
  });

  it.each([
    ['an image is not media', { streams: [{ ...h264, codec_name: 'png' }], format: { format_name: 'png_pipe' } }, cleanScan, 'media_not_media'],
    ['subtitles only', { streams: [{ index: 0, codec_type: 'subtitle', codec_name: 'subrip' }], format: { duration: '1' } }, cleanScan, 'media_no_usable_stream'],
    ['no streams at all', { streams: [], format: { duration: '0' } }, cleanScan, 'media_no_usable_stream'],
    ['a video stream ffprobe cannot decode', { streams: [{ index: 0, codec_type: 'video' }], format: {} }, cleanScan, 'media_no_usable_stream'],
    ['WebM cut mid-cluster', { streams: [h264, aac], format: { duration: '4' } }, { exitCode: 0, endSeconds: 2.6, stderrTail: ['[matroska,webm] File ended prematurely'] }, 'media_truncated'],
    ['MP4 cut inside mdat', { streams: [h264, aac], format: { duration: '4' } }, { exitCode: 0, endSeconds: 2, stderrTail: ['[mov,mp4] stream 1, offset 0x32da0: partial file'] }, 'media_truncated'],
    ['the packet read failed', { streams: [h264], format: { duration: '4' } }, { exitCode: 1, endSeconds: null, stderrTail: ['boom'] }, 'media_truncated'],
    ['one frame and no length', { streams: [h264], format: { duration: '0.04' } }, cleanScan, 'media_zero_duration'],
    ['no declared duration and no packets', { streams: [aac], format: {} }, { ...cleanScan, endSeconds: null }, 'media_zero_duration'],
  ])('rejects %s', (_name, json, scan, code) => {
    expect(rejection(() => classifyMedia({ probe: probe(json), scan }))).toBe(code);
  });
});

describe('classifyUnreadable', () => {
  const mp4Header = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom')]);
  it.each([
    ['an MP4 whose moov atom never arrived', ['moov atom not found', 'Invalid data found when processing input'], mp4Header, 'media_truncated'],
    ['a Matroska header that stops early', ['EBML header parsing failed'], Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1]), 'media_truncated'],
    ['text named .mp4', ['moov atom not found', 'Invalid data found when processing input'], Buffer.from('This is a lecture outline'), 'media_not_media'],
  ])('%s', (_name, stderrTail, header, code) => {
    expect(classifyUnreadable({ stderrTail, header }).code).toBe(code);
  });
});
