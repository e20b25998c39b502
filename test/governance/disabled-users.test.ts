// Disabled accounts: an admin disables a user with a reason; that user's launches are refused with a
// page that says so and whom to contact, their existing sessions stop working, nothing is deleted, and
// re-enabling restores everything. Each change and each refused launch is audited.
import request from 'supertest';
import { sha256 } from '../../src/auth/hmac.js';
import { createLtiTestContext, decodeHtml, formFields, launchAs, TEST_PUBLIC_URL, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, type SixUsers } from '../helpers/six-users.js';
import { userIdOfSession } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let users: SixUsers;
let admin: LaunchedClient;
let learner: LaunchedClient;
let learnerId: string;
let adminId: string;

const pathOf = (url: string) => {
  const u = new URL(url, TEST_PUBLIC_URL);
  return u.pathname + u.search;
};

/** The demo LMS's launch of the student, up to the launch response (launchAs insists on success). */
async function rawLaunch(user: string): Promise<request.Response> {
  const demo = await request(ctx.app).get(`/demo/launch?user=${user}&m=resource`);
  const login = await request(ctx.app).get(pathOf(decodeHtml(/<iframe[^>]*src="([^"]+)"/.exec(demo.text)?.[1] ?? '')));
  const auth = await request(ctx.app).get(pathOf(login.headers.location as string));
  const { action, fields } = formFields(auth.text);
  const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return request(ctx.app).post(pathOf(action)).set('Cookie', cookie).set('Accept', 'text/html').type('form').send(fields);
}

const audit = (action: string) => ctx.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
const counts = async () => ({
  memberships: (await ctx.deps.db.selectFrom('memberships').select('course_id').where('user_id', '=', learnerId).execute()).length,
  sessions: (await ctx.deps.db.selectFrom('sessions').select('token_hash').where('user_id', '=', learnerId).execute()).length,
});

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  ({ admin, learnerHere: learner } = users.clients);
  learnerId = await userIdOfSession(ctx.deps.db, sha256(learner.sessionToken));
  adminId = await userIdOfSession(ctx.deps.db, sha256(admin.sessionToken));
  await admin.post('/admin/terms/policy').type('form').send({ mustAccept: ['viewer'], supportContact: 'helpdesk@uni.example' });
});
afterAll(() => ctx.close());

it('finds users by name or e-mail', async () => {
  const byName = await admin.get('/admin/users?q=sam').set('Accept', 'text/html');
  expect(byName.status).toBe(200);
  expect(byName.text).toContain('Sam Student');
  expect(byName.text).not.toContain('Tuula Opettaja');
  const byEmail = await admin.get('/admin/users?q=TUULA.opettaja%40demo').set('Accept', 'text/html');
  expect(byEmail.text).toContain('Tuula Opettaja');
  expect(byEmail.text).not.toContain('Sam Student');
  // LIKE wildcards are searched for literally.
  expect((await admin.get('/admin/users?q=%25').set('Accept', 'text/html')).text).toContain('class="empty-state"');
});

it('refuses to disable without a reason, or your own account, and changes nothing', async () => {
  const noReason = await admin.post(`/admin/users/${learnerId}/disable`).type('form').set('Accept', 'application/json').send({ reason: ' ' });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.message).toMatch(/reason/);
  const self = await admin.post(`/admin/users/${adminId}/disable`).type('form').set('Accept', 'application/json').send({ reason: 'test' });
  expect(self.status).toBe(400);
  expect(self.body.error.code).toBe('cannot_disable_self');
  expect((await admin.post('/admin/users/999999/disable').type('form').send({ reason: 'x' })).status).toBe(404);
  expect((await admin.post('/admin/users/abc/disable').type('form').send({ reason: 'x' })).status).toBe(404);
  expect(await audit('user.disabled')).toEqual([]);
  expect((await learner.get(`/courses/${learner.courseId}`).set('Accept', 'text/html')).status).toBe(200);
});

describe('once disabled', () => {
  let before: { memberships: number; sessions: number };
  beforeAll(async () => {
    before = await counts();
    const res = await admin.post(`/admin/users/${learnerId}/disable`).type('form').send({ reason: 'Account misuse, ticket 4711' });
    expect(res.status).toBe(303);
  });

  it('stops the existing session: pages say why and whom to contact, other requests get 403', async () => {
    const pageRes = await learner.get(`/courses/${learner.courseId}`).set('Accept', 'text/html');
    expect(pageRes.status).toBe(403);
    expect(pageRes.text).toContain('Your Luento account has been disabled');
    expect(pageRes.text).toContain('helpdesk@uni.example');
    const api = await learner.post('/locale').set('Accept', 'application/json').type('form').send({ locale: 'fi' });
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe('account_disabled');
    // The terms pages are no way around it.
    expect((await learner.get('/terms/accept').set('Accept', 'text/html')).status).toBe(403);
  });

  it('refuses a new launch with a page naming the contact, and audits it with the reason', async () => {
    const res = await rawLaunch('student');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Your Luento account has been disabled');
    expect(res.text).toContain('helpdesk@uni.example');
    const refused = await audit('launch.refused');
    expect(refused.at(-1)).toMatchObject({ reason: 'user_disabled', actor_id: learnerId, subject_kind: 'user', subject_id: learnerId });
  });

  it('deletes nothing and audits the change with its reason', async () => {
    expect(await counts()).toEqual(before);
    const row = await ctx.deps.db.selectFrom('users').select(['name', 'disabled_reason', 'disabled_by']).where('id', '=', learnerId).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Sam Student', disabled_reason: 'Account misuse, ticket 4711', disabled_by: adminId });
    expect(await audit('user.disabled')).toEqual([expect.objectContaining({ actor_id: adminId, subject_kind: 'user', subject_id: learnerId, reason: 'Account misuse, ticket 4711' })]);
    expect((await admin.get('/admin/users?q=sam').set('Accept', 'text/html')).text).toContain('Account misuse, ticket 4711');
  });

  it('leaves other users alone', async () => {
    const t = users.clients.instructorHere;
    expect((await t.get(`/courses/${t.courseId}`).set('Accept', 'text/html')).status).toBe(200);
  });
});

it('re-enabling restores the old session and launches', async () => {
  const res = await admin.post(`/admin/users/${learnerId}/enable`).type('form').send({ reason: 'Resolved' });
  expect(res.status).toBe(303);
  expect((await learner.get(`/courses/${learner.courseId}`).set('Accept', 'text/html')).status).toBe(200);
  const again = await launchAs(ctx, 'student', { cookies: false });
  expect(again.landing.status).toBe(200);
  expect(await audit('user.enabled')).toEqual([expect.objectContaining({ actor_id: adminId, subject_id: learnerId, reason: 'Resolved' })]);
});
