import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import request from 'supertest';
import { rotateToolKeys } from '../../src/cli/keys-rotate-command.js';
import { runPlatformCommand } from '../../src/cli/platform-command.js';
import { createToolKeys } from '../../src/lti/tool-keys.js';
import { decryptSecret, deriveKey, encryptSecret } from '../../src/lti/secret-box.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false });
});
afterAll(() => ctx.close());

describe('tool keys', () => {
  it('are generated on first use and stored encrypted (no PEM in the database)', async () => {
    const jwks = (await request(ctx.app).get('/lti/jwks')).body as { keys: Array<{ kid: string; n: string }> };
    expect(jwks.keys).toHaveLength(1);
    const row = await ctx.deps.db.selectFrom('lti_tool_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.private_key_enc).toMatch(/^v1\./);
    expect(row.private_key_enc).not.toContain('PRIVATE KEY');
    expect(decryptSecret(deriveKey(ctx.deps.secretKey, 'lti-tool-keys'), row.private_key_enc)).toContain('BEGIN PRIVATE KEY');
  });

  it('rotation: the new key signs, the old kid stays published for the grace period, then is retired', async () => {
    let now = new Date();
    const keys = createToolKeys({ db: ctx.deps.db, secretKey: ctx.deps.secretKey, graceDays: 7, now: () => now });
    const old = await keys.signingKey();
    const signedBefore = await new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'RS256', kid: old.kid }).sign(old.privateKey);
    const lines: string[] = [];
    await rotateToolKeys(keys, { graceDays: 7, write: (l) => lines.push(l) });
    const fresh = await keys.signingKey();
    expect(fresh.kid).not.toBe(old.kid);
    expect(lines.join('\n')).toContain(`Still published for 7 days, then retired: ${old.kid}`);
    const published = await keys.jwks();
    expect(published.keys.map((k) => k.kid)).toEqual([fresh.kid, old.kid]);
    // A message signed just before the rotation still verifies against the JWKS.
    await expect(jwtVerify(signedBefore, createLocalJWKSet(published))).resolves.toBeDefined();
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect((await keys.jwks()).keys.map((k) => k.kid)).toEqual([fresh.kid]);
    await rotateToolKeys(keys, { graceDays: 7, write: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain(`Retired (grace period over): ${old.kid}`);
    expect(await ctx.deps.db.selectFrom('lti_tool_keys').select('kid').where('kid', '=', old.kid).execute()).toHaveLength(0);
  });

  it('a changed SECRET_KEY gives a clear error instead of a crypto stack trace', () => {
    const boxed = encryptSecret(deriveKey('secret-one-that-is-long-enough-0123456789', 'x'), 'hello');
    expect(() => decryptSecret(deriveKey('secret-two-that-is-long-enough-0123456789', 'x'), boxed)).toThrow(/was SECRET_KEY changed/);
  });
});

describe('npm run platform', () => {
  const out: string[] = [];
  const run = (args: string[]) => runPlatformCommand(args, { db: ctx.deps.db, write: (l) => out.push(l) });

  it('add: registers an active platform with several deployments', async () => {
    await run(['add', '--issuer', 'https://moodle.cli.test', '--client-id', 'cli-1', '--auth-url', 'https://moodle.cli.test/auth', '--token-url', 'https://moodle.cli.test/token', '--jwks-url', 'https://moodle.cli.test/certs', '--deployment', '1', '--deployment', '2']);
    expect(out.at(-1)).toMatch(/Added platform \d+: https:\/\/moodle\.cli\.test \(client id cli-1\), active\./);
    const p = await ctx.deps.db.selectFrom('lti_platforms').select(['id', 'status']).where('issuer', '=', 'https://moodle.cli.test').executeTakeFirstOrThrow();
    expect(p.status).toBe('active');
    expect(await ctx.deps.db.selectFrom('lti_deployments').select('deployment_id').where('platform_id', '=', p.id).execute()).toHaveLength(2);
  });

  it('list: one line per platform', async () => {
    await run(['list']);
    expect(out.at(-1)).toMatch(/^\d+\tactive\thttps:\/\/moodle\.cli\.test\tcli-1\tdeployments: 1, 2$/);
  });

  it('disable: by issuer and client id', async () => {
    await run(['disable', '--issuer', 'https://moodle.cli.test', '--client-id', 'cli-1']);
    expect((await ctx.deps.db.selectFrom('lti_platforms').select('status').where('issuer', '=', 'https://moodle.cli.test').executeTakeFirstOrThrow()).status).toBe('disabled');
  });

  it('names every bad option by its flag', async () => {
    await expect(run(['add', '--issuer', 'nope', '--client-id', 'x'])).rejects.toThrow(/--issuer: .*\n.*--auth-url/s);
  });

  it('explains usage for an unknown command or option', async () => {
    await expect(run(['frobnicate'])).rejects.toThrow(/Usage:/);
    await expect(run(['add', '--colour', 'red'])).rejects.toThrow(/Unknown option '--colour'/);
  });
});

describe('lti-sweep job', () => {
  it('deletes expired login states, replay records and sessions, and keeps live ones', async () => {
    const { sweepLtiState } = await import('../../src/lti/lti-sweep.job.js');
    const platform = await ctx.deps.db
      .insertInto('lti_platforms')
      .values({ issuer: 'https://sweep.test', client_id: 's', auth_url: 'https://sweep.test/a', token_url: 'https://sweep.test/t', jwks_url: 'https://sweep.test/j', origin: 'https://sweep.test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date();
    const past = new Date(now.getTime() - 1000);
    const future = new Date(now.getTime() + 60_000);
    for (const [id, exp] of [['old', past], ['live', future]] as const)
      await ctx.deps.db.insertInto('lti_login_states').values({ state_id: id, nonce: `n-${id}`, platform_id: platform.id, browser_secret: 'b', storage_target: null, expires_at: exp }).execute();
    await ctx.deps.db.insertInto('lti_used_tokens').values([{ issuer: 'i', token_id: 'old', expires_at: past }, { issuer: 'i', token_id: 'live', expires_at: future }]).execute();
    const swept = await sweepLtiState(ctx.deps.db, now);
    expect(swept).toMatchObject({ loginStates: 1, usedTokens: 1 });
    expect(await ctx.deps.db.selectFrom('lti_login_states').select('state_id').where('platform_id', '=', platform.id).execute()).toEqual([{ state_id: 'live' }]);
  });
});
