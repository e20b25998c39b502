import { cacheControlFor, matchesEtag, parseRangeHeader, resolveMediaPath } from './streaming-http.js';

const vid = '6f0b7f0e-8a44-4a55-9d4c-0a3f1c2b9e11';

describe('resolveMediaPath', () => {
  it.each([
    [['hls', 'master.m3u8'], `videos/${vid}/hls/master.m3u8`, 'playlist'],
    [['hls', 'v0', 'index.m3u8'], `videos/${vid}/hls/v0/index.m3u8`, 'playlist'],
    [['hls', 'v2', 'seg_013.m4s'], `videos/${vid}/hls/v2/seg_013.m4s`, 'segment'],
    [['poster.jpg'], `videos/${vid}/poster.jpg`, 'poster'],
    [['storyboard', 'sprite_001.jpg'], `videos/${vid}/storyboard/sprite_001.jpg`, 'storyboard'],
    [['source', 'lecture.mp4'], `videos/${vid}/source/lecture.mp4`, 'source'],
  ])('%j → %s (%s)', (segments, key, kind) => {
    expect(resolveMediaPath(vid, segments)).toEqual({ key, kind });
  });

  it.each([
    [[]], [['hls']], [['..', 'x']], [['hls', '..', 'poster.jpg']], [['hls', 'a/b']], [['hls', '.tmp']], [['hls', 'a..b']],
    [['source', 'a', 'b']], [['other', 'x']], [['poster.jpg', 'x']], [['storyboard']], [['hls', '%2e%2e']], [['hls', 'a', 'b', 'c', 'd']],
  ])('refuses %j', (segments) => {
    expect(() => resolveMediaPath(vid, segments)).toThrow(/No such media file/);
  });
});

describe('parseRangeHeader', () => {
  it.each([
    [undefined, undefined],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100 }],
    ['bytes=-500', { suffix: 500 }],
    ['bytes=-', undefined],
    ['bytes=0-1,5-9', undefined],
    ['items=0-1', undefined],
    ['bytes=a-b', undefined],
  ])('%s → %j', (header, range) => {
    expect(parseRangeHeader(header)).toEqual(range);
  });
});

describe('matchesEtag', () => {
  it.each([
    [undefined, false], ['"a"', true], ['W/"a"', true], ['"b", "a"', true], ['"b"', false], ['*', true],
  ])('If-None-Match %s → %s', (header, expected) => {
    expect(matchesEtag(header, '"a"')).toBe(expected);
  });
});

describe('cacheControlFor', () => {
  it('never caches playlists, caches the rest privately for the token lifetime', () => {
    expect(cacheControlFor('playlist', 900)).toBe('no-cache');
    expect(cacheControlFor('segment', 900)).toBe('private, max-age=900');
  });
});
