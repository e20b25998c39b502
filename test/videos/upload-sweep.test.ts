// Abandoned uploads: a video still uploading with no progress for the idle period loses its partial
// file and its row; a recent one, and videos past uploading, are kept. The job runs the same sweep.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createUploadStore } from '../../src/videos/tus-server.js';
import { sweepAbandonedUploads, uploadSweepJob } from '../../src/videos/upload-sweep.job.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { startUpload, tus } from './upload-helpers.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
const HOUR = 3600_000;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
});
afterAll(() => ctx.close());

async function partialUpload(): Promise<string> {
  const id = (await startUpload(teacher, teacher.courseId, { fileBytes: 5000 })).body.videoId as string;
  const t = tus(ctx.app, teacher.sessionToken);
  expect((await t.create(id, 5000)).status).toBe(201);
  expect((await t.patch(id, 0, randomBytes(1000))).status).toBe(204);
  return id;
}
const age = (id: string, hours: number) => ctx.deps.db.updateTable('videos').set({ updated_at: sql`now() - make_interval(hours => ${hours})` }).where('id', '=', id).execute();
const exists = async (id: string) => (await ctx.deps.db.selectFrom('videos').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
const fileOf = (id: string) => path.join(ctx.deps.config.media.uploadDir, id);

test('an idle upload is removed with its file; a recent one and a finished one stay; a dry run removes nothing', async () => {
  const idle = await partialUpload();
  const recent = await partialUpload();
  const finished = (await startUpload(teacher, teacher.courseId, { fileBytes: 10 })).body.videoId as string;
  await tus(ctx.app, teacher.sessionToken).create(finished, 10);
  await tus(ctx.app, teacher.sessionToken).patch(finished, 0, randomBytes(10));
  await age(idle, 49);
  await age(recent, 47);
  await age(finished, 100);
  const store = createUploadStore(ctx.deps.config.media);
  const base = { db: ctx.deps.db, store, now: new Date(), idleMs: 48 * HOUR, log: ctx.deps.log };

  expect((await sweepAbandonedUploads({ ...base, dryRun: true })).videoIds).toEqual([idle]);
  expect(await exists(idle)).toBe(true);

  expect((await sweepAbandonedUploads(base)).videoIds).toEqual([idle]);
  expect(await exists(idle)).toBe(false);
  expect(existsSync(fileOf(idle))).toBe(false);
  expect(existsSync(`${fileOf(idle)}.json`)).toBe(false);
  expect(await exists(recent)).toBe(true);
  expect(existsSync(fileOf(recent))).toBe(true);
  expect(await exists(finished)).toBe(true);
  // The owner coming back to the swept upload is told plainly that nothing waits for it any more.
  const late = await tus(ctx.app, teacher.sessionToken).head(idle);
  expect(late.status).toBe(404);
});

test('an upload that never sent a byte is swept too', async () => {
  const id = (await startUpload(teacher, teacher.courseId, { fileBytes: 10 })).body.videoId as string;
  await age(id, 72);
  const store = createUploadStore(ctx.deps.config.media);
  expect((await sweepAbandonedUploads({ db: ctx.deps.db, store, now: new Date(), idleMs: 48 * HOUR, log: ctx.deps.log })).videoIds).toContain(id);
  expect(await exists(id)).toBe(false);
});

test('the job sweeps with the upload store and idle period of the worker context', async () => {
  const id = await partialUpload();
  await age(id, 30);
  const info = { jobId: 'j', attempt: 1, signal: new AbortController().signal };
  const keep = await partialUpload();
  await age(keep, 20);
  const withUploads = { ...ctx.deps.workerContext, uploads: { store: createUploadStore(ctx.deps.config.media), idleHours: 24 } };
  await uploadSweepJob.run({}, withUploads, info);
  expect(await exists(keep)).toBe(true);
  expect(await exists(id)).toBe(false);
  expect(existsSync(fileOf(id))).toBe(false);
});

test('bytes arriving count as progress: an upload resumed after a long pause is not swept', async () => {
  const id = await partialUpload();
  await age(id, 49);
  expect((await tus(ctx.app, teacher.sessionToken).patch(id, 1000, randomBytes(1000))).status).toBe(204);
  await new Promise((r) => setTimeout(r, 200)); // the progress update is not awaited by the response
  const store = createUploadStore(ctx.deps.config.media);
  expect((await sweepAbandonedUploads({ db: ctx.deps.db, store, now: new Date(), idleMs: 48 * HOUR, log: ctx.deps.log })).videoIds).not.toContain(id);
  expect(await exists(id)).toBe(true);
});
