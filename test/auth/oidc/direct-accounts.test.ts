// A staff member who only ever signed in directly has no LMS platform (users.platform_id is null). The
// features that read users work for them: the GDPR export and erasure, and the admin users page.
import { createLtiTestContext, type LtiTestContext } from '../../helpers/launch-as.js';
import { startTestIdp, type TestIdp } from '../../helpers/oidc-idp.js';
import { oidcEnv, REDIRECT_URI, signInDirectly, type DirectClient } from './oidc-fixtures.js';

let idp: TestIdp;
let ctx: LtiTestContext;
let admin: DirectClient;

const identityOf = (sub: string) => ctx.deps.db.selectFrom('user_identities').select('user_id').where('sub', '=', sub).executeTakeFirst();

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: REDIRECT_URI });
  ctx = await createLtiTestContext({ env: oidcEnv(idp.issuer) });
  admin = (await signInDirectly(ctx.app, 'admin')).client;
});
afterAll(async () => {
  await ctx.close();
  await idp.close();
});

it('exports the person’s data with their IdP identity and no LMS', async () => {
  const { client } = await signInDirectly(ctx.app, 'newStaff');
  const res = await client.get('/privacy/export').set('Accept', 'application/json');
  expect(res.status).toBe(200);
  const data = JSON.parse(res.text) as { profile: Record<string, unknown>; identities: Array<Record<string, unknown>> };
  expect(data.profile).toMatchObject({ name: 'Niklas Nyman', email: 'niklas.nyman@uni.test', lms: null, lmsUserId: 'idp-niklas' });
  expect(data.identities).toEqual([expect.objectContaining({ issuer: idp.issuer, sub: 'idp-niklas' })]);
});

it('lists direct accounts on the admin users page, named as university sign-in', async () => {
  const page = await admin.get('/admin/users?q=Niklas');
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/Niklas Nyman[\s\S]*University sign-in/);
});

it('erasure removes the identity: the same IdP account later starts a new, empty person', async () => {
  const erased = (await identityOf('idp-niklas'))!.user_id;
  const page = await admin.get(`/admin/privacy/users/${erased}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const res = await admin.post(`/admin/privacy/users/${erased}/erase`).type('form').send({ _csrf: csrf, videos: 'trash', confirm: 'on' });
  expect(res.status).toBe(303);
  expect(await identityOf('idp-niklas')).toBeUndefined();
  const user = await ctx.deps.db.selectFrom('users').select(['name', 'email', 'sub']).where('id', '=', erased).executeTakeFirstOrThrow();
  expect(user).toEqual({ name: '', email: null, sub: `erased:${erased}` });
  const { callback } = await signInDirectly(ctx.app, 'newStaff');
  expect(callback.status).toBe(303);
  const again = (await identityOf('idp-niklas'))!.user_id;
  expect(again).not.toBe(erased);
});
