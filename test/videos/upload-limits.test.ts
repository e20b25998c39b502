// Limits and bad input of the upload: size, quota, attestation, required fields, and file names that
// try to leave their folder. Limits are tiny here (UPLOAD_MAX_GIB=0.0001 ≈ 104 KiB, quota ≈ 314 KiB).
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { sha256 } from '../../src/auth/hmac.js';
import { safeSourceName } from '../../src/videos/upload.service.js';
import { insertVideo } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { startUpload, tus } from './upload-helpers.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
const MAX = Math.round(0.0001 * 1024 ** 3);

beforeAll(async () => {
  ctx = await createLtiTestContext({ env: { UPLOAD_MAX_GIB: '0.0001', UPLOAD_QUOTA_GIB: '0.0003' } });
  await ctx.deps.queue.start();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
});
afterAll(() => ctx.close());

const videoCount = async () => Number((await ctx.deps.db.selectFrom('videos').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

test('a file over the size limit is refused with 413 and a message naming the limit; nothing is created', async () => {
  const before = await videoCount();
  const res = await startUpload(teacher, teacher.courseId, { fileBytes: MAX + 1 });
  expect(res.status).toBe(413);
  expect(res.body.error.message).toMatch(/largest allowed upload is 105 KiB/);
  expect(await videoCount()).toBe(before);
});

test('tus refuses an Upload-Length over the limit with 413 and a clear message', async () => {
  // A row that claims a bigger file than the limit allows (as if the limit was lowered since it started).
  const { userId } = await ctx.deps.db.selectFrom('sessions').select('user_id as userId').where('token_hash', '=', sha256(teacher.sessionToken)).executeTakeFirstOrThrow();
  const v = await insertVideo(ctx.deps.db, { ownerId: userId, homeCourseId: teacher.courseId, title: 'Big', description: '', language: 'en', sourceName: 'big.mp4', sourceBytes: MAX + 10, statementVersion: 'v' });
  const res = await tus(ctx.app, teacher.sessionToken).create(v.id, MAX + 10);
  expect(res.status).toBe(413);
  expect(res.text).toMatch(/larger than the largest allowed upload/);
});

test('uploads past the per-user quota are refused with 413 and the quota named', async () => {
  const fresh = await launchAs(ctx, 'teacher', { course: 'quota-course', cookies: false });
  // Other tests of this file have used some of the quota; fill it up to the brim.
  let last = await startUpload(fresh, fresh.courseId, { fileBytes: 100 * 1024 });
  for (let i = 0; i < 5 && last.status === 201; i++) last = await startUpload(fresh, fresh.courseId, { fileBytes: 100 * 1024 });
  expect(last.status).toBe(413);
  expect(last.body.error.message).toMatch(/storage quota of 315 KiB/);
});

test('without the rights-and-consent attestation: 400, and no video row', async () => {
  const before = await videoCount();
  const res = await startUpload(teacher, teacher.courseId, { fileBytes: 1000, attestsRightsAndConsent: false });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('attestation_required');
  expect(res.body.error.message).toMatch(/hold the rights/);
  expect(await videoCount()).toBe(before);
});

test('missing title, unknown language or an empty file are refused with the fields named', async () => {
  const res = await startUpload(teacher, teacher.courseId, { fileBytes: 0, title: '  ', language: 'xx' });
  expect(res.status).toBe(400);
  const fields = (res.body.error.details.fields as Array<{ field: string }>).map((f) => f.field).sort();
  expect(fields).toEqual(['fileBytes', 'language', 'title']);
});

test('the attestation is stored with the video and the statement version shown', async () => {
  const res = await startUpload(teacher, teacher.courseId, { fileBytes: 10 });
  const att = await ctx.deps.db.selectFrom('video_attestations').selectAll().where('video_id', '=', res.body.videoId).executeTakeFirstOrThrow();
  expect(att.statement_version).toBe((await ctx.deps.videos.attestation.current()).version);
});

test.each([
  ['../../etc/passwd', 'passwd'],
  ['..\\..\\windows\\evil.mp4', 'evil.mp4'],
  ['.htaccess', 'htaccess'],
  ['..', 'source'],
  ['', 'source'],
  ['Luento ä ö – 1.mp4', 'Luento_a_o_1.mp4'],
  ['a\u0000b.mp4', 'a_b.mp4'],
  [`${'x'.repeat(300)}.webm`, `${'x'.repeat(115)}.webm`],
])('file name %j is stored as %j', (name, safe) => {
  expect(safeSourceName(name)).toBe(safe);
});

test('path tricks in the filename metadata stay inside the video\'s source folder', async () => {
  const data = randomBytes(2000);
  const start = await startUpload(teacher, teacher.courseId, { fileBytes: data.length, fileName: '../../../etc/passwd' });
  const id = start.body.videoId as string;
  const t = tus(ctx.app, teacher.sessionToken);
  expect((await t.create(id, data.length, '../../../../outside/evil.sh')).status).toBe(201);
  expect((await t.patch(id, 0, data)).status).toBe(204);
  const v = await ctx.deps.db.selectFrom('videos').select('source_key').where('id', '=', id).executeTakeFirstOrThrow();
  expect(v.source_key).toBe(`videos/${id}/source/evil.sh`);
  const keys = (await ctx.deps.media.blobStore.list('')).map((b) => b.key);
  expect(keys.every((k) => k.startsWith('videos/'))).toBe(true);
  expect(await readdir(ctx.deps.config.media.uploadDir)).not.toContain(id);
});
