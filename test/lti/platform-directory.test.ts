// The login-initiation platform cache: hits within its TTL, drops everything on invalidation (and so on
// frame-ancestors' refresh, which admin and registration call after a change), never remembers an
// unknown issuer, and never keeps the launch from seeing a change at once.
import request from 'supertest';
import { setPlatformStatus } from '../../src/lti/platforms.repo.js';
import { createPlatformDirectory } from '../../src/lti/platform-directory.js';
import { createTestPlatform, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let tp: TestPlatform;

beforeAll(async () => {
  ctx = await createTestContext();
  tp = await createTestPlatform(ctx.deps.db);
});
afterAll(async () => {
  await tp.close();
  await ctx.close();
});

it('answers from memory within the TTL, and reads again after it', async () => {
  let clock = 1_000;
  const dir = createPlatformDirectory({ db: ctx.deps.db, ttlMs: 5_000, now: () => clock });
  expect((await dir.byIssuer(tp.issuer)).map((p) => p.status)).toEqual(['active']);
  await setPlatformStatus(ctx.deps.db, tp.platform.id, 'disabled');
  try {
    expect((await dir.byIssuer(tp.issuer))[0]?.status).toBe('active');
    clock += 5_001;
    expect((await dir.byIssuer(tp.issuer))[0]?.status).toBe('disabled');
  } finally {
    await setPlatformStatus(ctx.deps.db, tp.platform.id, 'active');
  }
});

it('reads again at once after invalidate()', async () => {
  const dir = createPlatformDirectory({ db: ctx.deps.db, ttlMs: 60_000 });
  await dir.byIssuer(tp.issuer);
  await setPlatformStatus(ctx.deps.db, tp.platform.id, 'pending');
  try {
    dir.invalidate();
    expect((await dir.byIssuer(tp.issuer))[0]?.status).toBe('pending');
  } finally {
    await setPlatformStatus(ctx.deps.db, tp.platform.id, 'active');
  }
});

it('does not remember an unknown issuer, so a new registration works at once', async () => {
  const dir = createPlatformDirectory({ db: ctx.deps.db, ttlMs: 60_000 });
  expect(await dir.byIssuer('https://not-yet.test')).toEqual([]);
  const later = await createTestPlatform(ctx.deps.db);
  try {
    const dirForLater = await dir.byIssuer(later.issuer);
    expect(dirForLater.map((p) => p.id)).toEqual([later.platform.id]);
  } finally {
    await later.close();
  }
});

it("the app's cache follows frame-ancestors' refresh, and login refuses a platform disabled through the admin path", async () => {
  const p = await createTestPlatform(ctx.deps.db);
  try {
    expect((await p.login(ctx.app)).state).toBeTruthy();
    await setPlatformStatus(ctx.deps.db, p.platform.id, 'disabled');
    await ctx.deps.lti.frameAncestors.refresh();
    const res = await request(ctx.app).get('/lti/login').query({ iss: p.issuer, login_hint: 'u1', target_link_uri: 'https://luento.test/lti/launch', client_id: p.clientId });
    expect(res.status).toBe(403);
  } finally {
    await p.close();
  }
});
