import request from 'supertest';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { countIdentityRows } from '../helpers/factories.js';

let ctx: LtiTestContext;
let admin: LaunchedClient;
let csrf: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  admin = await launchAs(ctx, 'admin');
  const page = await admin.get('/admin/platforms');
  csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
});
afterAll(() => ctx.close());

const moodle = { name: 'Uni Moodle', issuer: 'https://moodle.uni.test', clientId: 'abc123', authUrl: 'https://moodle.uni.test/mod/lti/auth.php', tokenUrl: 'https://moodle.uni.test/mod/lti/token.php', jwksUrl: 'https://moodle.uni.test/mod/lti/certs.php', deploymentIds: '1, 2' };

it('shows what an LMS admin pastes into Moodle', async () => {
  const res = await admin.get('/admin');
  expect(res.status).toBe(200);
  for (const v of ['https://luento.test/lti/launch', 'https://luento.test/lti/login', 'https://luento.test/lti/jwks', 'https://luento.test/lti/register']) expect(res.text).toContain(v);
});

it('adds a platform by hand: active at once, with several deployments, and framing allowed at once', async () => {
  const res = await admin.post('/admin/platforms').type('form').send({ ...moodle, _csrf: csrf });
  expect(res.status).toBe(303);
  const p = await ctx.deps.db.selectFrom('lti_platforms').selectAll().where('issuer', '=', moodle.issuer).executeTakeFirstOrThrow();
  expect(p).toMatchObject({ status: 'active', source: 'admin', origin: 'https://moodle.uni.test' });
  const deps = await ctx.deps.db.selectFrom('lti_deployments').select('deployment_id').where('platform_id', '=', p.id).orderBy('deployment_id').execute();
  expect(deps.map((d) => d.deployment_id)).toEqual(['1', '2']);
  const csp = (await request(ctx.app).get('/')).headers['content-security-policy'] as string;
  expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/moodle\.uni\.test/);
  expect(csp).toMatch(/form-action [^;]*https:\/\/moodle\.uni\.test/);
  // The login now works for it.
  const login = await request(ctx.app).get('/lti/login').query({ iss: moodle.issuer, login_hint: '2', target_link_uri: 'https://luento.test/lti/launch', client_id: 'abc123' });
  expect(login.status).toBe(302);
  const to = new URL(login.headers.location as string);
  expect(to.origin + to.pathname).toBe(moodle.authUrl);
  for (const k of ['scope', 'response_type', 'response_mode', 'prompt', 'client_id', 'redirect_uri', 'login_hint', 'state', 'nonce']) expect(to.searchParams.get(k)).toBeTruthy();
  expect(Object.fromEntries(to.searchParams)).toMatchObject({ scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', redirect_uri: 'https://luento.test/lti/launch' });
});

it('disables and re-enables a platform; CSP follows', async () => {
  const p = await ctx.deps.db.selectFrom('lti_platforms').select('id').where('issuer', '=', moodle.issuer).executeTakeFirstOrThrow();
  expect((await admin.post(`/admin/platforms/${p.id}/status`).type('form').send({ status: 'disabled', _csrf: csrf })).status).toBe(303);
  expect((await request(ctx.app).get('/')).headers['content-security-policy']).not.toContain('moodle.uni.test');
  const login = await request(ctx.app).get('/lti/login').query({ iss: moodle.issuer, login_hint: '2', target_link_uri: 'https://luento.test/lti/launch', client_id: 'abc123' });
  expect(login.status).toBe(403);
  expect(login.text).toContain('not active');
  expect((await admin.post(`/admin/platforms/${p.id}/status`).type('form').send({ status: 'active', _csrf: csrf })).status).toBe(303);
  expect((await request(ctx.app).get('/')).headers['content-security-policy']).toContain('moodle.uni.test');
});

it('refuses bad input with every problem named, and writes nothing', async () => {
  const before = await ctx.deps.db.selectFrom('lti_platforms').select('id').execute();
  const res = await admin.post('/admin/platforms').type('form').send({ issuer: 'ftp://x', clientId: '', authUrl: 'nope', tokenUrl: moodle.tokenUrl, jwksUrl: moodle.jwksUrl, deploymentIds: '', _csrf: csrf });
  expect(res.status).toBe(400);
  for (const f of ['issuer', 'clientId', 'authUrl', 'deploymentIds']) expect(res.text).toContain(f);
  expect(await ctx.deps.db.selectFrom('lti_platforms').select('id').execute()).toHaveLength(before.length);
});

it('refuses a cookie session form without the CSRF token', async () => {
  const res = await admin.post('/admin/platforms').type('form').send({ ...moodle, issuer: 'https://csrf.test' });
  expect(res.status).toBe(403);
  expect(await ctx.deps.db.selectFrom('lti_platforms').select('id').where('issuer', '=', 'https://csrf.test').execute()).toHaveLength(0);
});

it('approves a pending registration', async () => {
  const rows = await countIdentityRows(ctx.deps.db);
  const p = await ctx.deps.db
    .insertInto('lti_platforms')
    .values({ issuer: 'https://pending.test', client_id: 'p', auth_url: 'https://pending.test/a', token_url: 'https://pending.test/t', jwks_url: 'https://pending.test/j', status: 'pending', source: 'dynamic', origin: 'https://pending.test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const list = await admin.get('/admin/platforms');
  expect(list.text).toContain('waiting for approval');
  expect((await admin.post(`/admin/platforms/${p.id}/status`).type('form').send({ status: 'active', _csrf: csrf })).status).toBe(303);
  expect((await ctx.deps.db.selectFrom('lti_platforms').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('active');
  expect(await countIdentityRows(ctx.deps.db)).toEqual(rows);
});

it('answers 404 for a platform that does not exist', async () => {
  expect((await admin.post('/admin/platforms/999999/status').type('form').send({ status: 'active', _csrf: csrf })).status).toBe(404);
});
