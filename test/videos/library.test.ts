// The course video library: what each kind of user sees and may do.
import type request from 'supertest';
import { findVideo } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';
import { everyone, launchSixUsers, requestAs, statuses, type SixUsers, type Who } from '../helpers/six-users.js';
import { createVideo } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let users: SixUsers;
let here: string;
let teacherId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  here = users.here;
  teacherId = users.instructorHereId;
});
afterAll(() => ctx.close());

const get = (who: Who, path: string) => requestAs(ctx, users, who).get(path);
const post = (who: Who, path: string, body: Record<string, string> = {}) => requestAs(ctx, users, who).post(path).type('form').send(body);

describe('authorization of every library route', () => {
  const m = statuses;
  const routes: Array<{ name: string; call: (who: Who) => Promise<request.Response>; expect: Record<Who, number> }> = [
    { name: 'GET /courses/:id/videos', call: async (w) => get(w, `/courses/${here}/videos`), expect: m(401, 200, 403, 200, 403, 200) },
    { name: 'GET /videos/:id/edit', call: async (w) => get(w, `/videos/${(await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here })).id}/edit`), expect: m(401, 403, 403, 200, 403, 200) },
    {
      name: 'POST /videos/:id/edit',
      call: async (w) => post(w, `/videos/${(await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here })).id}/edit`, { title: 'New title', description: '', language: 'en' }),
      expect: m(401, 403, 403, 303, 403, 303),
    },
    { name: 'POST /videos/:id/publish', call: async (w) => post(w, `/videos/${(await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here })).id}/publish`), expect: m(401, 403, 403, 303, 403, 303) },
    {
      name: 'POST /videos/:id/unpublish',
      call: async (w) => post(w, `/videos/${(await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'published' })).id}/unpublish`),
      expect: m(401, 403, 403, 303, 403, 303),
    },
    { name: 'POST /videos/:id/delete', call: async (w) => post(w, `/videos/${(await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here })).id}/delete`), expect: m(401, 403, 403, 303, 403, 303) },
    { name: 'GET /videos/:id/status', call: async (w) => get(w, `/videos/${(await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'processing' })).id}/status`).set('Accept', 'application/json'), expect: m(401, 403, 403, 200, 403, 200) },
  ];
  describe.each(routes)('$name', (route) => {
    it.each(everyone)('for %s', async (who) => {
      expect((await route.call(who)).status).toBe(route.expect[who]);
    });
  });
});

describe('library behaviour', () => {
  it('shows learners only published videos, and creators every status with its actions', async () => {
    await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'published', title: 'Published one' });
    await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'ready', title: 'Draft one' });
    await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'failed', title: 'Broken one' });
    const learner = await get('learnerHere', `/courses/${here}/videos`);
    expect(learner.text).toContain('Published one');
    expect(learner.text).not.toContain('Draft one');
    expect(learner.text).not.toContain('Broken one');
    expect(learner.text).not.toContain('/publish');
    const teacher = await get('instructorHere', `/courses/${here}/videos`);
    for (const title of ['Published one', 'Draft one', 'Broken one']) expect(teacher.text).toContain(title);
    // The stored reason is shown in the reader's language (the demo teacher uses Finnish).
    expect(teacher.text).toContain('Tiedosto on keskeneräinen');
    expect(teacher.text).toMatch(/\/videos\/[0-9a-f-]{36}\/publish/);
  });

  it('searches titles and filters by status, treating % and _ literally', async () => {
    await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'ready', title: 'Quantum 100% basics' });
    await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'ready', title: 'Quantum 1000 advanced' });
    const res = await get('instructorHere', `/courses/${here}/videos?q=${encodeURIComponent('100%')}`);
    expect(res.text).toContain('Quantum 100% basics');
    expect(res.text).not.toContain('Quantum 1000 advanced');
    const failed = await get('instructorHere', `/courses/${here}/videos?status=failed`);
    expect(failed.text).toContain('Broken one');
    expect(failed.text).not.toContain('Quantum');
  });

  it('publishing counts as a view and unpublishing hides the video from learners again', async () => {
    const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'ready', title: 'To publish' });
    expect((await post('instructorHere', `/videos/${v.id}/publish`)).status).toBe(303);
    const published = await findVideo(ctx.deps.db, v.id);
    expect(published?.status).toBe('published');
    expect(published?.published_at).toBeInstanceOf(Date);
    expect(published?.last_viewed_at).toBeInstanceOf(Date);
    expect((await get('learnerHere', `/courses/${here}/videos`)).text).toContain('To publish');
    expect((await post('instructorHere', `/videos/${v.id}/unpublish`)).status).toBe(303);
    expect((await get('learnerHere', `/courses/${here}/videos`)).text).not.toContain('To publish');
  });

  it('refuses to publish a video that is still processing, with a clear conflict', async () => {
    const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, status: 'processing' });
    const res = await post('instructorHere', `/videos/${v.id}/publish`).set('Accept', 'application/json');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('cannot become published');
  });

  it('validates the edit form and keeps the old values on a bad submission', async () => {
    const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, title: 'Keep me' });
    const res = await post('instructorHere', `/videos/${v.id}/edit`, { title: '   ', language: 'de' }).set('Accept', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/title/);
    expect(res.body.error.message).toMatch(/language/);
    expect((await findVideo(ctx.deps.db, v.id))?.title).toBe('Keep me');
  });

  it('moves a deleted video to the trash: gone from the library, row kept for restore', async () => {
    const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here, title: 'Trash me' });
    expect((await post('instructorHere', `/videos/${v.id}/delete`)).status).toBe(303);
    expect((await get('instructorHere', `/courses/${here}/videos`)).text).not.toContain('Trash me');
    expect((await findVideo(ctx.deps.db, v.id))?.trashed_at).toBeInstanceOf(Date);
    expect((await get('instructorHere', `/videos/${v.id}/edit`)).status).toBe(404);
  });

  it('answers unknown or malformed video ids with 404 or 400, never 500', async () => {
    expect((await get('instructorHere', '/videos/00000000-0000-4000-8000-000000000000/edit')).status).toBe(404);
    expect((await post('instructorHere', '/videos/not-a-uuid/publish').set('Accept', 'application/json')).status).toBe(400);
    expect((await get('instructorHere', '/courses/abc/videos').set('Accept', 'application/json')).status).toBe(400);
  });

  it('requires the CSRF token on cookie sessions', async () => {
    const withCookie = await launchAs(ctx, 'teacher', { cookies: true });
    const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: here });
    const res = await withCookie.post(`/videos/${v.id}/publish`).type('form').send({}).set('Accept', 'application/json');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
  });
});

describe('language choice of a signed-in user', () => {
  it('keeps the choice on the session and the user, without cookies, and later launches use it', async () => {
    const c = await launchAs(ctx, 'student', { cookies: false });
    const before = await c.get(`/courses/${c.courseId}`);
    expect(before.text).toContain('<html lang="en">'); // the demo LMS launches the student in English
    const res = await c.post('/locale').type('form').send({ locale: 'sv', returnTo: `/courses/${c.courseId}?st=${c.sessionToken}` });
    expect(res.status).toBe(303);
    expect((await c.get(`/courses/${c.courseId}`)).text).toContain('<html lang="sv">');
    const again = await launchAs(ctx, 'student', { cookies: false });
    expect(again.landing.text).toContain('<html lang="sv">');
  });
});
