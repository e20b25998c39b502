// The "Bad input" list: each refused launch answers 4xx with a page saying what was wrong and
// what to check, and leaves no user, course, membership or session behind.
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { createPlatformKeys } from '../../src/lti/platform-keys.js';
import { setDeploymentStatus } from '../../src/lti/platforms.repo.js';
import { countIdentityRows, createTestPlatform, LTI_CLAIM, type TestPlatform } from '../helpers/factories.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';

let ctx: LtiTestContext;
let tp: TestPlatform;
const platforms: TestPlatform[] = [];

beforeAll(async () => {
  ctx = await createLtiTestContext();
  tp = await createTestPlatform(ctx.deps.db, { deploymentIds: ['dep-1', 'dep-off'] });
  platforms.push(tp);
  await setDeploymentStatus(ctx.deps.db, { platformId: tp.platform.id, deploymentId: 'dep-off', status: 'disabled' });
});
afterAll(async () => {
  for (const p of platforms) await p.close();
  await ctx.close();
});

type Attempt = { claims?: (c: JWTPayload) => JWTPayload; token?: (claims: JWTPayload) => Promise<string>; platform?: TestPlatform; cookie?: boolean; state?: (s: string) => string };

/** Runs a real login initiation, then posts a token built from valid claims changed as the test says. */
async function attempt(a: Attempt = {}): Promise<request.Response> {
  const p = a.platform ?? tp;
  const login = await p.login(ctx.app);
  const claims = (a.claims ?? ((c) => c))(p.claims({ nonce: login.nonce }));
  const token = a.token ? await a.token(claims) : await p.sign(claims);
  const req = request(ctx.app).post('/lti/launch').type('form');
  if (a.cookie !== false) req.set('Cookie', login.stateCookie);
  return req.send({ id_token: token, state: a.state ? a.state(login.state) : login.state });
}

async function expectRefused(run: () => Promise<request.Response>, status: number, code: string, text: string | RegExp): Promise<void> {
  const before = await countIdentityRows(ctx.deps.db);
  const res = await run();
  expect({ status: res.status, code: /<code>([a-z_]+)<\/code>/.exec(res.text)?.[1] }).toEqual({ status, code });
  expect(res.text).toMatch(text);
  expect(await countIdentityRows(ctx.deps.db)).toEqual(before);
}

it('refuses a launch with no id_token', () =>
  expectRefused(() => request(ctx.app).post('/lti/launch').type('form').send({ state: 'x' }), 400, 'token_missing', /sent no launch token/));

it('refuses a bad signature', async () => {
  const other = await generateKeyPair('RS256');
  await expectRefused(() => attempt({ token: (c) => tp.sign(c, { key: other.privateKey }) }), 401, 'bad_signature', /signature is not valid/);
});

it('refuses an unknown kid', () => expectRefused(() => attempt({ token: (c) => tp.sign(c, { kid: 'no-such-kid' }) }), 401, 'unknown_kid', /kid is not in the platform&#39;s key set|key the learning environment does not publish/));

it('refuses alg none', () =>
  expectRefused(
    () =>
      attempt({
        token: async (c) => `${Buffer.from(JSON.stringify({ alg: 'none', kid: tp.kid })).toString('base64url')}.${Buffer.from(JSON.stringify(c)).toString('base64url')}.`,
      }),
    401,
    'alg_not_allowed',
    /only RS256 is accepted/,
  ));

it('refuses HS256 (key confusion)', () =>
  expectRefused(
    () => attempt({ token: (c) => new SignJWT(c).setProtectedHeader({ alg: 'HS256', kid: tp.kid }).sign(new TextEncoder().encode('k'.repeat(32))) }),
    401,
    'alg_not_allowed',
    /&#34;HS256&#34;; only RS256/,
  ));

it('refuses an expired token', () => expectRefused(() => attempt({ claims: (c) => ({ ...c, iat: Number(c.iat) - 120, exp: Number(c.exp) - 120 }) }), 401, 'token_expired', /expired \d+ s ago/));

it('refuses a token from the future', () => expectRefused(() => attempt({ claims: (c) => ({ ...c, iat: Number(c.iat) + 600, exp: Number(c.exp) + 600 }) }), 401, 'token_from_future', /issued \d+ s in the future/));

it('refuses a wrong aud', () => expectRefused(() => attempt({ claims: (c) => ({ ...c, aud: ['someone-else', 'another'], azp: 'someone-else' }) }), 401, 'wrong_audience', /None of the token&#39;s audiences/));

it('refuses a wrong azp when there are several audiences', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, aud: [tp.clientId, 'other'], azp: 'other' }) }), 401, 'wrong_azp', /azp must be Luento&#39;s client id/));

it("refuses Moodle's consumer-key aud and names the setting to clear", () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, aud: 'my-consumer-key', azp: undefined }) }), 401, 'consumer_key_aud', /clear the &#34;Consumer key&#34; field/));

it('refuses an unknown issuer', () => expectRefused(() => attempt({ claims: (c) => ({ ...c, iss: 'https://unknown.test' }) }), 403, 'unknown_issuer', /not registered in Luento/));

it('refuses an unknown deployment', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, [`${LTI_CLAIM}deployment_id`]: 'dep-unknown' }) }), 403, 'deployment_unknown', /Deployment &#34;dep-unknown&#34; is not registered/));

it('refuses a disabled deployment', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, [`${LTI_CLAIM}deployment_id`]: 'dep-off' }) }), 403, 'deployment_disabled', /has been disabled/));

it('refuses a missing nonce', () => expectRefused(() => attempt({ claims: (c) => ({ ...c, nonce: undefined }) }), 400, 'claims_invalid', /nonce/));

it('refuses a nonce that Luento did not issue for this login', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, nonce: 'made-up-nonce' }) }), 401, 'nonce_invalid', /not the one Luento issued/));

it('refuses a reused nonce (from an earlier, completed login)', async () => {
  const first = await tp.login(ctx.app);
  const ok = await request(ctx.app).post('/lti/launch').set('Cookie', first.stateCookie).type('form').send({ id_token: await tp.sign(tp.claims({ nonce: first.nonce })), state: first.state });
  expect(ok.status).toBe(303);
  await expectRefused(() => attempt({ claims: (c) => ({ ...c, nonce: first.nonce, jti: 'fresh-jti' }) }), 401, 'nonce_invalid', /not the one Luento issued/);
});

it('refuses a state that does not match the state cookie of this browser', () =>
  expectRefused(async () => {
    const other = await tp.login(ctx.app);
    const mine = await tp.login(ctx.app);
    return request(ctx.app).post('/lti/launch').set('Cookie', other.stateCookie).type('form').send({ id_token: await tp.sign(tp.claims({ nonce: mine.nonce })), state: mine.state });
  }, 401, 'state_invalid', /does not match the login started in this browser/));

it('refuses a forged state', () => expectRefused(() => attempt({ cookie: false, state: (s) => `${s.split('.')[0]}.forged` }), 401, 'state_invalid', /not issued by Luento/));

it('refuses a replayed id_token, from the same browser and from another client', async () => {
  const login = await tp.login(ctx.app);
  const token = await tp.sign(tp.claims({ nonce: login.nonce }));
  const first = await request(ctx.app).post('/lti/launch').set('Cookie', login.stateCookie).type('form').send({ id_token: token, state: login.state });
  expect(first.status).toBe(303);
  await expectRefused(() => request(ctx.app).post('/lti/launch').set('Cookie', login.stateCookie).type('form').send({ id_token: token, state: login.state }), 401, 'token_replayed', /already used/);
  await expectRefused(() => request(ctx.app).post('/lti/launch').type('form').send({ id_token: token, state: login.state }), 401, 'token_replayed', /already used/);
});

it('opens exactly one session when the same id_token is posted several times at once', async () => {
  // The launch is written by one statement gated on its single-use marks (src/lti/launch-complete.ts):
  // the posts that lose the race must write nothing at all.
  const login = await tp.login(ctx.app);
  const token = await tp.sign({ ...tp.claims({ nonce: login.nonce }), sub: `racer-${Date.now()}` });
  const before = await countIdentityRows(ctx.deps.db);
  const posts = await Promise.all(Array.from({ length: 5 }, () => request(ctx.app).post('/lti/launch').set('Cookie', login.stateCookie).type('form').send({ id_token: token, state: login.state })));
  expect(posts.map((r) => r.status).sort()).toEqual([303, 401, 401, 401, 401]);
  for (const r of posts.filter((p) => p.status === 401)) expect(r.text).toMatch(/already used/);
  const after = await countIdentityRows(ctx.deps.db);
  expect({ users: after.users - before.users, sessions: after.sessions - before.sessions }).toEqual({ users: 1, sessions: 1 });
});

it('refuses missing required claims and names them', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, [`${LTI_CLAIM}roles`]: undefined, [`${LTI_CLAIM}context`]: undefined }) }), 400, 'claims_invalid', /lti:roles.*lti:context|lti:context.*lti:roles/));

it('answers an unsupported message type with a clear "not supported" page', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, [`${LTI_CLAIM}message_type`]: 'LtiSubmissionReviewRequest' }) }), 400, 'message_type_unsupported', /does not support this kind of launch/));

it('refuses a wrong LTI version', () => expectRefused(() => attempt({ claims: (c) => ({ ...c, [`${LTI_CLAIM}version`]: '1.1' }) }), 400, 'version_unsupported', /supports LTI 1.3 only/));

it('refuses an oversized token', () =>
  expectRefused(() => attempt({ claims: (c) => ({ ...c, [`${LTI_CLAIM}custom`]: { padding: 'x'.repeat(40_000) } }) }), 413, 'token_too_large', /at most 32768/));

it('refuses a launch from a platform that waits for approval', async () => {
  const pending = await createTestPlatform(ctx.deps.db);
  platforms.push(pending);
  const login = await pending.login(ctx.app);
  await ctx.deps.db.updateTable('lti_platforms').set({ status: 'pending' }).where('id', '=', pending.platform.id).execute();
  await expectRefused(() => request(ctx.app).post('/lti/launch').set('Cookie', login.stateCookie).type('form').send({ id_token: '', state: login.state }), 400, 'token_missing', /no launch token/);
  await expectRefused(
    async () => request(ctx.app).post('/lti/launch').set('Cookie', login.stateCookie).type('form').send({ id_token: await pending.sign(pending.claims({ nonce: login.nonce })), state: login.state }),
    403,
    'platform_not_active',
    /must approve or re-enable it/,
  );
});

it('gives a clear error when the platform JWKS is down', async () => {
  const p = await createTestPlatform(ctx.deps.db);
  platforms.push(p);
  p.jwks.mode = 'down';
  await expectRefused(() => attempt({ platform: p }), 424, 'jwks_unavailable', /could not fetch the learning environment&#39;s public keys/);
});

it('gives a clear error, quickly, when the platform JWKS is slow', async () => {
  const app = ctx.rebuild((d) => ({ ...d, lti: { ...d.lti, platformKeys: createPlatformKeys({ timeoutMs: 300, cooldownMs: 30_000, cacheMaxAgeMs: 60_000 }) } }));
  const p = await createTestPlatform(ctx.deps.db);
  platforms.push(p);
  p.jwks.mode = 'slow';
  const started = Date.now();
  try {
    await expectRefused(() => attempt({ platform: p }), 424, 'jwks_unavailable', /did not answer in time/);
    expect(Date.now() - started).toBeLessThan(2500);
  } finally {
    ctx.rebuild((d) => d);
    expect(app).toBeDefined();
  }
});

it('refetches the JWKS for an unknown kid, but at most once per cooldown', async () => {
  const p = await createTestPlatform(ctx.deps.db);
  platforms.push(p);
  expect((await attempt({ platform: p })).status).toBe(303);
  const hits = p.jwks.hits;
  for (let i = 0; i < 3; i++) expect((await attempt({ platform: p, token: (c) => p.sign(c, { kid: `rotated-${i}` }) })).status).toBe(401);
  expect(p.jwks.hits - hits).toBeLessThanOrEqual(1);
});
