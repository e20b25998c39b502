// Terms of use end to end over HTTP: an admin publishes versions, users accept or decline, a new
// version that requires acceptance closes the gate again and a correction does not, the policy says who
// must accept and whom to contact, and every step is recorded per user and version and audited.
import { sha256 } from '../../src/auth/hmac.js';
import { createLtiTestContext, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, type SixUsers } from '../helpers/six-users.js';
import { userIdOfSession } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let users: SixUsers;
let admin: LaunchedClient;
let learner: LaunchedClient;
let teacher: LaunchedClient;

const page = (c: LaunchedClient, path: string) => c.get(path).set('Accept', 'text/html');
const isGated = async (c: LaunchedClient) => (await page(c, `/courses/${c.courseId}`)).status === 303;
const versionOnGate = async (c: LaunchedClient) => /name="version" value="(\d+)"/.exec((await page(c, '/terms/accept')).text)?.[1];
const accept = async (c: LaunchedClient) => c.post('/terms/accept').type('form').send({ version: await versionOnGate(c), next: `/courses/${c.courseId}` });
const audit = (action: string) => ctx.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

const publish = (body: Record<string, string>) =>
  admin.post('/admin/terms').type('form').send({ bodyFi: '# Käyttöehdot\n\nOle kohtelias.', bodySv: '# Villkor\n\nVar artig.', bodyEn: '# Terms\n\nBe polite.', ...body });

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  ({ admin, learnerHere: learner, instructorHere: teacher } = users.clients);
});
afterAll(() => ctx.close());

it('publishes version 1 and then asks everyone, the admin too, to accept it', async () => {
  const res = await publish({ requiresAcceptance: 'on' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/admin\/terms\?published=1/);
  for (const c of [admin, learner, teacher]) expect(await isGated(c)).toBe(true);
  const published = await audit('terms.published');
  expect(published).toHaveLength(1);
  expect(published[0]).toMatchObject({ subject_kind: 'terms', subject_id: '1', actor_id: await userIdOfSession(ctx.deps.db, sha256(admin.sessionToken)) });
});

it('records acceptance per user and version with a timestamp, and audits it', async () => {
  const before = Date.now();
  for (const c of [admin, teacher]) expect((await accept(c)).status).toBe(303);
  expect(await isGated(teacher)).toBe(false);
  const teacherId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
  const row = await ctx.deps.db.selectFrom('terms_acceptances').selectAll().where('user_id', '=', teacherId).executeTakeFirstOrThrow();
  expect(row.version).toBe(1);
  expect(row.accepted_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect((await audit('terms.accepted')).map((e) => e.subject_id)).toEqual(['1', '1']);
  // Accepting twice changes nothing and audits nothing more.
  await teacher.post('/terms/accept').type('form').send({ version: '1' });
  expect(await audit('terms.accepted')).toHaveLength(2);
});

it('shows a user who declines why access is blocked and whom to contact', async () => {
  await admin.post('/admin/terms/policy').type('form').send({ mustAccept: ['viewer', 'creator', 'manager', 'admin'], supportContact: 'support@uni.example, +358 9 123 4567' });
  const res = await learner.post('/terms/decline').type('form').send({ version: '1', next: `/courses/${learner.courseId}` });
  expect(res.status).toBe(303);
  // The client adds the carried token itself.
  const declined = await page(learner, (res.headers.location as string).replace(/[?&]st=[^&]*$/, ''));
  expect(declined.status).toBe(200);
  expect(declined.text).toContain('You did not accept the terms of use');
  expect(declined.text).toContain('support@uni.example, +358 9 123 4567');
  expect(declined.text).toContain(`/terms/accept?next=${encodeURIComponent(`/courses/${learner.courseId}`)}&amp;st=`);
  expect(await isGated(learner)).toBe(true);
  const events = await audit('terms.declined');
  expect(events).toHaveLength(1);
  expect(events[0]?.actor_id).toBe(await userIdOfSession(ctx.deps.db, sha256(learner.sessionToken)));
});

it('refuses to record acceptance of a version that is not the current one', async () => {
  const res = await learner.post('/terms/accept').type('form').set('Accept', 'application/json').send({ version: '7' });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('terms_changed');
  const res2 = await learner.post('/terms/accept').type('form').set('Accept', 'application/json').send({ version: 'x' });
  expect(res2.status).toBe(400);
});

it('asks again when a new version requires acceptance, and not for a correction', async () => {
  expect((await publish({ requiresAcceptance: 'on', bodyEn: '# Terms v2' })).status).toBe(303);
  expect(await isGated(teacher)).toBe(true);
  const gate = await page(teacher, '/terms/accept');
  expect(gate.text).toContain('Käyttöehdot ovat muuttuneet');
  expect((await accept(teacher)).status).toBe(303);
  expect((await accept(admin)).status).toBe(303);
  // Version 3 is a correction: nobody who accepted version 2 is asked again.
  expect((await publish({ bodyEn: '# Terms v3 (typo fixed)' })).status).toBe(303);
  expect(await isGated(teacher)).toBe(false);
  // The learner, who accepted nothing, must accept: the current (newest) version is what they read and accept.
  expect(await versionOnGate(learner)).toBe('3');
  expect((await accept(learner)).status).toBe(303);
  expect(await isGated(learner)).toBe(false);
});

it('lets the policy exempt roles from accepting', async () => {
  await publish({ requiresAcceptance: 'on', bodyEn: '# Terms v4' });
  const other = users.clients.learnerElsewhere;
  expect(await isGated(other)).toBe(true);
  await accept(admin);
  expect((await admin.post('/admin/terms/policy').type('form').send({ mustAccept: ['creator', 'manager'], supportContact: '' })).status).toBe(303);
  expect(await isGated(other)).toBe(false);
  expect(await isGated(admin)).toBe(false);
  expect(await isGated(teacher)).toBe(true);
  const settings = await audit('settings.changed');
  expect(settings.at(-1)?.details).toMatchObject({ after: { mustAccept: ['creator', 'manager'] } });
  await admin.post('/admin/terms/policy').type('form').send({ mustAccept: ['viewer', 'creator', 'manager', 'admin'] });
  expect(await isGated(other)).toBe(true);
});

it('shows admins the versions with acceptance counts', async () => {
  const res = await page(admin, '/admin/terms');
  expect(res.status).toBe(200);
  const counts = [...res.text.matchAll(/data-version="(\d+)">[\s\S]*?class="acceptances">(\d+)</g)].map((m) => [m[1], m[2]]);
  expect(counts).toEqual([['4', '1'], ['3', '1'], ['2', '2'], ['1', '2']]);
});

it('renders the terms safely for anyone to read', async () => {
  await publish({ requiresAcceptance: 'on', bodyEn: '# Terms\n\n<script>alert(1)</script> [help](javascript:alert(1)) [support](https://uni.example/support)' });
  const res = await page(learner, '/terms');
  expect(res.status).toBe(200);
  expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(res.text).not.toContain('<script>alert(1)');
  expect(res.text).not.toContain('href="javascript:');
  expect(res.text).toContain('<a href="https://uni.example/support">support</a>');
});

it('refuses an empty or oversized text with a message, and publishes nothing', async () => {
  await accept(admin);
  const before = await ctx.deps.db.selectFrom('terms_versions').select('version').execute();
  const res = await publish({ bodySv: '   ' }).set('Accept', 'application/json');
  expect(res.status).toBe(400);
  expect(res.body.error.message).toContain('bodySv: is required');
  const big = await publish({ bodyEn: 'x'.repeat(100_001) }).set('Accept', 'application/json');
  expect(big.status).toBe(400);
  expect(big.body.error.message).toContain('bodyEn: is too long');
  expect(await ctx.deps.db.selectFrom('terms_versions').select('version').execute()).toHaveLength(before.length);
});
