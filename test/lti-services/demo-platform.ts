// Test harness: the real demo LMS service router on a real HTTP server on 127.0.0.1, the tool's JWKS
// served beside it, a shared clock, and a log of the requests the platform received.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createDemoGradebook, type DemoGradebook } from '../../src/demo/services/demo-gradebook.js';
import type { DemoMember } from '../../src/demo/services/demo-service-context.js';
import { demoServiceUrls, type DemoServiceUrls } from '../../src/demo/services/demo-service-urls.js';
import { demoServicesRouter } from '../../src/demo/services/demo-services.router.js';
import type { PlatformServiceConfig, SigningKey } from '../../src/lti/services/access-token-client.js';
import { createLogger } from '../../src/logger.js';

export const CLIENT_ID = 'luento-client-1';
export const COURSE_ID = 'course-42';
export const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
export const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

export type TestClock = { now: () => Date; advanceSeconds: (s: number) => void };

export function createClock(start = new Date('2030-01-01T10:00:00Z')): TestClock {
  let ms = start.getTime();
  return { now: () => new Date(ms), advanceSeconds: (s) => void (ms += s * 1000) };
}

export type ToolKey = { signingKey: SigningKey; publicJwk: JWK };

export async function generateToolKey(kid: string): Promise<ToolKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { signingKey: { kid, privateKey }, publicJwk };
}

export function demoMembers(count: number): DemoMember[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `u${i + 1}`,
    roles: [i === 0 ? INSTRUCTOR : LEARNER],
    name: `Person ${i + 1}`,
    givenName: 'Person',
    familyName: `${i + 1}`,
    email: `p${i + 1}@uni.example`,
  }));
}

export type RecordedRequest = { method: string; url: string; contentType?: string; accept?: string };

export type DemoPlatform = {
  origin: string;
  urls: DemoServiceUrls;
  platform: PlatformServiceConfig;
  gradebook: DemoGradebook;
  requests: RecordedRequest[];
  tokenRequests: () => number;
  close: () => Promise<void>;
};

export type DemoPlatformOptions = {
  toolJwks: JWK[];
  clock: TestClock;
  /** Verify assertions through the JWKS URL (as Moodle does) instead of an in-process key resolver. */
  useJwksUrl?: boolean;
  /** Overrides where the demo fetches the tool's JWKS (implies useJwksUrl). */
  jwksUrl?: string;
  members?: DemoMember[];
  pageSize?: number;
  tokenTtlSeconds?: number;
  toolScopes?: readonly string[];
};

export async function startDemoPlatform(opts: DemoPlatformOptions): Promise<DemoPlatform> {
  const app = express();
  const requests: RecordedRequest[] = [];
  app.use((req, _res, next) => {
    requests.push({ method: req.method, url: req.originalUrl, contentType: req.get('content-type'), accept: req.get('accept') });
    next();
  });
  app.get('/tool/jwks', (_req, res) => void res.json({ keys: opts.toolJwks }));
  const server = await listen(app);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrl = `${origin}/lms`;
  const gradebook = createDemoGradebook();
  app.use(
    '/lms',
    demoServicesRouter({
      baseUrl,
      tool: {
        clientId: CLIENT_ID,
        keys: opts.useJwksUrl || opts.jwksUrl ? { jwksUrl: opts.jwksUrl ?? `${origin}/tool/jwks`, timeoutMs: 500 } : { resolveKey: createLocalJWKSet({ keys: opts.toolJwks }) },
        scopes: opts.toolScopes,
      },
      courses: [{ id: COURSE_ID, label: 'DEMO101', title: 'Demo course', members: opts.members ?? demoMembers(4) }],
      gradebook,
      log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      now: opts.clock.now,
      pageSize: opts.pageSize,
      tokenTtlSeconds: opts.tokenTtlSeconds,
    }),
  );
  const urls = demoServiceUrls({ baseUrl, typeId: 1 });
  return {
    origin,
    urls,
    platform: { issuer: origin, clientId: CLIENT_ID, tokenUrl: urls.tokenUrl },
    gradebook,
    requests,
    tokenRequests: () => requests.filter((r) => r.url === '/lms/token.php').length,
    close: () => closeServer(server),
  };
}

/** A raw server for platforms that misbehave: the handler decides; `null` means never answer. */
export async function startRawServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits += 1;
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits, close: () => closeServer(server) };
}

/** A URL on 127.0.0.1 where nothing listens (the port was just freed). */
export async function closedPortUrl(): Promise<string> {
  const s = await startRawServer(() => undefined);
  await s.close();
  return s.url;
}

function listen(app: express.Express): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
