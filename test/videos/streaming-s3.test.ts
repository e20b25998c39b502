// S3 mode against s3rver (in-process): playlists come from the app with every segment and init URI
// presigned; the other files redirect to a presigned URL; the bytes come from the S3 server.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import S3rver from 's3rver';
import request from 'supertest';
import { S3BlobStore } from '../../src/adapters/storage/s3-blob-store.js';
import { buildApp } from '../../src/app.js';
import { signMediaToken } from '../../src/videos/media-token.js';
import { processVideo } from '../../src/videos/processing.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createVideoWithSource, makeWorkRoot, processingDeps, removeWorkRoots } from './processing-fixtures.js';

let ctx: TestContext;
let platform: TestPlatform;
let server: S3rver;
let store: S3BlobStore;
let directory: string;
let app: Express;
let videoId: string;
let viewerId: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'luento-s3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: 'luento-test' }] });
  const { port } = await server.run();
  store = new S3BlobStore({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'luento-test', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', keyPrefix: 'site/', partSizeBytes: 5 * 1024 * 1024 });
  ctx = await createTestContext({ startQueue: false, env: { PATH: process.env.PATH ?? '' } });
  const deps = { ...ctx.deps, media: { ...ctx.deps.media, blobStore: store } };
  app = buildApp(deps);
  platform = await createTestPlatform(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { platformId: platform.platform.id });
  viewerId = user.id;
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id });
  const video = await createVideoWithSource(deps, { ownerId: user.id, courseId: course.id, fixture: 'clip360' });
  expect(await processVideo(processingDeps(deps, await makeWorkRoot()), video.id, { attempt: 1, isLastAttempt: true })).toBe('ready');
  videoId = video.id;
});
afterAll(async () => {
  await removeWorkRoots();
  await platform.close();
  await ctx.close();
  store.close();
  server.httpServer?.closeAllConnections();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const base = async () => `/media/${await signMediaToken(ctx.deps.media.mediaTokenKey, { videoId, viewerId, ttlSeconds: 600, now: new Date() })}/${videoId}`;

describe('streaming from S3', () => {
  it('keeps the master playlist’s variant URIs relative (they come back to the app)', async () => {
    const res = await request(app).get(`${await base()}/hls/master.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('\nv0/index.m3u8');
  });

  it('rewrites each segment and the init segment of a media playlist to a presigned URL that S3 serves', async () => {
    const res = await request(app).get(`${await base()}/hls/v0/index.m3u8`);
    expect(res.status).toBe(200);
    const uris = res.text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris.length).toBeGreaterThan(0);
    for (const u of uris) expect(u).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/luento-test\/site\/videos\/[^?]+\/hls\/v0\/seg_\d+\.m4s\?.*X-Amz-Signature=/);
    const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(res.text)?.[1] ?? '';
    expect(init).toMatch(/\/hls\/v0\/init\.mp4\?.*X-Amz-Signature=/);
    const seg = await fetch(uris[0] as string);
    expect(seg.status).toBe(200);
    expect((await seg.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('redirects the poster and storyboard files to presigned URLs', async () => {
    const b = await base();
    for (const p of ['poster.jpg', 'storyboard/storyboard.vtt']) {
      const res = await request(app).get(`${b}/${p}`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/X-Amz-Signature=/);
      expect((await fetch(res.headers.location as string)).status).toBe(200);
    }
  });

  it('still refuses a token for another video with 403 before signing anything', async () => {
    const tok = await signMediaToken(ctx.deps.media.mediaTokenKey, { videoId: '00000000-0000-4000-8000-000000000000', viewerId, ttlSeconds: 600, now: new Date() });
    const res = await request(app).get(`/media/${tok}/${videoId}/hls/v0/index.m3u8`).set('Accept', 'application/json');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('media_token_wrong_video');
  });
});
