// Every route of the governance part 1 (terms of use, users, audit log), for each of the six kinds of
// user. Terms version 1 is published and accepted by everyone first, so the gate is open and each answer
// is the route's own authorization.
import type request from 'supertest';
import { systemActor } from '../../src/auth/permissions.js';
import { publishTerms } from '../../src/governance/terms.service.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { everyone, launchSixUsers, requestAs, statuses, type SixUsers, type Who } from '../helpers/six-users.js';

let ctx: LtiTestContext;
let users: SixUsers;
let spareUserId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  await publishTerms({ db: ctx.deps.db, now: () => new Date() }, systemActor, { bodyFi: 'Ehdot', bodySv: 'Villkor', bodyEn: 'Terms', requiresAcceptance: 'on' });
  for (const c of Object.values(users.clients)) expect((await c.post('/terms/accept').type('form').send({ version: '1' })).status).toBe(303);
  const platform = await ctx.deps.db.selectFrom('lti_platforms').select('id').executeTakeFirstOrThrow();
  spareUserId = (await ctx.deps.db.insertInto('users').values({ platform_id: platform.id, sub: 'spare-user', name: 'Spare User' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => ctx.close());

const get = (who: Who, path: string) => requestAs(ctx, users, who).get(path).set('Accept', 'text/html');
const post = (who: Who, path: string, body: Record<string, string | string[]> = {}) => requestAs(ctx, users, who).post(path).type('form').send(body);
const m = statuses;
const adminOnly = (ok: number) => m(401, 403, 403, 403, 403, ok);
const all = (s: number) => m(s, s, s, s, s, s);

const routes: Array<{ name: string; call: (who: Who) => Promise<request.Response> | request.Test; expect: Record<Who, number> }> = [
  { name: 'GET /terms (public)', call: (w) => get(w, '/terms'), expect: all(200) },
  // Already accepted: straight on to the next page.
  { name: 'GET /terms/accept', call: (w) => get(w, '/terms/accept?next=/'), expect: m(401, 303, 303, 303, 303, 303) },
  { name: 'POST /terms/accept', call: (w) => post(w, '/terms/accept', { version: '1' }), expect: m(401, 303, 303, 303, 303, 303) },
  { name: 'POST /terms/decline', call: (w) => post(w, '/terms/decline', { version: '1' }), expect: m(401, 303, 303, 303, 303, 303) },
  { name: 'GET /terms/declined (public)', call: (w) => get(w, '/terms/declined'), expect: all(200) },
  { name: 'GET /admin/terms', call: (w) => get(w, '/admin/terms'), expect: adminOnly(200) },
  // A correction (no re-acceptance), so the gate stays open for the rest of the matrix.
  { name: 'POST /admin/terms', call: (w) => post(w, '/admin/terms', { bodyFi: 'Ehdot.', bodySv: 'Villkor.', bodyEn: 'Terms.' }), expect: adminOnly(303) },
  { name: 'POST /admin/terms/policy', call: (w) => post(w, '/admin/terms/policy', { mustAccept: ['viewer', 'creator', 'manager', 'admin'], supportContact: 'help@uni.example' }), expect: adminOnly(303) },
  { name: 'GET /admin/users', call: (w) => get(w, '/admin/users?q=spare'), expect: adminOnly(200) },
  { name: 'POST /admin/users/:id/disable', call: (w) => post(w, `/admin/users/${spareUserId}/disable`, { reason: 'authorization test' }), expect: adminOnly(303) },
  { name: 'POST /admin/users/:id/enable', call: (w) => post(w, `/admin/users/${spareUserId}/enable`, { reason: 'authorization test' }), expect: adminOnly(303) },
  { name: 'GET /admin/audit', call: (w) => get(w, '/admin/audit'), expect: adminOnly(200) },
  { name: 'GET /admin/audit?format=csv', call: (w) => get(w, '/admin/audit?format=csv'), expect: adminOnly(200) },
];

describe.each(routes)('$name', (route) => {
  it.each(everyone)('for %s', async (who) => {
    expect((await route.call(who)).status).toBe(route.expect[who]);
  });
});
