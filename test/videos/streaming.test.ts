// Media serving on local disk: tokens in the path, Range (206/416), ETag (304), Cache-Control, types,
// and every way a request can be refused.
import request from 'supertest';
import { signMediaToken } from '../../src/videos/media-token.js';
import { signDownloadToken } from '../../src/videos/streaming-tokens.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createPublishedVideo, removeWorkRoots } from './processing-fixtures.js';

let ctx: TestContext;
let platform: TestPlatform;
let video: Video;
let other: Video;
let ttl: number;
let viewerId: string;

const token = (videoId = video.id, opts: { ttlSeconds?: number; now?: Date } = {}) =>
  signMediaToken(ctx.deps.media.mediaTokenKey, { videoId, viewerId, ttlSeconds: opts.ttlSeconds ?? ttl, now: opts.now ?? new Date() });
const get = async (path: string, tok?: string) => request(ctx.app).get(`/media/${tok ?? (await token())}/${video.id}/${path}`).set('Accept', 'application/json');

beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false, env: { PATH: process.env.PATH ?? '' } });
  ttl = ctx.deps.config.media.mediaTokenTtlSeconds;
  platform = await createTestPlatform(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { platformId: platform.platform.id });
  viewerId = user.id;
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id });
  video = await createPublishedVideo(ctx.deps, { ownerId: user.id, courseId: course.id, allowDownload: true });
  other = await createPublishedVideo(ctx.deps, { ownerId: user.id, courseId: course.id, fixture: 'audioOnly' });
});
afterAll(async () => {
  await removeWorkRoots();
  await platform.close();
  await ctx.close();
});

describe('GET /media/:token/:videoId/*path', () => {
  it('serves the master playlist, uncached, as an HLS playlist', async () => {
    const res = await get('hls/master.m3u8');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.apple\.mpegurl/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toMatch(/^#EXTM3U/);
    expect(res.text).toContain('v0/index.m3u8');
  });

  it('serves a segment whole, with a strong ETag and a private max-age', async () => {
    const res = await get('hls/v0/seg_000.m4s');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('video/iso.segment');
    expect(res.headers['cache-control']).toBe(`private, max-age=${ttl}`);
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(Number(res.headers['content-length'])).toBe((res.body as Buffer).length);
  });

  it('answers a byte range with 206 and Content-Range, and a suffix range with the last bytes', async () => {
    const whole = (await get('hls/v0/seg_000.m4s')).body as Buffer;
    const tok = await token();
    const part = await request(ctx.app).get(`/media/${tok}/${video.id}/hls/v0/seg_000.m4s`).set('Range', 'bytes=10-109');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-109/${whole.length}`);
    expect(Buffer.compare(part.body as Buffer, whole.subarray(10, 110))).toBe(0);
    const tail = await request(ctx.app).get(`/media/${tok}/${video.id}/hls/v0/seg_000.m4s`).set('Range', 'bytes=-16');
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body as Buffer, whole.subarray(whole.length - 16))).toBe(0);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const res = await request(ctx.app).get(`/media/${await token()}/${video.id}/hls/v0/seg_000.m4s`).set('Range', 'bytes=999999999-').set('Accept', 'application/json');
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await get('hls/v0/seg_000.m4s');
    const res = await request(ctx.app).get(`/media/${await token()}/${video.id}/hls/v0/seg_000.m4s`).set('If-None-Match', first.headers.etag as string);
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe(first.headers.etag);
    const changed = await request(ctx.app).get(`/media/${await token()}/${video.id}/hls/v0/seg_000.m4s`).set('If-None-Match', '"something-else"');
    expect(changed.status).toBe(200);
  });

  it.each([
    ['poster.jpg', 'image/jpeg'],
    ['storyboard/storyboard.vtt', 'text/vtt; charset=utf-8'],
    ['storyboard/sprite_001.jpg', 'image/jpeg'],
    ['hls/v0/init.mp4', 'video/mp4'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it('serves the source only with a download token, as an attachment', async () => {
    const name = video.source_key?.split('/').pop() ?? '';
    const refused = await get(`source/${name}`);
    expect(refused.status).toBe(403);
    const dl = await signDownloadToken(ctx.deps.media.mediaTokenKey, { videoId: video.id, viewerId, ttlSeconds: 60, now: new Date() });
    const res = await request(ctx.app).get(`/media/${dl}/${video.id}/source/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment');
    // A download token opens nothing else.
    expect((await get('hls/master.m3u8', dl)).status).toBe(403);
  });

  it.each([
    ['an expired token', async () => token(undefined, { ttlSeconds: 60, now: new Date(Date.now() - 3600_000) }), 'media_token_expired'],
    ['a token for another video', async () => token(other.id), 'media_token_wrong_video'],
    ['an altered token', async () => {
      const [h, p, s] = (await token()).split('.') as [string, string, string];
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as { exp: number };
      payload.exp += 86400;
      return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    }, 'media_token_invalid'],
    ['no token at all', async () => 'x', 'media_token_invalid'],
  ])('refuses %s with 403 and a clear message', async (_n, make, code) => {
    const res = await get('hls/master.m3u8', await make());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/media link/i);
  });

  it.each([
    ['a dot-dot path', 'hls/../../other/hls/master.m3u8'],
    ['an encoded slash', 'hls%2F..%2F..%2Fsecret'],
    ['an encoded dot-dot', 'storyboard/%2e%2e/poster.jpg'],
    ['an unknown folder', 'private/notes.txt'],
    ['a dot file', 'hls/.tmp'],
    ['a folder itself', 'hls'],
  ])('does not serve %s (404)', async (_n, path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No such media file/);
  });

  it('answers a missing file below a known folder with 404', async () => {
    expect((await get('hls/v7/seg_000.m4s')).status).toBe(404);
  });

  it('keeps the token for the relative URIs in the playlists (they resolve below the same token)', async () => {
    const tok = await token();
    const master = await request(ctx.app).get(`/media/${tok}/${video.id}/hls/master.m3u8`);
    const variant = master.text.split('\n').find((l) => l.endsWith('.m3u8')) as string;
    const media = await request(ctx.app).get(new URL(variant, `http://x/media/${tok}/${video.id}/hls/master.m3u8`).pathname);
    expect(media.status).toBe(200);
    expect(media.text).toMatch(/#EXT-X-MAP:URI="init.mp4"/);
  });
});
