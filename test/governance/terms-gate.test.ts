// The terms gate blocks every route registered after it, for every kind of signed-in user, until the
// current terms are accepted: pages redirect to the gate (keeping the token-carried session), anything
// else gets a 403 that says why. The launch itself, the terms pages and the demo LMS stay open.
import type { Express } from 'express';
import request from 'supertest';
import { systemActor } from '../../src/auth/permissions.js';
import { isLaunchPath, isOpenBeforeAcceptance } from '../../src/governance/terms-gate.js';
import { publishTerms } from '../../src/governance/terms.service.js';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, type SixUsers, type Who } from '../helpers/six-users.js';

type RouteInfo = { method: string; path: string };
type Layer = { name?: string; route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every route of the app mounted after the gate, with sample parameter values. */
function routesAfterGate(app: Express): RouteInfo[] {
  const top = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  const gateAt = top.findIndex((l) => l.name === 'termsGateMiddleware');
  if (gateAt < 0) throw new Error('the terms gate is not mounted');
  const out: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const l of stack) {
      // `_all` is app.all (the tus endpoint): check it with PATCH, the method that writes.
      if (l.route) for (const m of Object.keys(l.route.methods)) out.push({ method: m === '_all' ? 'patch' : m, path: l.route.path.replace(/[{}]/g, '').replace(/:\w+/g, '1').replace(/\*\w+/g, 'x') });
      else if (l.handle?.stack) walk(l.handle.stack);
    }
  };
  walk(top.slice(gateAt + 1));
  return out;
}

let ctx: LtiTestContext;
let users: SixUsers;
const signedIn: Array<Exclude<Who, 'anonymous'>> = ['learnerHere', 'learnerElsewhere', 'instructorHere', 'instructorElsewhere', 'admin'];

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
});
afterAll(() => ctx.close());

it('gates nothing while no terms are published', async () => {
  for (const who of signedIn) expect((await users.clients[who].get(`/courses/${users.clients[who].courseId}`).set('Accept', 'text/html')).status).toBe(200);
});

describe('after terms are published', () => {
  const routes: RouteInfo[] = [];
  beforeAll(async () => {
    await publishTerms({ db: ctx.deps.db, now: () => new Date() }, systemActor, { bodyFi: '# Ehdot', bodySv: '# Villkor', bodyEn: '# Terms\n\nBe nice.', requiresAcceptance: 'on' });
    routes.push(...routesAfterGate(ctx.app));
  });

  it('finds the routes of every router (a sanity check of the walk)', () => {
    const paths = routes.map((r) => r.path);
    for (const p of ['/courses/1', '/admin', '/admin/platforms', '/lti/deep-link', '/admin/terms', '/admin/users', '/admin/audit', '/terms/accept', '/lti/launch', '/'])
      expect(paths).toContain(p);
    expect(routes.length).toBeGreaterThan(30);
  });

  it.each(signedIn)('blocks every gated route for %s: pages redirect to the gate, the rest get 403', async (who) => {
    const c = users.clients[who];
    const gated = routes.filter((r) => !isLaunchPath(r.path) && !isOpenBeforeAcceptance(r.path));
    const wrong: string[] = [];
    for (const r of gated) {
      if (r.method === 'get') {
        const res = await c.get(r.path).set('Accept', 'text/html');
        const loc = String(res.headers.location ?? '');
        const u = new URL(loc, 'https://luento.test');
        if (res.status !== 303 || u.pathname !== '/terms/accept' || u.searchParams.get('st') !== c.sessionToken || u.searchParams.get('next') !== r.path)
          wrong.push(`GET ${r.path}: ${res.status} ${loc}`);
        const api = await c.get(r.path).set('Accept', 'application/json');
        if (api.status !== 403 || (api.body as { error?: { code?: string } }).error?.code !== 'terms_not_accepted') wrong.push(`GET(json) ${r.path}: ${api.status}`);
      } else {
        // Methods other than POST (tus PATCH/HEAD/DELETE…) go straight through supertest with the carried token.
        const withToken = `${r.path}?st=${encodeURIComponent(c.sessionToken)}`;
        const call = r.method === 'post' ? c.post(r.path) : (request(ctx.app) as unknown as Record<string, (p: string) => request.Test>)[r.method]!(withToken);
        const res = await call.set('Accept', 'application/json').type('form').send({});
        if (res.status !== 403 || (res.body as { error?: { code?: string; message?: string } }).error?.code !== 'terms_not_accepted') wrong.push(`${r.method.toUpperCase()} ${r.path}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(gated.length).toBeGreaterThan(25);
    expect(gated.some((r) => r.method !== 'get')).toBe(true);
  });

  it('leaves the launch, the terms pages and the demo LMS open', async () => {
    const c = users.clients.learnerHere;
    expect((await c.get('/terms').set('Accept', 'text/html')).status).toBe(200);
    expect((await c.get('/terms/accept?next=/admin').set('Accept', 'text/html')).status).toBe(200);
    expect((await c.get('/lti/jwks')).status).toBe(200);
    expect((await c.get('/demo')).status).toBe(200);
    // A new launch completes and lands on the gate with its session token.
    const again = await launchAs(ctx, 'student', { cookies: false });
    expect(again.landing.status).toBe(303);
    expect(again.landing.headers.location).toBe(`/terms/accept?next=${encodeURIComponent(again.landingPath.replace(/\?.*/, ''))}&st=${encodeURIComponent(again.sessionToken)}`);
  });

  it('keeps the cookie session on the redirect without adding a token', async () => {
    const c = await launchAs(ctx, 'admin', { course: 'admin-course', cookies: true });
    expect(c.hasCookie).toBe(true);
    expect(c.landing.status).toBe(303);
    expect(c.landing.headers.location).toBe(`/terms/accept?next=${encodeURIComponent(`/courses/${c.courseId}`)}`);
    // A cookie session's form needs its CSRF token: without it nothing is recorded.
    const forged = await c.post('/terms/accept').type('form').set('Accept', 'application/json').send({ version: '1' });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf_failed');
    const gate = await c.get(c.landing.headers.location as string).set('Accept', 'text/html');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(gate.text)?.[1];
    expect(csrf).toBeDefined();
    const ok = await c.post('/terms/accept').type('form').send({ version: '1', _csrf: csrf, next: `/courses/${c.courseId}` });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/courses/${c.courseId}`);
  });

  it('opens everything once accepted, and returns to the page that was asked for', async () => {
    const c = users.clients.instructorHere;
    const page = await c.get(`/terms/accept?next=${encodeURIComponent(`/courses/${c.courseId}`)}`).set('Accept', 'text/html');
    // The demo LMS launches in Finnish: the Finnish text is shown.
    expect(page.text).toContain('<h2>Ehdot</h2>');
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
    const res = await c.post('/terms/accept').type('form').send({ version, next: `/courses/${c.courseId}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/courses/${c.courseId}?st=${encodeURIComponent(c.sessionToken)}`);
    const course = await c.get(`/courses/${c.courseId}`).set('Accept', 'text/html');
    expect(course.status).toBe(200);
    // The footer links to the terms for someone who accepted them.
    expect(course.text).toContain(`href="/terms?st=${encodeURIComponent(c.sessionToken)}"`);
  });

  it('never redirects to another site after accepting', async () => {
    const c = users.clients.learnerElsewhere;
    for (const next of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const page = await c.get(`/terms/accept?next=${encodeURIComponent(next)}`).set('Accept', 'text/html');
      expect(page.text).toContain('name="next" value="/"');
    }
    const res = await c.post('/terms/accept').type('form').send({ version: '1', next: 'https://evil.example/' });
    expect(res.headers.location).toBe(`/?st=${encodeURIComponent(c.sessionToken)}`);
  });
});
