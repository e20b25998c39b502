// Platforms that are down, slow or answer errors: every failure has a stable code and a clear message.
import { createAccessTokenClient, type PlatformServiceConfig } from '../../src/lti/services/access-token-client.js';
import { createAgsClient } from '../../src/lti/services/ags-client.js';
import { createNrpsClient } from '../../src/lti/services/nrps-client.js';
import { AGS_SCOPE_SCORE } from '../../src/lti/services/service-constants.js';
import { LtiServiceError } from '../../src/lti/services/service-errors.js';
import { closedPortUrl, COURSE_ID, createClock, generateToolKey, startDemoPlatform, startRawServer, type ToolKey } from './demo-platform.js';

const platformAt = (tokenUrl: string): PlatformServiceConfig => ({ issuer: 'https://lms.example', clientId: 'c1', tokenUrl });

describe('token endpoint failures', () => {
  let key: ToolKey;
  beforeAll(async () => {
    key = await generateToolKey('tool-1');
  });

  it('times out against a token endpoint that never answers', async () => {
    const silent = await startRawServer(() => undefined);
    try {
      const tokens = createAccessTokenClient({ signingKey: key.signingKey, timeoutMs: 300 });
      const started = Date.now();
      const err = await tokens.getAccessToken(platformAt(`${silent.url}/token`), [AGS_SCOPE_SCORE]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LtiServiceError);
      expect(err).toMatchObject({ code: 'lti_token_timeout', status: 504, message: expect.stringContaining('300 ms') });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it('reports a token endpoint that is down, and does not cache the failure', async () => {
    const tokens = createAccessTokenClient({ signingKey: key.signingKey, timeoutMs: 2000 });
    const platform = platformAt(`${await closedPortUrl()}/token`);
    await expect(tokens.getAccessToken(platform, [AGS_SCOPE_SCORE])).rejects.toMatchObject({ code: 'lti_token_unreachable', status: 502, message: expect.stringContaining('ECONNREFUSED') });
    await expect(tokens.getAccessToken(platform, [AGS_SCOPE_SCORE])).rejects.toMatchObject({ code: 'lti_token_unreachable' });
  });

  it.each([
    ['an HTML error page', 500, 'text/html', '<h1>Server error</h1>', 'lti_token_rejected'],
    ['an OAuth error', 400, 'application/json', '{"error":"invalid_client","error_description":"unknown client"}', 'lti_token_rejected'],
    ['200 without JSON', 200, 'text/html', '<html>login</html>', 'lti_token_invalid_response'],
    ['a token of another type', 200, 'application/json', '{"access_token":"x","token_type":"mac"}', 'lti_token_invalid_response'],
  ])('maps %s to a clear error', async (_what, status, type, body, code) => {
    const server = await startRawServer((_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
    try {
      const tokens = createAccessTokenClient({ signingKey: key.signingKey });
      const err = await tokens.getAccessToken(platformAt(`${server.url}/token`), [AGS_SCOPE_SCORE]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code, status: 502 });
      if (code === 'lti_token_rejected') expect(err).toMatchObject({ details: { upstreamStatus: status } });
    } finally {
      await server.close();
    }
  });

  it('reports a signing key that cannot be loaded', async () => {
    const tokens = createAccessTokenClient({
      signingKey: async () => {
        throw new Error('key store locked');
      },
    });
    await expect(tokens.getAccessToken(platformAt('http://127.0.0.1:9/token'), [AGS_SCOPE_SCORE])).rejects.toMatchObject({
      code: 'lti_signing_key_unavailable',
      message: expect.stringContaining('key store locked'),
    });
  });
});

describe('service endpoint failures', () => {
  let key: ToolKey;
  const clock = createClock();
  let lms: Awaited<ReturnType<typeof startDemoPlatform>>;
  beforeAll(async () => {
    key = await generateToolKey('tool-1');
    lms = await startDemoPlatform({ toolJwks: [key.publicJwk], clock });
  });
  afterAll(() => lms.close());
  const tokens = () => createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });

  it('times out against a service that never answers', async () => {
    const silent = await startRawServer(() => undefined);
    try {
      const nrps = createNrpsClient({ tokens: tokens(), platform: lms.platform, timeoutMs: 300 });
      await expect(nrps.fetchMemberships(`${silent.url}/memberships`)).rejects.toMatchObject({ code: 'lti_service_timeout', status: 504 });
    } finally {
      await silent.close();
    }
  });

  it('retries once with a fresh token after a 401, then reports the refusal', async () => {
    const refusing = await startRawServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_token"}');
    });
    try {
      const before = lms.tokenRequests();
      const ags = createAgsClient({ tokens: tokens(), platform: lms.platform });
      await expect(ags.getLineItem(`${refusing.url}/lineitems/1/lineitem?type_id=1`)).rejects.toMatchObject({
        code: 'lti_service_rejected',
        details: { upstreamStatus: 401 },
        message: expect.stringContaining('even after a fresh one'),
      });
      expect(refusing.hits()).toBe(2);
      expect(lms.tokenRequests() - before).toBe(2);
    } finally {
      await refusing.close();
    }
  });

  it('does not follow a redirect with the bearer token', async () => {
    const redirecting = await startRawServer((_req, res) => {
      res.writeHead(302, { location: 'https://elsewhere.example/steal' });
      res.end();
    });
    try {
      const nrps = createNrpsClient({ tokens: tokens(), platform: lms.platform });
      await expect(nrps.fetchMemberships(`${redirecting.url}/memberships`)).rejects.toMatchObject({
        code: 'lti_service_rejected',
        details: { upstreamStatus: 302 },
        message: expect.stringContaining('elsewhere.example'),
      });
    } finally {
      await redirecting.close();
    }
  });

  it('refuses a service URL that is not http(s) and an oversized answer', async () => {
    const nrps = createNrpsClient({ tokens: tokens(), platform: lms.platform, maxBodyBytes: 1024 });
    await expect(nrps.fetchMemberships('file:///etc/passwd')).rejects.toMatchObject({ code: 'lti_service_invalid_response' });
    const big = await startRawServer((_req, res) => res.end(JSON.stringify({ context: { id: 'c' }, members: [], pad: 'x'.repeat(5000) })));
    try {
      await expect(nrps.fetchMemberships(`${big.url}/m`)).rejects.toMatchObject({ code: 'lti_service_invalid_response', message: expect.stringContaining('too large') });
    } finally {
      await big.close();
    }
    expect(await nrps.fetchMemberships(lms.urls.contextMembershipsUrl(COURSE_ID))).toMatchObject({ pages: 1 });
  });
});
