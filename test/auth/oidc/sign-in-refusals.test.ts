// Every way a direct sign-in can fail says so with a page a person understands, a stable code, an audit
// event, and nothing half-written: the browser's transaction, the IdP's answer, and the IdP itself.
import { pino } from 'pino';
import request from 'supertest';
import { buildApp } from '../../../src/app.js';
import type { OidcConfig } from '../../../src/config-oidc.js';
import { createLtiTestContext, type LtiTestContext } from '../../helpers/launch-as.js';
import { closedPort, IDP_CLIENT_SECRET, signInAtIdp, startImpostorIssuer, startSilentServer, startTestIdp, type TestIdp } from '../../helpers/oidc-idp.js';
import { CookieJar, oidcEnv, REDIRECT_URI, refusalCode, signInDirectly, startSignIn } from './oidc-fixtures.js';

let idp: TestIdp;
let ctx: LtiTestContext;

const count = async (table: 'users' | 'sessions' | 'user_identities') => Number((await ctx.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const rows = async () => ({ users: await count('users'), sessions: await count('sessions'), identities: await count('user_identities') });
const lastRefusal = () => ctx.deps.db.selectFrom('audit_events').select(['reason', 'details']).where('action', '=', 'auth.oidc.refused').orderBy('id', 'desc').executeTakeFirst();
const appWith = (oidc: Partial<OidcConfig> | undefined, now?: () => Date) =>
  buildApp({ ...ctx.deps, ...(now ? { now } : {}), config: { ...ctx.deps.config, oidc: oidc && { ...ctx.deps.config.oidc!, ...oidc } } });

/** Luento's redirect and the IdP's login, stopping before the callback reaches Luento. */
async function upToCallback(login = 'newStaff') {
  const jar = new CookieJar();
  const start = await startSignIn(ctx.app, jar);
  const callbackUrl = await signInAtIdp(start.headers.location as string, login, REDIRECT_URI);
  return { jar, callbackUrl, path: callbackUrl.pathname + callbackUrl.search };
}

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: REDIRECT_URI });
  ctx = await createLtiTestContext({ env: oidcEnv(idp.issuer) });
});
afterAll(async () => {
  await ctx.close();
  await idp.close();
});

describe('the browser’s side of the sign-in', () => {
  it('a tampered state is refused, and nothing is written', async () => {
    const { jar, callbackUrl } = await upToCallback();
    const before = await rows();
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')}x`);
    const res = await request(ctx.app).get(callbackUrl.pathname + callbackUrl.search).set('Cookie', jar.header());
    expect([res.status, refusalCode(res)]).toEqual([400, 'state_mismatch']);
    expect(res.text).toContain('Please start again');
    expect(await rows()).toEqual(before);
    expect((await lastRefusal())?.reason).toBe('state_mismatch');
  });

  it('a callback without the transaction cookie is refused (expired, blocked, or another browser)', async () => {
    const { path } = await upToCallback();
    const res = await request(ctx.app).get(path);
    expect([res.status, refusalCode(res)]).toEqual([400, 'transaction_missing']);
  });

  it('a forged transaction cookie is refused', async () => {
    const { jar, path } = await upToCallback();
    const value = jar.cookies.get('luento_oidc_tx')!;
    const res = await request(ctx.app).get(path).set('Cookie', `luento_oidc_tx=${value.slice(0, -2)}xx`);
    expect([res.status, refusalCode(res)]).toEqual([400, 'transaction_invalid']);
  });

  it('a transaction older than 10 minutes is refused', async () => {
    const { jar, path } = await upToCallback();
    const later = appWith({}, () => new Date(Date.now() + 11 * 60_000));
    const res = await request(later).get(path).set('Cookie', jar.header());
    expect([res.status, refusalCode(res)]).toEqual([400, 'transaction_expired']);
  });

  it('a replayed callback (the code used twice) is refused by the IdP, and opens no second session', async () => {
    const { jar, path } = await upToCallback();
    const cookie = jar.header();
    const first = await request(ctx.app).get(path).set('Cookie', cookie);
    expect(first.status).toBe(303);
    const sessions = await count('sessions');
    const again = await request(ctx.app).get(path).set('Cookie', cookie);
    expect([again.status, refusalCode(again)]).toEqual([400, 'code_rejected']);
    expect(await count('sessions')).toBe(sessions);
  });

  it('an error the IdP sends back (the person cancelled) is a refusal, not a crash', async () => {
    const jar = new CookieJar();
    const start = await startSignIn(ctx.app, jar);
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const res = await request(ctx.app).get(`/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`).set('Cookie', jar.header());
    expect([res.status, refusalCode(res)]).toEqual([403, 'idp_denied']);
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/videos\\..\\x', 'javascript:alert(1)', '/me/videos?st=stolen'])('refuses to return to %s after signing in', async (next) => {
    const res = await request(ctx.app).get(`/auth/oidc/login?next=${encodeURIComponent(next)}`).set('Accept', 'text/html');
    expect([res.status, refusalCode(res)]).toEqual([400, 'return_path_invalid']);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.location).toBeUndefined();
  });

  it('a transaction cookie is httpOnly, SameSite=Lax, short-lived and only sent to /auth/oidc', async () => {
    const res = await startSignIn(ctx.app, new CookieJar());
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('luento_oidc_tx='))!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/auth/oidc');
    expect(cookie).toContain('Max-Age=600');
    // The authorization request: code flow with PKCE S256, state and nonce.
    const auth = new URL(res.headers.location as string);
    expect(Object.fromEntries(['response_type', 'code_challenge_method', 'redirect_uri', 'scope'].map((k) => [k, auth.searchParams.get(k)]))).toEqual({
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email',
    });
    for (const k of ['state', 'nonce', 'code_challenge']) expect(auth.searchParams.get(k)).toMatch(/^[\w-]{43}$/);
  });
});

describe('the identity provider', () => {
  it('down (nothing listens): a 503 page saying to try again later', async () => {
    const down = appWith({ issuer: `http://127.0.0.1:${await closedPort()}` });
    const res = await request(down).get('/auth/oidc/login').set('Accept', 'text/html');
    expect([res.status, refusalCode(res)]).toEqual([503, 'idp_unavailable']);
    expect(res.text).toContain('is not answering right now');
  });

  it('slow (accepts, never answers): gives up after the timeout with a 503', async () => {
    const silent = await startSilentServer();
    try {
      const slow = appWith({ issuer: silent.url, timeoutSeconds: 1 });
      const t0 = Date.now();
      const res = await request(slow).get('/auth/oidc/login').set('Accept', 'text/html');
      expect([res.status, refusalCode(res)]).toEqual([503, 'idp_unavailable']);
      expect(Date.now() - t0).toBeLessThan(4000);
    } finally {
      await silent.close();
    }
  });

  it('not the issuer configured (its metadata names another issuer): a 502 configuration error', async () => {
    const impostor = await startImpostorIssuer(idp);
    try {
      const res = await request(appWith({ issuer: impostor.url })).get('/auth/oidc/login').set('Accept', 'text/html');
      expect([res.status, refusalCode(res)]).toEqual([502, 'idp_misconfigured']);
      expect(res.text).toContain('configuration problem');
      expect((await lastRefusal())?.details).toMatchObject({ issuer: impostor.url });
    } finally {
      await impostor.close();
    }
  });

  it('a wrong client secret is a configuration error at the token endpoint, and nothing is written', async () => {
    const wrongSecret = appWith({ clientSecret: 'not-the-secret' });
    const jar = new CookieJar();
    const start = await startSignIn(wrongSecret, jar);
    const callbackUrl = await signInAtIdp(start.headers.location as string, 'newStaff', REDIRECT_URI);
    const before = await rows();
    const res = await request(wrongSecret).get(callbackUrl.pathname + callbackUrl.search).set('Cookie', jar.header());
    expect([res.status, refusalCode(res)]).toEqual([502, 'idp_misconfigured']);
    expect(await rows()).toEqual(before);
  });

  it('comes back after being down: the same app discovers it again instead of remembering the failure', async () => {
    const port = await closedPort();
    const app = appWith({ issuer: `http://127.0.0.1:${port}` });
    expect((await request(app).get('/auth/oidc/login')).status).toBe(503);
    const revived = await startTestIdp({ redirectUri: REDIRECT_URI, port });
    try {
      const { callback } = await signInDirectly(app, 'newStaff');
      expect(callback.status).toBe(303);
    } finally {
      await revived.close();
    }
  });
});

describe('when direct sign-in is not configured', () => {
  it('the sign-in page says so and points to the course page; the login answers 404', async () => {
    const off = appWith(undefined);
    const page = await request(off).get('/signin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Direct sign-in is not configured on this site');
    expect(page.text).not.toContain('/auth/oidc/login');
    const login = await request(off).get('/auth/oidc/login').set('Accept', 'text/html');
    expect([login.status, refusalCode(login)]).toEqual([404, 'not_configured']);
  });

  it('answers API clients in JSON', async () => {
    const res = await request(appWith(undefined)).get('/auth/oidc/login').set('Accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_configured');
  });
});

it('the sign-in page offers the university’s button and tells students where to go', async () => {
  const page = await request(ctx.app).get('/signin?next=%2Fme%2Fvideos').set('Accept-Language', 'sv');
  expect(page.status).toBe(200);
  expect(page.text).toContain('Logga in med Test University');
  expect(page.text).toContain('href="/auth/oidc/login?next=%2Fme%2Fvideos"');
  expect(page.text).toContain('Studerande loggar inte in här');
});

it('never writes the client secret or an authorization code to the log', async () => {
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  const logged = buildApp({ ...ctx.deps, log });
  const { callback, callbackUrl } = await signInDirectly(logged, 'newStaff');
  expect(callback.status).toBe(303);
  const wrong = buildApp({ ...ctx.deps, log, config: { ...ctx.deps.config, oidc: { ...ctx.deps.config.oidc!, clientSecret: 'wrong-secret-0123456789' } } });
  const refused = await signInDirectly(wrong, 'newStaff');
  expect(refused.callback.status).toBe(502);
  const text = lines.join('');
  expect(text).toContain('direct sign-in refused');
  for (const secret of [IDP_CLIENT_SECRET, 'wrong-secret-0123456789', callbackUrl.searchParams.get('code')!, refused.callbackUrl.searchParams.get('code')!]) expect(text).not.toContain(secret);
});
