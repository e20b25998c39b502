// LTI Dynamic Registration against a small platform served on loopback (allowed through
// LTI_REGISTRATION_ALLOWED_HOSTS, since test mode applies the SSRF guard as production does).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { guardedFetchJson, isPrivateAddress } from '../../src/lti/guarded-fetch.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';

type Seen = { auth?: string; body?: Record<string, unknown> };
type FakePlatform = { origin: string; seen: Seen; issuerOverride?: string; slowMs?: number; bigBody?: boolean; close: () => Promise<void> };

async function startRegistrationPlatform(host = '127.0.0.1'): Promise<FakePlatform> {
  const fake = { origin: '', seen: {} as Seen, close: async () => undefined } as FakePlatform;
  const server = http.createServer((req, res) => {
    if (req.url === '/openid-configuration') {
      const send = () => {
        if (fake.bigBody) return res.end(JSON.stringify({ pad: 'x'.repeat(400_000) }));
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            issuer: fake.issuerOverride ?? fake.origin,
            authorization_endpoint: `${fake.origin}/auth`,
            token_endpoint: `${fake.origin}/token`,
            jwks_uri: `${fake.origin}/certs`,
            registration_endpoint: `${fake.origin}/register`,
            'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'moodle', version: '4.5' },
          }),
        );
      };
      return void (fake.slowMs ? setTimeout(send, fake.slowMs) : send());
    }
    if (req.url === '/register' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        fake.seen = { auth: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ client_id: 'dyn-client-1', 'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: '7' } }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  fake.origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return fake;
}

let ctx: LtiTestContext;
let fake: FakePlatform;
beforeAll(async () => {
  fake = await startRegistrationPlatform();
  ctx = await createLtiTestContext({ env: { LTI_REGISTRATION_ALLOWED_HOSTS: '127.0.0.1' } });
});
afterAll(async () => {
  await fake.close();
  await ctx.close();
});

const register = (token = 'reg-token-1') => request(ctx.app).get('/lti/register').query({ openid_configuration: `${fake.origin}/openid-configuration`, registration_token: token });

it('registers with the bearer token, leaves the platform pending, and closes with the LTI postMessage', async () => {
  const res = await register();
  expect(res.status).toBe(200);
  expect(res.text).toContain('must approve the registration');
  expect(res.text).toContain('/static/js/lti-close.js');
  expect(fake.seen.auth).toBe('Bearer reg-token-1');
  expect(fake.seen.body).toMatchObject({ initiate_login_uri: 'https://luento.test/lti/login', redirect_uris: ['https://luento.test/lti/launch'], jwks_uri: 'https://luento.test/lti/jwks', token_endpoint_auth_method: 'private_key_jwt' });
  const p = await ctx.deps.db.selectFrom('lti_platforms').selectAll().where('issuer', '=', fake.origin).executeTakeFirstOrThrow();
  expect(p).toMatchObject({ client_id: 'dyn-client-1', status: 'pending', source: 'dynamic', auth_url: `${fake.origin}/auth`, jwks_url: `${fake.origin}/certs` });
  const dep = await ctx.deps.db.selectFrom('lti_deployments').select('deployment_id').where('platform_id', '=', p.id).execute();
  expect(dep).toEqual([{ deployment_id: '7' }]);
  // Pending: not yet allowed to frame Luento.
  expect((await request(ctx.app).get('/')).headers['content-security-policy']).not.toContain(fake.origin);
});

it('is active at once when config auto-approves the issuer', async () => {
  const auto = await createLtiTestContext({ env: { LTI_REGISTRATION_ALLOWED_HOSTS: '127.0.0.1', LTI_AUTO_APPROVE_ISSUERS: fake.origin } });
  try {
    const res = await request(auto.app).get('/lti/register').query({ openid_configuration: `${fake.origin}/openid-configuration`, registration_token: 't' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('registered and active');
    expect((await auto.deps.db.selectFrom('lti_platforms').select('status').where('issuer', '=', fake.origin).executeTakeFirstOrThrow()).status).toBe('active');
    expect((await request(auto.app).get('/')).headers['content-security-policy']).toContain(fake.origin);
  } finally {
    await auto.close();
  }
});

it('refuses a configuration whose issuer does not match its URL', async () => {
  fake.issuerOverride = 'https://evil.test';
  try {
    const before = await ctx.deps.db.selectFrom('lti_platforms').select('id').execute();
    const res = await register();
    expect(res.status).toBe(400);
    expect(res.text).toContain('registration_issuer_mismatch');
    expect(res.text).toContain('does not match the origin of its URL');
    expect(await ctx.deps.db.selectFrom('lti_platforms').select('id').execute()).toHaveLength(before.length);
  } finally {
    fake.issuerOverride = undefined;
  }
});

it('refuses a private address that is not allowed (SSRF guard)', async () => {
  const strict = await createLtiTestContext();
  try {
    const res = await request(strict.app).get('/lti/register').query({ openid_configuration: `${fake.origin}/openid-configuration` });
    expect(res.status).toBe(400);
    expect(res.text).toContain('registration_blocked_address');
    const byName = await request(strict.app).get('/lti/register').query({ openid_configuration: `http://localhost:${new URL(fake.origin).port}/openid-configuration` });
    expect(byName.status).toBe(400);
    expect(byName.text).toMatch(/resolves to the private address|private address/);
  } finally {
    await strict.close();
  }
});

it('refuses a URL that is not http(s)', async () => {
  const res = await request(ctx.app).get('/lti/register').query({ openid_configuration: 'file:///etc/passwd' });
  expect(res.status).toBe(400);
});

describe('guardedFetchJson', () => {
  const guard = { allowPrivate: true, allowedHosts: [], timeoutMs: 300, maxBytes: 64 * 1024 };
  it('times out on a slow server', async () => {
    fake.slowMs = 2000;
    try {
      const t = Date.now();
      await expect(guardedFetchJson(`${fake.origin}/openid-configuration`, guard)).rejects.toMatchObject({ reason: 'timeout' });
      expect(Date.now() - t).toBeLessThan(1500);
    } finally {
      fake.slowMs = undefined;
    }
  });
  it('stops reading past the size limit', async () => {
    fake.bigBody = true;
    try {
      await expect(guardedFetchJson(`${fake.origin}/openid-configuration`, guard)).rejects.toMatchObject({ reason: 'too_large' });
    } finally {
      fake.bigBody = false;
    }
  });
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.1', true], ['192.168.1.1', true], ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true],
    ['::1', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['8.8.8.8', false], ['193.166.0.1', false], ['2001:4860::8888', false],
  ])('isPrivateAddress(%s) is %s', (addr, want) => {
    expect(isPrivateAddress(addr)).toBe(want);
  });
});
