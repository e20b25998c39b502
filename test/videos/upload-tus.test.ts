// The real tus protocol over supertest: create, PATCH in chunks, HEAD for the offset, a resume after a
// connection dropped mid-PATCH, and the finish that hands the file to storage and queues processing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { queuedJobNames, startUpload, tus, tusMetadata, TUS } from './upload-helpers.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
});
afterAll(() => ctx.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const uploadFile = (id: string) => path.join(ctx.deps.config.media.uploadDir, id);

async function newVideo(bytes: number, fileName = 'lecture.mp4'): Promise<string> {
  const res = await startUpload(teacher, teacher.courseId, { fileBytes: bytes, fileName });
  expect(res.status).toBe(201);
  expect(res.body.uploadUrl).toBe('/uploads');
  return res.body.videoId as string;
}

test('create, PATCH in chunks with HEAD between, and finish: the video is processing, queued, and stored', async () => {
  const data = randomBytes(300 * 1024);
  const id = await newVideo(data.length);
  const t = tus(ctx.app, teacher.sessionToken);
  const created = await t.create(id, data.length);
  expect(created.status).toBe(201);
  expect(created.headers.location).toBe(`/uploads/${id}`);
  expect((await t.head(id)).headers['upload-offset']).toBe('0');
  let offset = 0;
  for (const size of [100 * 1024, 100 * 1024]) {
    const res = await t.patch(id, offset, data.subarray(offset, offset + size));
    expect(res.status).toBe(204);
    offset += size;
    const head = await t.head(id);
    expect(head.headers['upload-offset']).toBe(String(offset));
    expect(head.headers['upload-length']).toBe(String(data.length));
  }
  const row = await ctx.deps.db.selectFrom('videos').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.status).toBe('uploading');
  expect((await t.patch(id, offset, data.subarray(offset))).status).toBe(204);

  const video = await ctx.deps.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  expect(video.status).toBe('processing');
  expect(video.source_key).toBe(`videos/${id}/source/lecture.mp4`);
  const blob = await ctx.deps.media.blobStore.get(video.source_key!);
  const chunks: Buffer[] = [];
  for await (const c of blob.stream) chunks.push(c as Buffer);
  expect(sha(Buffer.concat(chunks))).toBe(sha(data));
  expect(await queuedJobNames(ctx.deps.pool, id)).toEqual(['process-video']);
  expect(existsSync(uploadFile(id))).toBe(false);
  expect(existsSync(`${uploadFile(id)}.json`)).toBe(false);
  // Finished: neither more bytes nor a new creation are accepted for it.
  const after = await t.head(id);
  expect(after.status).toBe(409);
  const again = await t.create(id, data.length);
  expect(again.status).toBe(409);
  expect(again.text).toMatch(/already been uploaded/);
});

test('a connection dropped mid-PATCH: HEAD tells what arrived, and the upload resumes from there', async () => {
  const data = randomBytes(512 * 1024);
  const id = await newVideo(data.length);
  const t = tus(ctx.app, teacher.sessionToken);
  expect((await t.create(id, data.length)).status).toBe(201);
  const server = http.createServer(ctx.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1', port, method: 'PATCH', path: `/uploads/${id}`,
        headers: { ...TUS, 'X-Luento-Session': teacher.sessionToken, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(data.length) },
      });
      req.on('error', () => resolve());
      req.write(data.subarray(0, 200 * 1024), () => setTimeout(() => { req.destroy(); resolve(); }, 300));
    });
    // The server notices the drop, keeps what it wrote and releases the upload's lock.
    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      offset = Number((await t.head(id)).headers['upload-offset']);
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(200 * 1024);
    const rest = await t.patch(id, offset, data.subarray(offset));
    expect(rest.status).toBe(204);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  const video = await ctx.deps.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  expect(video.status).toBe('processing');
  const blob = await ctx.deps.media.blobStore.get(video.source_key!);
  expect(blob.size).toBe(data.length);
  const chunks: Buffer[] = [];
  for await (const c of blob.stream) chunks.push(c as Buffer);
  expect(sha(Buffer.concat(chunks))).toBe(sha(data));
});

test('a PATCH at the wrong offset is refused with 409 and writes nothing', async () => {
  const id = await newVideo(1000);
  const t = tus(ctx.app, teacher.sessionToken);
  await t.create(id, 1000);
  expect((await t.patch(id, 10, randomBytes(10))).status).toBe(409);
  expect((await t.head(id)).headers['upload-offset']).toBe('0');
});

test('a creation that lost its answer may be repeated until bytes arrive, then it is refused', async () => {
  const id = await newVideo(1000);
  const t = tus(ctx.app, teacher.sessionToken);
  expect((await t.create(id, 1000)).status).toBe(201);
  expect((await t.create(id, 1000)).status).toBe(201);
  await t.patch(id, 0, randomBytes(10));
  const again = await t.create(id, 1000);
  expect(again.status).toBe(409);
  expect(again.text).toMatch(/resume it/);
  expect((await t.head(id)).headers['upload-offset']).toBe('10');
});

test('an Upload-Length other than the size announced at the start is refused, and no tus file is made', async () => {
  const id = await newVideo(1000);
  const res = await tus(ctx.app, teacher.sessionToken).create(id, 2000);
  expect(res.status).toBe(400);
  expect(res.text).toMatch(/started for a file of 1000 bytes/);
  expect(existsSync(uploadFile(id))).toBe(false);
});

test('a creation without a video id in its metadata is refused with a clear message', async () => {
  const res = await tus(ctx.app, teacher.sessionToken).create('not-a-uuid', 10);
  expect(res.status).toBe(400);
  expect(res.text).toMatch(/must name its video/);
  const noMeta = await tus(ctx.app, teacher.sessionToken).create('x', 10).set('Upload-Metadata', tusMetadata({ filename: 'a.mp4' }));
  expect(noMeta.status).toBe(400);
});

test('GET of an upload is not offered', async () => {
  const id = await newVideo(1000);
  expect((await teacher.get(`/uploads/${id}`)).status).toBe(405);
});
