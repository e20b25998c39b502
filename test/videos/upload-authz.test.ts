// Who may open the upload page, start an upload, and send or query its bytes. Sessions are carried by
// token (no cookies) so CSRF does not mask the authorization answer; the cookie path has its own test.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { startUpload, tus } from './upload-helpers.js';

type Who = 'anonymous' | 'learnerHere' | 'learnerElsewhere' | 'instructorHere' | 'instructorElsewhere' | 'admin';
const everyone: Who[] = ['anonymous', 'learnerHere', 'learnerElsewhere', 'instructorHere', 'instructorElsewhere', 'admin'];

let ctx: LtiTestContext;
let here: string;
const clients = {} as Record<Exclude<Who, 'anonymous'>, LaunchedClient>;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  clients.learnerHere = await launchAs(ctx, 'student', { cookies: false });
  clients.instructorHere = await launchAs(ctx, 'teacher', { cookies: false });
  clients.learnerElsewhere = await launchAs(ctx, 'student2', { course: 'another-course', cookies: false });
  clients.instructorElsewhere = await launchAs(ctx, 'teacher', { course: 'another-course', cookies: false });
  clients.admin = await launchAs(ctx, 'admin', { course: 'admin-course', cookies: false });
  here = clients.learnerHere.courseId;
});
afterAll(() => ctx.close());

const onlyCreatorsHere = (ok: number): Record<Who, number> => ({ anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: ok, instructorElsewhere: 403, admin: ok });

describe('GET /courses/:courseId/videos/new', () => {
  it.each(everyone)('for %s', async (who) => {
    const res = who === 'anonymous' ? await request(ctx.app).get(`/courses/${here}/videos/new`) : await clients[who].get(`/courses/${here}/videos/new`);
    expect(res.status).toBe(onlyCreatorsHere(200)[who]);
    if (res.status === 200) expect(res.text).toContain('id="upload-form"');
  });
});

describe('POST /courses/:courseId/videos', () => {
  it.each(everyone)('for %s', async (who) => {
    const body = { title: 'T', language: 'en', fileName: 'a.mp4', fileBytes: 10, attestsRightsAndConsent: true };
    const res = who === 'anonymous' ? await request(ctx.app).post(`/courses/${here}/videos`).set('Accept', 'application/json').send(body) : await startUpload(clients[who], here, body);
    expect(res.status).toBe(onlyCreatorsHere(201)[who]);
  });
});

describe('the tus endpoint is only for the owner of the upload', () => {
  let videoId: string;
  const data = randomBytes(1000);
  beforeAll(async () => {
    videoId = (await startUpload(clients.instructorHere, here, { fileBytes: data.length })).body.videoId as string;
    expect((await tus(ctx.app, clients.instructorHere.sessionToken).create(videoId, data.length)).status).toBe(201);
    expect((await tus(ctx.app, clients.instructorHere.sessionToken).patch(videoId, 0, data.subarray(0, 100))).status).toBe(204);
  });

  // instructorElsewhere is the same person (the demo's teacher) launched from another course: the upload is theirs.
  const others = ['learnerHere', 'learnerElsewhere', 'admin'] as const;
  it.each(others)('%s (another user) gets 403 on HEAD, PATCH and a new creation', async (who) => {
    const t = tus(ctx.app, clients[who].sessionToken);
    const head = await t.head(videoId);
    expect(head.status).toBe(403);
    const patch = await t.patch(videoId, 100, data.subarray(100));
    expect(patch.status).toBe(403);
    expect(patch.text).toMatch(/Only the person who started this upload/);
    expect((await t.create(videoId, data.length)).status).toBe(403);
  });

  it.each([
    ['absent', undefined],
    ['forged', 'forged-session-token-0123456789abcdef'],
  ])('a %s session gets 401', async (_name, token) => {
    const t = tus(ctx.app, token);
    expect((await t.head(videoId)).status).toBe(401);
    const patch = await t.patch(videoId, 100, data.subarray(100));
    expect(patch.status).toBe(401);
    expect(patch.text).toMatch(/Not signed in/);
  });

  it('nothing the others sent was written, and the owner still continues (from any of their sessions)', async () => {
    expect((await tus(ctx.app, clients.instructorElsewhere.sessionToken).head(videoId)).headers['upload-offset']).toBe('100');
    const t = tus(ctx.app, clients.instructorHere.sessionToken);
    expect((await t.patch(videoId, 100, data.subarray(100))).status).toBe(204);
  });
});

test('with a cookie session the JSON start needs the CSRF token', async () => {
  const withCookie = await launchAs(ctx, 'teacher', { cookies: true });
  expect(withCookie.hasCookie).toBe(true);
  const body = { title: 'T', language: 'en', fileName: 'a.mp4', fileBytes: 10, attestsRightsAndConsent: true };
  const refused = await withCookie.post(`/courses/${withCookie.courseId}/videos`).set('Accept', 'application/json').send(body);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('csrf_failed');
  const page = await withCookie.get(`/courses/${withCookie.courseId}/videos/new`);
  const csrf = /data-csrf="([^"]+)"/.exec(page.text)?.[1];
  expect(csrf).toBeTruthy();
  const ok = await withCookie.post(`/courses/${withCookie.courseId}/videos`).set('Accept', 'application/json').send({ ...body, _csrf: csrf });
  expect(ok.status).toBe(201);
});
