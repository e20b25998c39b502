// The client_credentials token client against the demo LMS's real token endpoint.
import { SignJWT } from 'jose';
import { createAccessTokenClient, type SigningKey } from '../../src/lti/services/access-token-client.js';
import { AGS_SCOPE_SCORE, AGS_SCOPES, CLIENT_ASSERTION_TYPE_JWT_BEARER, NRPS_SCOPE_MEMBERSHIP_READONLY } from '../../src/lti/services/service-constants.js';
import { LtiServiceError } from '../../src/lti/services/service-errors.js';
import { createClock, generateToolKey, startDemoPlatform, startRawServer, type DemoPlatform, type TestClock, type ToolKey } from './demo-platform.js';

describe('access token client against the demo token endpoint (JWKS URL)', () => {
  let key: ToolKey;
  let rotated: ToolKey;
  let clock: TestClock;
  let lms: DemoPlatform;

  beforeAll(async () => {
    key = await generateToolKey('tool-1');
    rotated = await generateToolKey('tool-2');
    clock = createClock();
    lms = await startDemoPlatform({ toolJwks: [key.publicJwk, rotated.publicJwk], clock, useJwksUrl: true, tokenTtlSeconds: 3600 });
  });
  afterAll(() => lms.close());

  it('signs an assertion, posts it form-encoded and gets a token with the granted scopes', async () => {
    const tokens = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });
    const before = lms.requests.length;
    const token = await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE, NRPS_SCOPE_MEMBERSHIP_READONLY]);
    expect(token.token).toMatch(/^[\w-]{40,}$/);
    expect([...token.scopes].sort()).toEqual([AGS_SCOPE_SCORE, NRPS_SCOPE_MEMBERSHIP_READONLY].sort());
    expect(token.expiresAt.getTime()).toBe(clock.now().getTime() + (3600 - 60) * 1000);
    const sent = lms.requests.slice(before).find((r) => r.url === '/lms/token.php');
    expect(sent?.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('caches per scope set, and concurrent callers share one request', async () => {
    const tokens = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });
    const start = lms.tokenRequests();
    const all = await Promise.all(Array.from({ length: 5 }, () => tokens.getAccessToken(lms.platform, AGS_SCOPES)));
    expect(new Set(all.map((t) => t.token)).size).toBe(1);
    expect(lms.tokenRequests() - start).toBe(1);
    // The same set in another order is the same cache entry; another set is not.
    await tokens.getAccessToken(lms.platform, [...AGS_SCOPES].reverse());
    expect(lms.tokenRequests() - start).toBe(1);
    await tokens.getAccessToken(lms.platform, [NRPS_SCOPE_MEMBERSHIP_READONLY]);
    expect(lms.tokenRequests() - start).toBe(2);
  });

  it('renews a token shortly before it expires, not earlier', async () => {
    const tokens = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now, refreshMarginSeconds: 60 });
    const first = await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE]);
    clock.advanceSeconds(3600 - 61);
    expect((await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE])).token).toBe(first.token);
    clock.advanceSeconds(2);
    const renewed = await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE]);
    expect(renewed.token).not.toBe(first.token);
  });

  it('asks the key source before each request, so a rotated key is used at once', async () => {
    let current: SigningKey = key.signingKey;
    const tokens = createAccessTokenClient({ signingKey: async () => current, now: clock.now });
    await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE]);
    current = rotated.signingKey;
    tokens.forgetAccessToken(lms.platform, [AGS_SCOPE_SCORE]);
    await expect(tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE])).resolves.toMatchObject({ scopes: [AGS_SCOPE_SCORE] });
  });

  it.each([
    ['a key that is not in the JWKS under a known kid', async () => ({ kid: 'tool-1', privateKey: (await generateToolKey('x')).signingKey.privateKey }), /signature does not match/],
    ['an unknown kid', async () => (await generateToolKey('stranger')).signingKey, /no key in the tool's JWKS/],
  ])('refuses an assertion signed with %s', async (_what, makeKey, reason) => {
    const tokens = createAccessTokenClient({ signingKey: await makeKey(), now: clock.now });
    const err = await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LtiServiceError);
    expect(err).toMatchObject({ code: 'lti_token_rejected', status: 502, details: { upstreamStatus: 401, oauthError: 'invalid_client' } });
    expect((err as LtiServiceError).message).toMatch(reason);
  });

  it('refuses an assertion for another audience, and one whose clock is far behind', async () => {
    const wrongAud = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });
    await expect(wrongAud.getAccessToken({ ...lms.platform, tokenAudience: 'https://elsewhere.example/token' }, [AGS_SCOPE_SCORE])).rejects.toMatchObject({
      code: 'lti_token_rejected',
      message: expect.stringContaining('"aud"'),
    });
    const late = createAccessTokenClient({ signingKey: key.signingKey, now: () => new Date(clock.now().getTime() - 20 * 60_000) });
    await expect(late.getAccessToken(lms.platform, [AGS_SCOPE_SCORE])).rejects.toMatchObject({ code: 'lti_token_rejected', message: expect.stringContaining('"exp"') });
  });

  it('accepts each assertion once (jti), and only as a form post', async () => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    const assertion = await new SignJWT({ jti: 'fixed-jti' })
      .setProtectedHeader({ alg: 'RS256', kid: 'tool-1' })
      .setIssuer(lms.platform.clientId)
      .setSubject(lms.platform.clientId)
      .setAudience(lms.platform.tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(key.signingKey.privateKey);
    const form = { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE_JWT_BEARER, client_assertion: assertion, scope: AGS_SCOPE_SCORE };
    const post = (body: string, type: string) => fetch(lms.platform.tokenUrl, { method: 'POST', headers: { 'content-type': type }, body });
    const asJson = await post(JSON.stringify(form), 'application/json');
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('x-www-form-urlencoded') });
    expect((await post(new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded')).status).toBe(200);
    const replay = await post(new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded');
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('already used') });
  });

  it('reports a scope the platform will not grant as a refusal', async () => {
    const tokens = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });
    await expect(tokens.getAccessToken(lms.platform, ['https://example.org/scope/unknown'])).rejects.toMatchObject({
      code: 'lti_token_rejected',
      details: { oauthError: 'invalid_scope' },
    });
  });
});

describe('demo token endpoint when the tool\'s JWKS cannot be fetched', () => {
  it('refuses the assertion and says that the JWKS did not load', async () => {
    const key = await generateToolKey('tool-1');
    const clock = createClock();
    const silent = await startRawServer(() => undefined);
    const lms = await startDemoPlatform({ toolJwks: [key.publicJwk], clock, jwksUrl: `${silent.url}/jwks` });
    try {
      const tokens = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });
      await expect(tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE])).rejects.toMatchObject({
        code: 'lti_token_rejected',
        details: { oauthError: 'invalid_client' },
        message: expect.stringContaining("JWKS did not load in time"),
      });
    } finally {
      await lms.close();
      await silent.close();
    }
  });
});
