import { rewritePlaylist } from './streaming-playlist.js';

const sign = async (key: string) => `https://s3.test/${key}?sig=1`;
const prefix = 'videos/v1/hls/';

describe('rewritePlaylist', () => {
  it('presigns segments and the init segment of a media playlist, keeping tags', async () => {
    const text = '#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4.0,\nseg_000.m4s\n#EXTINF:2.0,\nseg_001.m4s\n#EXT-X-ENDLIST\n';
    expect(await rewritePlaylist({ text, playlistKey: `${prefix}v0/index.m3u8`, allowedPrefix: prefix, sign })).toBe(
      '#EXTM3U\n#EXT-X-MAP:URI="https://s3.test/videos/v1/hls/v0/init.mp4?sig=1"\n#EXTINF:4.0,\nhttps://s3.test/videos/v1/hls/v0/seg_000.m4s?sig=1\n#EXTINF:2.0,\nhttps://s3.test/videos/v1/hls/v0/seg_001.m4s?sig=1\n#EXT-X-ENDLIST\n',
    );
  });

  it('leaves nested playlists, absolute URLs and URIs that climb out of the video alone', async () => {
    const text = '#EXTM3U\nv0/index.m3u8\nhttps://cdn.test/x.m4s\n../../v2/hls/seg.m4s\n';
    expect(await rewritePlaylist({ text, playlistKey: `${prefix}master.m3u8`, allowedPrefix: prefix, sign })).toBe(text);
  });
});
