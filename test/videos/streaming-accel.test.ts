// Local disk behind nginx: Luento checks the token and path and answers with X-Accel-Redirect; nginx
// sends the bytes (Range, ETag, 304) from its internal location. Real nginx from Debian.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { errorHandler } from '../../src/http/error-middleware.js';
import { localeMiddleware, requestLogger } from '../../src/http/request-context.js';
import { signMediaToken } from '../../src/videos/media-token.js';
import { streamingRoutes } from '../../src/videos/streaming.routes.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createPublishedVideo, removeWorkRoots } from './processing-fixtures.js';
import { ACCEL_PREFIX, startNginx, type RunningNginx } from './streaming-nginx.js';

let ctx: TestContext;
let platform: TestPlatform;
let video: Video;
let nginx: RunningNginx;
let server: http.Server;
let dir: string;
let viewerId: string;

beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false, env: { PATH: process.env.PATH ?? '' } });
  platform = await createTestPlatform(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { platformId: platform.platform.id });
  viewerId = user.id;
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id });
  video = await createPublishedVideo(ctx.deps, { ownerId: user.id, courseId: course.id });
  // The streaming router with the app's request context and error handling (the app mounts it the same way).
  const app = express();
  app.use(requestLogger(ctx.deps.log), localeMiddleware('en'));
  app.use(streamingRoutes({ blobStore: ctx.deps.media.blobStore, mediaTokenKey: ctx.deps.media.mediaTokenKey, ttlSeconds: 900, now: () => new Date(), accelRedirectPrefix: ACCEL_PREFIX }));
  app.use(errorHandler);
  server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-nginx-'));
  const storage = ctx.deps.config.media.storage;
  if (storage.driver !== 'local') throw new Error('local storage expected');
  nginx = await startNginx({ root: storage.root, dir, upstreamPort: (server.address() as AddressInfo).port });
});
afterAll(async () => {
  await removeWorkRoots();
  await nginx.stop();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await platform.close();
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

const url = async (p: string, videoId = video.id) => `${nginx.proxyBase}/media/${await signMediaToken(ctx.deps.media.mediaTokenKey, { videoId, viewerId, ttlSeconds: 900, now: new Date() })}/${video.id}/${p}`;

describe('X-Accel-Redirect through nginx', () => {
  it('serves the stored bytes with our Cache-Control, and ranges and ETags from nginx', async () => {
    const blob = await ctx.deps.media.blobStore.get(`videos/${video.id}/hls/v0/seg_000.m4s`);
    const chunks: Buffer[] = [];
    for await (const c of blob.stream) chunks.push(c as Buffer);
    const stored = Buffer.concat(chunks);
    const u = await url('hls/v0/seg_000.m4s');
    const res = await fetch(u);
    expect(res.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), stored)).toBe(0);
    expect(res.headers.get('cache-control')).toBe('private, max-age=900');
    expect(res.headers.get('content-type')).toBe('video/iso.segment');
    const part = await fetch(u, { headers: { Range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), stored.subarray(0, 10))).toBe(0);
    const etag = res.headers.get('etag') as string;
    expect((await fetch(u, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('still refuses a token of another video (403) and unknown paths (404) before nginx sees a file', async () => {
    expect((await fetch(await url('hls/v0/seg_000.m4s', '00000000-0000-4000-8000-000000000000'), { headers: { Accept: 'application/json' } })).status).toBe(403);
    expect((await fetch(await url('private/x.txt'), { headers: { Accept: 'application/json' } })).status).toBe(404);
  });

  it('does not let a client reach the internal location directly', async () => {
    expect((await fetch(`${nginx.proxyBase}${ACCEL_PREFIX}videos/${video.id}/hls/v0/seg_000.m4s`)).status).toBe(404);
  });
});
