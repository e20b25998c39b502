// The OIDC settings (src/config-oidc.ts) as loadConfig reads them: off by default, every problem named.
import { ConfigError, loadConfig } from '../../../src/config.js';

const on = { OIDC_ISSUER: 'https://idp.uni.fi', OIDC_CLIENT_ID: 'luento', OIDC_CLIENT_SECRET: 's3cret-value' };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

it('is off while OIDC_ISSUER is unset (empty counts as unset)', () => {
  expect(loadConfig({}).oidc).toBeUndefined();
  expect(loadConfig({ OIDC_ISSUER: '', OIDC_CLIENT_ID: 'x' }).oidc).toBeUndefined();
});

it('has the documented defaults', () => {
  expect(loadConfig(on).oidc).toEqual({
    issuer: 'https://idp.uni.fi',
    clientId: 'luento',
    clientSecret: 's3cret-value',
    scopes: ['openid', 'profile', 'email'],
    staff: { claim: 'eduperson_affiliation', values: ['staff', 'faculty', 'employee'] },
    admin: undefined,
    displayName: undefined,
    timeoutSeconds: 5,
  });
});

it('reads lists and the admin rule', () => {
  const c = loadConfig({ ...on, OIDC_SCOPES: 'openid email groups', OIDC_STAFF_CLAIM: 'https://uni.fi/claims/role', OIDC_STAFF_VALUES: 'teacher, researcher', OIDC_ADMIN_CLAIM: 'groups', OIDC_ADMIN_VALUES: 'luento-admins,it-staff', OIDC_DISPLAY_NAME: 'University of Somewhere' }).oidc;
  expect(c).toMatchObject({ scopes: ['openid', 'email', 'groups'], staff: { claim: 'https://uni.fi/claims/role', values: ['teacher', 'researcher'] }, admin: { claim: 'groups', values: ['luento-admins', 'it-staff'] }, displayName: 'University of Somewhere' });
});

it.each([
  [{ OIDC_ISSUER: 'https://idp.uni.fi' }, ['OIDC_CLIENT_ID: required', 'OIDC_CLIENT_SECRET: required']],
  [{ ...on, OIDC_ISSUER: 'not a url' }, ['OIDC_ISSUER']],
  [{ ...on, OIDC_SCOPES: 'profile email' }, ['OIDC_SCOPES: must include openid']],
  [{ ...on, OIDC_STAFF_VALUES: ' , ' }, ['OIDC_STAFF_VALUES']],
  [{ ...on, OIDC_STAFF_CLAIM: 'has spaces in it' }, ['OIDC_STAFF_CLAIM']],
  [{ ...on, OIDC_ADMIN_VALUES: 'admins' }, ['OIDC_ADMIN_VALUES: set OIDC_ADMIN_CLAIM too']],
  [{ ...on, OIDC_TIMEOUT_SECONDS: '0' }, ['OIDC_TIMEOUT_SECONDS']],
  [{ ...on, NODE_ENV: 'production', PUBLIC_URL: 'https://v.uni.fi', SECRET_KEY: 'k'.repeat(40), OIDC_ISSUER: 'http://idp.uni.fi' }, ['OIDC_ISSUER: must use https:// in production']],
])('refuses %j', (env, expected) => {
  const problems = problemsOf(env).join('\n');
  for (const text of expected) expect(problems).toContain(text);
});

it('never echoes the client secret in a configuration error about other variables', () => {
  const problems = problemsOf({ ...on, OIDC_CLIENT_SECRET: 'super-secret-value', OIDC_SCOPES: 'profile' }).join('\n');
  expect(problems).not.toContain('super-secret-value');
});
