// Drives the demo LMS's real LTI flow over supertest: demo page → login initiation (302) → the demo's
// OIDC auth endpoint → id_token form post → landing page. Returns a client that holds the session the
// way a browser would: by the session cookie, or (cookies blocked) by the token carried in links.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import type { Deps } from '../../src/deps.js';
import { ensureDemoPlatform } from '../../src/demo/demo-platform.js';
import { sha256 } from '../../src/auth/hmac.js';
import { createTestContext, type TestContext } from './test-app.js';

export const TEST_PUBLIC_URL = 'https://luento.test';

export type LtiTestContext = TestContext & { jwksBase: string; rebuild: (change: (deps: Deps) => Deps) => Express };

/** A test context with the demo LMS on and registered; its JWKS is served over a real loopback listener. */
export async function createLtiTestContext(opts: { env?: Record<string, string>; now?: () => Date } = {}): Promise<LtiTestContext> {
  const ctx = await createTestContext({ env: { DEMO_LMS: 'true', ...opts.env }, now: opts.now, startQueue: false });
  // The app is served through a holder, so tests that rebuild it (fakes behind our interfaces) keep one listener.
  const holder = { app: ctx.app };
  const server = http.createServer((req, res) => holder.app(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const jwksBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ensureDemoPlatform(ctx.deps.db, { publicUrl: TEST_PUBLIC_URL, jwksBase });
  await ctx.deps.lti.frameAncestors.refresh();
  const result: LtiTestContext = {
    ...ctx,
    jwksBase,
    rebuild: (change) => {
      holder.app = buildApp(change(ctx.deps));
      result.app = holder.app;
      return holder.app;
    },
    close: async () => {
      ctx.deps.lti.frameAncestors.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await ctx.close();
    },
  };
  return result;
}

export type DemoRole = 'teacher' | 'student' | 'student2' | 'admin';

export type LaunchOptions = {
  /** Context id in the demo LMS; default: the demo course. */
  course?: string;
  /** false: the browser refuses every cookie (Safari, or Chrome blocking third-party cookies). */
  cookies?: boolean;
  message?: 'resource' | 'deeplink';
  /** A resource link the demo received through Deep Linking. */
  link?: number;
  /** Use the platform storage (lti_storage_target) instead of the state cookie. */
  storage?: boolean;
};

export type LaunchedClient = {
  get: (path: string) => request.Test;
  post: (path: string) => request.Test;
  landing: request.Response;
  landingPath: string;
  sessionToken: string;
  courseId: string;
  hasCookie: boolean;
};

export function decodeHtml(s: string): string {
  return s.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function formFields(html: string): { action: string; fields: Record<string, string> } {
  const action = decodeHtml(/<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? '');
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1] as string] = decodeHtml(m[2] as string);
  return { action, fields };
}

/** A minimal browser cookie jar: name → value, or nothing at all when cookies are blocked. */
class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly enabled: boolean) {}
  take(res: request.Response): void {
    if (!this.enabled) return;
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair] = c.split(';');
      const i = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, i);
      const value = (pair ?? '').slice(i + 1);
      if (/Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

function pathOf(url: string): string {
  const u = new URL(url, TEST_PUBLIC_URL);
  return u.pathname + u.search;
}

function expectStatus(res: request.Response, status: number, step: string): void {
  if (res.status === status) return;
  const code = /<code>([a-z_]+)<\/code>/.exec(res.text)?.[1];
  const detail = /class="error-detail">([^<]*)</.exec(res.text)?.[1];
  throw new Error(`${step}: expected ${status}, got ${res.status} ${code ?? ''}: ${detail ? decodeHtml(detail) : res.text.slice(0, 500)}`);
}

export async function launchAs(ctx: LtiTestContext, role: DemoRole, opts: LaunchOptions = {}): Promise<LaunchedClient> {
  const app = ctx.app;
  const jar = new Jar(opts.cookies !== false);
  const send = (t: request.Test) => t.set('Cookie', jar.header());
  const q = new URLSearchParams({ user: role, m: opts.message ?? 'resource', ...(opts.course ? { c: opts.course } : {}), ...(opts.link ? { link: String(opts.link) } : {}), ...(opts.storage ? { storage: '1' } : {}) });
  const page = await request(app).get(`/demo/launch?${q}`);
  expectStatus(page, 200, 'demo launch page');
  const loginUrl = decodeHtml(/<iframe[^>]*src="([^"]+)"/.exec(page.text)?.[1] ?? '');
  const login = await send(request(app).get(pathOf(loginUrl)));
  jar.take(login);
  let authPath: string;
  let storedSecret: string | undefined;
  if (opts.storage) {
    // The tool's page would postMessage this to the LMS window; the test plays that window.
    expectStatus(login, 200, 'login initiation (platform storage)');
    storedSecret = decodeHtml(/data-value="([^"]*)"/.exec(login.text)?.[1] ?? '');
    authPath = pathOf(decodeHtml(/data-next="([^"]*)"/.exec(login.text)?.[1] ?? ''));
  } else {
    expectStatus(login, 302, 'login initiation');
    authPath = pathOf(login.headers.location as string);
  }
  const auth = await request(app).get(authPath);
  expectStatus(auth, 200, 'demo auth endpoint');
  const { action, fields } = formFields(auth.text);
  let launch = await send(request(app).post(pathOf(action)).type('form').send(fields));
  if (opts.storage && launch.status === 200 && launch.text.includes('lti-storage-form')) {
    launch = await send(request(app).post('/lti/launch/confirm').type('form').send({ state: fields.state, value: storedSecret }));
  }
  expectStatus(launch, 303, 'launch');
  jar.take(launch);
  const landingPath = launch.headers.location as string;
  const sessionToken = new URL(landingPath, TEST_PUBLIC_URL).searchParams.get('st') ?? '';
  const landing = await send(request(app).get(landingPath));
  const courseId = /^\/courses\/(\d+)/.exec(landingPath)?.[1] ?? (await courseIdOfSession(ctx, sessionToken));
  const hasCookie = jar.has('luento_session');
  const withToken = (path: string) => (hasCookie ? path : `${path}${path.includes('?') ? '&' : '?'}st=${encodeURIComponent(sessionToken)}`);
  return {
    get: (path) => send(request(app).get(withToken(path))),
    post: (path) => send(request(app).post(withToken(path))),
    landing,
    landingPath,
    sessionToken,
    courseId,
    hasCookie,
  };
}

async function courseIdOfSession(ctx: LtiTestContext, token: string): Promise<string> {
  const row = await ctx.deps.db.selectFrom('sessions').select('course_id').where('token_hash', '=', sha256(token)).executeTakeFirst();
  return row?.course_id ?? '';
}
