// Staff direct sign-in end to end: Luento ↔ a real OpenID Provider on loopback, real PostgreSQL.
import { sha256 } from '../../../src/auth/hmac.js';
import { publishTerms } from '../../../src/governance/terms.service.js';
import { systemActor } from '../../../src/auth/permissions.js';
import { DEMO_COURSE } from '../../../src/demo/demo-platform.js';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../../helpers/launch-as.js';
import { startTestIdp, type TestIdp } from '../../helpers/oidc-idp.js';
import { createVideo, userIdOfSession } from '../../helpers/video-factory.js';
import { oidcEnv, refusalCode, signInDirectly } from './oidc-fixtures.js';

let idp: TestIdp;
let ctx: LtiTestContext;
let teacherId: string;

const count = async (table: 'users' | 'sessions' | 'user_identities') => Number((await ctx.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const userOfSub = (sub: string) => ctx.deps.db.selectFrom('user_identities').select('user_id').where('sub', '=', sub).executeTakeFirst();
const audits = (action: string) => ctx.deps.db.selectFrom('audit_events').select(['reason', 'actor_id', 'details']).where('action', '=', action as 'auth.oidc.login').orderBy('id').execute();

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: 'https://luento.test/auth/oidc/callback' });
  ctx = await createLtiTestContext({ env: oidcEnv(idp.issuer) });
  const teacher = await launchAs(ctx, 'teacher', { cookies: false });
  teacherId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
});
afterAll(async () => {
  await ctx.close();
  await idp.close();
});

describe('a teacher who made videos through the LMS signs in directly', () => {
  let videoId: string;
  beforeAll(async () => {
    videoId = (await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: (await ctx.deps.db.selectFrom('courses').select('id').executeTakeFirstOrThrow()).id, status: 'published', title: 'Thermodynamics, part 1' })).id;
  });

  it('is linked to her LMS account by the verified e-mail and lands on My recordings with her video', async () => {
    const { callback, client } = await signInDirectly(ctx.app, 'teacher');
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/me/videos');
    const setCookie = ([] as string[]).concat(callback.headers['set-cookie'] ?? []);
    // A first-party, top-level session: httpOnly, Secure, SameSite=Lax; a partitioned one of the same name is cleared.
    const sessionCookie = setCookie.find((c) => c.startsWith('luento_session=') && !c.startsWith('luento_session=;'));
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) expect(sessionCookie).toContain(attribute);
    expect(sessionCookie).not.toContain('Partitioned');
    // The transaction cookie is spent.
    expect(setCookie.find((c) => c.startsWith('luento_oidc_tx='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await userOfSub('idp-tuula'))?.user_id).toBe(teacherId);
    const session = await ctx.deps.db.selectFrom('sessions').select(['course_id', 'user_id']).where('user_id', '=', teacherId).where('course_id', 'is', null).executeTakeFirst();
    expect(session).toEqual({ course_id: null, user_id: teacherId });
    const page = await client.get('/me/videos');
    expect(page.status).toBe(200);
    // Her IdP locale is fi-FI and she chose no language: the page is in Finnish.
    expect(page.text).toContain('<h1>Omat tallenteet</h1>');
    expect(page.text).toContain('Thermodynamics, part 1');
    expect(page.text).toContain(DEMO_COURSE.title);
    expect(page.text).toContain(`href="/videos/${videoId}/edit"`);
    expect(page.text).toContain('Kirjaudu ulos');
    const login = (await audits('auth.oidc.login')).at(-1);
    expect(login).toMatchObject({ reason: 'email', actor_id: teacherId });
  });

  it('opens the pages My recordings links to', async () => {
    const { client } = await signInDirectly(ctx.app, 'teacher');
    for (const path of ['edit', 'captions', 'extension', 'ownership', 'watch']) {
      const res = await client.get(`/videos/${videoId}/${path}`);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('is sent back to My recordings, not to a course library she cannot open, from the video pages', async () => {
    const { client } = await signInDirectly(ctx.app, 'teacher');
    expect((await client.get(`/videos/${videoId}/edit`)).text).toContain('href="/me/videos"');
    const csrf = await client.csrf();
    for (const path of ['unpublish', 'publish']) {
      const res = await client.post(`/videos/${videoId}/${path}`).type('form').send({ _csrf: csrf });
      expect([path, res.status, res.headers.location]).toEqual([path, 303, '/me/videos']);
    }
  });

  it('is recognised by her identity the next time, and her profile follows the IdP', async () => {
    await signInDirectly(ctx.app, 'teacher');
    expect((await audits('auth.oidc.login')).at(-1)?.reason).toBe('identity');
    const user = await ctx.deps.db.selectFrom('users').select(['email', 'locale', 'platform_id']).where('id', '=', teacherId).executeTakeFirstOrThrow();
    expect(user.email).toBe('Tuula.Opettaja@demo.invalid');
    expect(user.locale).toBe('fi-FI');
    expect(user.platform_id).not.toBeNull();
  });

  it('returns to the page the sign-in link named', async () => {
    const { callback } = await signInDirectly(ctx.app, 'teacher', { next: `/videos/${videoId}/edit?tab=1` });
    expect(callback.headers.location).toBe(`/videos/${videoId}/edit?tab=1`);
  });
});

it('someone claiming the teacher’s address without the IdP verifying it gets an account of their own', async () => {
  const { callback } = await signInDirectly(ctx.app, 'unverified');
  expect(callback.status).toBe(303);
  const linked = await userOfSub('idp-mallory');
  expect(linked?.user_id).toBeDefined();
  expect(linked?.user_id).not.toBe(teacherId);
});

it('a new staff member gets a new account with no platform, in their language', async () => {
  const { callback, client } = await signInDirectly(ctx.app, 'newStaff');
  expect(callback.status).toBe(303);
  const userId = (await userOfSub('idp-niklas'))!.user_id;
  const user = await ctx.deps.db.selectFrom('users').select(['platform_id', 'sub', 'name', 'email', 'site_role']).where('id', '=', userId).executeTakeFirstOrThrow();
  expect(user).toEqual({ platform_id: null, sub: 'idp-niklas', name: 'Niklas Nyman', email: 'niklas.nyman@uni.test', site_role: 'user' });
  const page = await client.get('/me/videos');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<h1>Mina inspelningar</h1>');
  expect(page.text).toContain('class="empty-state"');
  // Nothing course-wide: no course page, no upload.
  const course = await ctx.deps.db.selectFrom('courses').select('id').executeTakeFirstOrThrow();
  expect((await client.get(`/courses/${course.id}`)).status).toBe(403);
  expect((await client.get(`/courses/${course.id}/videos/new`)).status).toBe(403);
});

it('a student is refused with a page in their language, and nothing is written', async () => {
  const before = { users: await count('users'), sessions: await count('sessions'), identities: await count('user_identities') };
  const { callback } = await signInDirectly(ctx.app, 'student');
  expect(callback.status).toBe(403);
  expect(refusalCode(callback)).toBe('not_staff');
  // Sam's IdP locale is fi: the refusal speaks Finnish and says where students go.
  expect(callback.text).toContain('Suora kirjautuminen on henkilökunnalle');
  expect(callback.text).toContain('Opiskelijat avaavat Luennon kurssinsa sivulta');
  expect(([] as string[]).concat(callback.headers['set-cookie'] ?? []).some((c) => c.startsWith('luento_session='))).toBe(false);
  expect({ users: await count('users'), sessions: await count('sessions'), identities: await count('user_identities') }).toEqual(before);
  const refused = (await audits('auth.oidc.refused')).at(-1);
  expect(refused).toMatchObject({ reason: 'not_staff', actor_id: null });
  expect(refused?.details).toMatchObject({ sub: 'idp-sam' });
});

it('the admin claim makes a site admin, who may open the admin pages', async () => {
  const { client } = await signInDirectly(ctx.app, 'admin');
  expect((await client.get('/admin')).status).toBe(200);
  expect((await client.get('/admin/users?q=Niklas')).text).toContain('Niklas Nyman');
  const userId = (await userOfSub('idp-ilona'))!.user_id;
  expect((await ctx.deps.db.selectFrom('users').select('site_role').where('id', '=', userId).executeTakeFirstOrThrow()).site_role).toBe('admin');
});

it('a staff member without the admin claim may not open the admin pages', async () => {
  const { client } = await signInDirectly(ctx.app, 'newStaff');
  expect((await client.get('/admin')).status).toBe(403);
});

it('a disabled account is refused with the disabled-account page, and no session is opened', async () => {
  await signInDirectly(ctx.app, 'disabled');
  const userId = (await userOfSub('idp-former'))!.user_id;
  await ctx.deps.db.updateTable('users').set({ disabled_at: new Date(), disabled_reason: 'Left the university' }).where('id', '=', userId).execute();
  const sessions = await count('sessions');
  const { callback } = await signInDirectly(ctx.app, 'disabled');
  expect(callback.status).toBe(403);
  expect(callback.text).toContain('has been disabled by a site administrator');
  expect(refusalCode(callback)).toBe('account_disabled');
  expect(await count('sessions')).toBe(sessions);
  expect((await audits('auth.oidc.refused')).at(-1)).toMatchObject({ reason: 'user_disabled', actor_id: userId });
});

it('signing out needs the CSRF token, deletes the session and clears the cookie', async () => {
  const { client } = await signInDirectly(ctx.app, 'newStaff');
  const token = client.jar.cookies.get('luento_session')!;
  expect(await ctx.deps.db.selectFrom('sessions').select('user_id').where('token_hash', '=', sha256(token)).executeTakeFirst()).toBeDefined();
  const forged = await client.post('/auth/signout').type('form').send({});
  expect(forged.status).toBe(403);
  const res = await client.post('/auth/signout').type('form').send({ _csrf: await client.csrf() });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/signin?signedOut=1');
  expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('luento_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
  expect(await ctx.deps.db.selectFrom('sessions').select('user_id').where('token_hash', '=', sha256(token)).executeTakeFirst()).toBeUndefined();
  client.jar.take(res);
  expect((await client.get('/me/videos')).status).toBe(401);
  expect((await client.get('/signin?signedOut=1')).text).toContain('You have signed out of Luento.');
});

it('the terms gate applies after a direct sign-in: a first-time staff member lands on /terms/accept', async () => {
  await publishTerms({ db: ctx.deps.db, now: () => new Date() }, systemActor, { bodyFi: '# Ehdot', bodySv: '# Villkor', bodyEn: '# Terms\n\nBe nice.', requiresAcceptance: 'on' });
  const { callback, client } = await signInDirectly(ctx.app, 'newcomer');
  expect(callback.headers.location).toBe('/me/videos');
  const landing = await client.get('/me/videos');
  expect(landing.status).toBe(303);
  expect(landing.headers.location).toBe(`/terms/accept?next=${encodeURIComponent('/me/videos')}`);
  const page = await client.get(landing.headers.location as string);
  const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const accepted = await client.post('/terms/accept').type('form').send({ version, _csrf: csrf, next: '/me/videos' });
  expect(accepted.headers.location).toBe('/me/videos');
  expect((await client.get('/me/videos')).status).toBe(200);
});
