// Who may reach the recorder (its page and the call that starts a recording's upload: the six-user
// matrix), what the page offers, and how bad recording requests are refused without leaving anything.
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';
import { everyone, launchSixUsers, requestAs, statuses, type SixUsers } from '../helpers/six-users.js';

let ctx: LtiTestContext;
let users: SixUsers;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
}, 60_000);
afterAll(() => ctx.close());

const recording = { title: 'Screencast', language: 'en', fileBytes: 1000, mimeType: 'video/webm;codecs=vp8,opus', attestsRightsAndConsent: true, layout: 'screen-camera', recordedMs: 5000 };

describe('GET /courses/:courseId/record', () => {
  const expected = statuses(401, 403, 403, 200, 403, 200);
  it.each(everyone)('for %s', async (who) => {
    const res = await requestAs(ctx, users, who).get(`/courses/${users.here}/record`);
    expect(res.status).toBe(expected[who]);
    if (res.status === 200) {
      expect(res.text).toContain('id="recorder"');
      expect(res.text).toContain('/static/js/recorder/recorder-page.js');
      // The recording goes to this course, which the review names.
      expect(res.text).toMatch(/class="recorder-course">[^<]*\S[^<]*</);
    }
  });
});

describe('POST /courses/:courseId/recordings', () => {
  const expected = statuses(401, 403, 403, 201, 403, 201);
  it.each(everyone)('for %s', async (who) => {
    const before = await ctx.deps.db.selectFrom('videos').select(ctx.deps.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await requestAs(ctx, users, who).post(`/courses/${users.here}/recordings`).set('Accept', 'application/json').send(recording);
    expect(res.status).toBe(expected[who]);
    const after = await ctx.deps.db.selectFrom('videos').select(ctx.deps.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(res.status === 201 ? 1 : 0);
    if (res.status !== 201) return;
    const row = await ctx.deps.db.selectFrom('recordings').innerJoin('videos', 'videos.id', 'recordings.video_id').selectAll().where('video_id', '=', res.body.videoId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ layout: 'screen-camera', recorded_ms: 5000, trim_start_ms: 0, trim_end_ms: null, status: 'uploading', source_bytes: '1000' });
    expect(row.source_name).toMatch(/^recording-\d{8}-\d{4}\.webm$/);
  });
});

test('the library offers Record to those who may upload, and not to learners', async () => {
  const teacher = await users.clients.instructorHere.get(`/courses/${users.here}/videos`);
  expect(teacher.text).toContain(`/courses/${users.here}/record`);
  const learner = await users.clients.learnerHere.get(`/courses/${users.here}/videos`);
  expect(learner.text).not.toContain(`/courses/${users.here}/record`);
});

test('the pop-out link carries the session, also for a cookie session (a partitioned cookie stays in the frame)', async () => {
  const cookieTeacher = await launchAs(ctx, 'teacher');
  expect(cookieTeacher.hasCookie).toBe(true);
  const res = await cookieTeacher.get(`/courses/${cookieTeacher.courseId}/record`);
  expect(res.status).toBe(200);
  expect(res.text).toMatch(new RegExp(`href="/courses/${cookieTeacher.courseId}/record\\?st=[^"]+" target="_blank"`));
});

describe('bad recording requests are refused with a reason, and leave no video behind', () => {
  it.each([
    ['trim end before start', { trimStartMs: 3000, trimEndMs: 2000 }, /end of the trim must come after its start/],
    ['trim keeps too little', { trimStartMs: 4800 }, /keeps less than 0.5 s/],
    ['unknown layout', { layout: 'mosaic' }, /layout/],
    ['no attestation', { attestsRightsAndConsent: false }, /Confirm that you hold the rights/],
    ['not media', { mimeType: 'text/html' }, /not audio or video/],
    ['absurd length', { recordedMs: 10 * 24 * 3600 * 1000 }, /recordedMs/],
  ])('%s', async (_name, change, message) => {
    const before = await ctx.deps.db.selectFrom('videos').select(ctx.deps.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await users.clients.instructorHere.post(`/courses/${users.here}/recordings`).set('Accept', 'application/json').send({ ...recording, ...change });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
    const after = await ctx.deps.db.selectFrom('videos').select(ctx.deps.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  test('a statement version other than the current one is refused (the page was open while it changed)', async () => {
    const page = await users.clients.instructorHere.get(`/courses/${users.here}/record`);
    const shown = /name="attestationVersion" value="([^"]+)"/.exec(page.text)?.[1];
    expect(shown).toBeTruthy();
    const ok = await users.clients.instructorHere.post(`/courses/${users.here}/recordings`).set('Accept', 'application/json').send({ ...recording, attestationVersion: shown });
    expect(ok.status).toBe(201);
    const before = await ctx.deps.db.selectFrom('videos').select(ctx.deps.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const stale = await users.clients.instructorHere.post(`/courses/${users.here}/recordings`).set('Accept', 'application/json').send({ ...recording, attestationVersion: 'old-version' });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).toMatch(/statement changed/);
    const after = await ctx.deps.db.selectFrom('videos').select(ctx.deps.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  test('a valid trim is stored for processing', async () => {
    const res = await users.clients.instructorHere.post(`/courses/${users.here}/recordings`).set('Accept', 'application/json').send({ ...recording, trimStartMs: 1000, trimEndMs: 4000 });
    expect(res.status).toBe(201);
    const row = await ctx.deps.db.selectFrom('recordings').selectAll().where('video_id', '=', res.body.videoId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ trim_start_ms: 1000, trim_end_ms: 4000 });
  });
});
