// Every route of the LTI, course and admin features, for each kind of user. Sessions are token-carried
// (no cookies), so CSRF does not mask the authorization answer; CSRF has its own tests.
import request from 'supertest';
import { createLtiTestContext, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { everyone, launchSixUsers, type SixUsers, type Who } from '../helpers/six-users.js';

let ctx: LtiTestContext;
let users: SixUsers;
let here: string;
let platformId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  here = users.here;
  platformId = (await ctx.deps.db.selectFrom('lti_platforms').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => ctx.close());

type Route = { name: string; call: (c: LaunchedClient | undefined) => request.Test; expect: Record<Who, number> };

const get = (path: () => string) => (c: LaunchedClient | undefined) => (c ? c.get(path()) : request(ctx.app).get(path()));
const post = (path: () => string, body: Record<string, string>) => (c: LaunchedClient | undefined) => (c ? c.post(path()) : request(ctx.app).post(path())).type('form').send(body);
const all = (status: number): Record<Who, number> => Object.fromEntries(everyone.map((w) => [w, status])) as Record<Who, number>;
const adminOnly = (ok: number): Record<Who, number> => ({ anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 403, instructorElsewhere: 403, admin: ok });

const routes: Route[] = [
  { name: 'GET /courses/:id', call: get(() => `/courses/${here}`), expect: { anonymous: 401, learnerHere: 200, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 } },
  // Not opened from a video link: nothing to show (404) once access to the course is granted.
  { name: 'GET /courses/:id/embed', call: get(() => `/courses/${here}/embed`), expect: { anonymous: 401, learnerHere: 404, learnerElsewhere: 403, instructorHere: 404, instructorElsewhere: 403, admin: 404 } },
  // The picker needs a Deep Linking session: learners are refused by role, the others by the session kind.
  { name: 'GET /lti/deep-link', call: get(() => '/lti/deep-link'), expect: { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 403, instructorElsewhere: 403, admin: 403 } },
  { name: 'POST /lti/deep-link', call: post(() => '/lti/deep-link', { video: 'v-1' }), expect: { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 403, instructorElsewhere: 403, admin: 403 } },
  { name: 'GET /admin', call: get(() => '/admin'), expect: adminOnly(200) },
  { name: 'GET /admin/platforms', call: get(() => '/admin/platforms'), expect: adminOnly(200) },
  {
    name: 'POST /admin/platforms',
    call: post(() => '/admin/platforms', { issuer: 'https://moodle.authz.test', clientId: 'c1', authUrl: 'https://moodle.authz.test/auth', tokenUrl: 'https://moodle.authz.test/token', jwksUrl: 'https://moodle.authz.test/jwks', deploymentIds: '1' }),
    expect: adminOnly(303),
  },
  { name: 'POST /admin/platforms/:id/status', call: post(() => `/admin/platforms/${platformId}/status`, { status: 'active' }), expect: adminOnly(303) },
  { name: 'GET /lti/jwks (public)', call: get(() => '/lti/jwks'), expect: all(200) },
  { name: 'GET /demo (public demo LMS)', call: get(() => '/demo'), expect: all(200) },
  // Login initiation and launch are for platforms: without valid parameters everyone gets the same 4xx.
  { name: 'GET /lti/login without parameters', call: get(() => '/lti/login'), expect: all(400) },
  { name: 'POST /lti/launch without a token', call: post(() => '/lti/launch', {}), expect: all(400) },
  { name: 'POST /lti/launch/confirm without a state', call: post(() => '/lti/launch/confirm', {}), expect: all(401) },
  { name: 'GET /lti/register without a configuration URL', call: get(() => '/lti/register'), expect: all(400) },
];

describe.each(routes)('$name', (route) => {
  it.each(everyone)('for %s', async (who) => {
    const res = await route.call(who === 'anonymous' ? undefined : users.clients[who]);
    expect(res.status).toBe(route.expect[who]);
  });
});
