// Per-test factories: an LTI platform of the test's own (its own RSA key and a real JWKS server on
// loopback), and rows for users and courses. Tests never share data.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/database.js';
import { upsertPlatform, type Platform } from '../../src/lti/platforms.repo.js';
import type { PlatformStatus } from '../../src/lti/lti.tables.js';
import { upsertCourse, upsertMembership, type Course } from '../../src/courses/courses.repo.js';
import { upsertUser, type User } from '../../src/users/users.repo.js';
import type { AppRole } from '../../src/auth/permissions.js';

export const LTI_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const LIS_ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

export type JwksMode = 'ok' | 'slow' | 'down' | 'garbage';

/** A JWKS endpoint on loopback whose behaviour the test controls. */
export async function startJwksServer(keys: () => JWK[]): Promise<{ url: string; mode: JwksMode; hits: number; close: () => Promise<void> }> {
  const state = { url: '', mode: 'ok' as JwksMode, hits: 0, close: async () => undefined };
  const server = http.createServer((_req, res) => {
    state.hits++;
    if (state.mode === 'slow') return void setTimeout(() => res.end(JSON.stringify({ keys: keys() })), 3000);
    if (state.mode === 'down') return void res.writeHead(503).end('maintenance');
    if (state.mode === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"nope":1}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keys() }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  state.close = (): Promise<undefined> =>
    new Promise<undefined>((r) => {
      server.closeAllConnections();
      server.close(() => r(undefined));
    });
  return state;
}

export type TestPlatform = {
  platform: Platform;
  issuer: string;
  clientId: string;
  deploymentId: string;
  kid: string;
  privateKey: CryptoKey;
  jwks: Awaited<ReturnType<typeof startJwksServer>>;
  /** Claims of a valid resource link launch for this platform. */
  claims: (opts: { nonce: string; now?: Date }) => JWTPayload;
  sign: (claims: JWTPayload, header?: { alg?: string; kid?: string; key?: CryptoKey }) => Promise<string>;
  /** Runs OIDC login initiation against the app; returns what the platform would receive. */
  login: (app: Express) => Promise<{ state: string; nonce: string; stateCookie: string; location: URL }>;
  close: () => Promise<void>;
};

export async function createTestPlatform(db: Db, opts: { status?: PlatformStatus; deploymentIds?: string[]; roleMappings?: Record<string, 'viewer' | 'creator' | 'manager' | 'admin' | 'none'> } = {}): Promise<TestPlatform> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `kid-${randomBytes(4).toString('hex')}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const jwks = await startJwksServer(() => [publicJwk]);
  const suffix = randomBytes(4).toString('hex');
  const issuer = `https://lms-${suffix}.test`;
  const clientId = `client-${suffix}`;
  const deploymentIds = opts.deploymentIds ?? ['dep-1'];
  const platform = await upsertPlatform(db, {
    issuer,
    clientId,
    name: `Test LMS ${suffix}`,
    authUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    jwksUrl: jwks.url,
    status: opts.status ?? 'active',
    source: 'admin',
    roleMappings: opts.roleMappings,
    deploymentIds,
  });
  const deploymentId = deploymentIds[0] as string;
  return {
    platform,
    issuer,
    clientId,
    deploymentId,
    kid,
    privateKey,
    jwks,
    claims: ({ nonce, now = new Date() }) => {
      const iat = Math.floor(now.getTime() / 1000);
      return {
        iss: issuer,
        aud: clientId,
        azp: clientId,
        sub: `user-${suffix}`,
        nonce,
        iat,
        exp: iat + 60,
        name: 'Test Learner',
        email: 'learner@lms.test',
        [`${LTI_CLAIM}deployment_id`]: deploymentId,
        [`${LTI_CLAIM}message_type`]: 'LtiResourceLinkRequest',
        [`${LTI_CLAIM}version`]: '1.3.0',
        [`${LTI_CLAIM}target_link_uri`]: 'https://luento.test/lti/launch',
        [`${LTI_CLAIM}resource_link`]: { id: 'rl-1', title: 'Videos' },
        [`${LTI_CLAIM}roles`]: [`${LIS_ROLE}Learner`],
        [`${LTI_CLAIM}context`]: { id: `ctx-${suffix}`, title: 'Test course', label: 'TC1' },
        [`${LTI_CLAIM}launch_presentation`]: { locale: 'en', document_target: 'iframe' },
      };
    },
    sign: (claims, header = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: header.alg ?? 'RS256', kid: header.kid ?? kid }).sign(header.key ?? privateKey),
    login: async (app) => {
      const res = await request(app)
        .post('/lti/login')
        .type('form')
        .send({ iss: issuer, login_hint: 'u1', target_link_uri: 'https://luento.test/lti/launch', client_id: clientId, lti_deployment_id: deploymentId, lti_message_hint: '{"x":1}' });
      if (res.status !== 302) throw new Error(`login initiation answered ${res.status}: ${res.text.slice(0, 300)}`);
      const location = new URL(res.headers.location as string);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('luento_lti_state='));
      return { state: location.searchParams.get('state') ?? '', nonce: location.searchParams.get('nonce') ?? '', stateCookie: (setCookie ?? '').split(';')[0] ?? '', location };
    },
    close: () => jwks.close(),
  };
}

export async function createUser(db: Db, opts: { platformId: string; name?: string; isSiteAdmin?: boolean }): Promise<User> {
  return upsertUser(db, { platformId: opts.platformId, sub: `sub-${randomBytes(4).toString('hex')}`, name: opts.name ?? 'Factory User', email: undefined, locale: 'en', isSiteAdmin: opts.isSiteAdmin ?? false, now: new Date() });
}

export async function createCourse(db: Db, opts: { platformId: string; deploymentId?: string; title?: string }): Promise<Course> {
  return upsertCourse(db, { platformId: opts.platformId, deploymentId: opts.deploymentId ?? 'dep-1', contextId: `ctx-${randomBytes(4).toString('hex')}`, title: opts.title ?? 'Factory course', label: 'FC', now: new Date() });
}

export async function enrol(db: Db, opts: { userId: string; courseId: string; role: AppRole }): Promise<void> {
  await upsertMembership(db, { ...opts, ltiRoles: [], now: new Date() });
}

/** Rows that a refused launch must not leave behind. */
export async function countIdentityRows(db: Db): Promise<{ users: number; courses: number; memberships: number; sessions: number }> {
  const count = async (table: 'users' | 'courses' | 'memberships' | 'sessions') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { users: await count('users'), courses: await count('courses'), memberships: await count('memberships'), sessions: await count('sessions') };
}
