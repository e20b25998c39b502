import request from 'supertest';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';

describe('resource link launch through the demo LMS', () => {
  let ctx: LtiTestContext;
  beforeAll(async () => {
    ctx = await createLtiTestContext();
  });
  afterAll(() => ctx.close());

  it('with cookies: lands on the course page holding a session cookie, in the launch locale', async () => {
    const c = await launchAs(ctx, 'teacher');
    expect(c.hasCookie).toBe(true);
    expect(c.landing.status).toBe(200);
    expect(c.landing.text).toContain('Tuula Opettaja');
    expect(c.landing.text).toContain('sisällöntuottaja'); // creator, in Finnish (launch locale fi-FI)
    expect(c.landing.text).toContain('<html lang="fi">');
    // A later request without the token in the URL still works: the cookie carries the session.
    const again = await c.get(`/courses/${c.courseId}`);
    expect(again.status).toBe(200);
    expect(again.text).not.toContain('st=');
  });

  it('without cookies: the session token rides in the links and keeps working', async () => {
    const c = await launchAs(ctx, 'teacher', { cookies: false });
    expect(c.hasCookie).toBe(false);
    expect(c.landing.status).toBe(200);
    expect(c.landing.text).toContain(`st=${c.sessionToken}`); // management links carry the token
    const next = await c.get(`/courses/${c.courseId}`);
    expect(next.status).toBe(200);
    // Without the token and without a cookie, nobody is signed in.
    expect((await request(ctx.app).get(`/courses/${c.courseId}`)).status).toBe(401);
  });

  it('with platform storage instead of cookies (lti_storage_target)', async () => {
    const c = await launchAs(ctx, 'student', { cookies: false, storage: true });
    expect(c.landing.status).toBe(200);
    expect(c.landing.text).toContain('Sam Student');
  });

  it('learners see the honest empty state and no management links; Swedish locale', async () => {
    const c = await launchAs(ctx, 'student2');
    expect(c.landing.text).toContain('Saga Studerande');
    expect(c.landing.text).toContain('tittare');
    expect(c.landing.text).toContain('Inga videor har publicerats');
    expect(c.landing.text).not.toContain('/videos/new');
  });

  it('creators see management links (to pages that come with the video feature)', async () => {
    const c = await launchAs(ctx, 'teacher');
    expect(c.landing.text).toContain(`/courses/${c.courseId}/videos/new`);
  });

  it('provisions user, course and membership once, and updates them on the next launch', async () => {
    await launchAs(ctx, 'student', { course: 'provision-test' });
    await launchAs(ctx, 'student', { course: 'provision-test' });
    const courses = await ctx.deps.db.selectFrom('courses').selectAll().where('context_id', '=', 'provision-test').execute();
    expect(courses).toHaveLength(1);
    expect(courses[0]?.library_provisioned_at).toBeInstanceOf(Date);
    const members = await ctx.deps.db.selectFrom('memberships').select('role').where('course_id', '=', courses[0]?.id ?? '').execute();
    expect(members).toEqual([{ role: 'viewer' }]);
  });

  it('the admin becomes a site admin', async () => {
    await launchAs(ctx, 'admin');
    const u = await ctx.deps.db.selectFrom('users').select('site_role').where('sub', '=', 'demo-admin').executeTakeFirstOrThrow();
    expect(u.site_role).toBe('admin');
  });

  it('publishes the tool JWKS', async () => {
    const res = await request(ctx.app).get('/lti/jwks');
    expect(res.status).toBe(200);
    expect(res.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(res.body.keys[0].d).toBeUndefined();
  });
});
