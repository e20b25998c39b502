// Luento and the test IdP together: environment for the app, and a browser-like client that signs in
// directly (Luento's redirect, the IdP's login form, the callback) and keeps the cookies it is given.
import type { Express } from 'express';
import request from 'supertest';
import { TEST_PUBLIC_URL } from '../../helpers/launch-as.js';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, signInAtIdp, type IdpLogin } from '../../helpers/oidc-idp.js';

export const REDIRECT_URI = `${TEST_PUBLIC_URL}/auth/oidc/callback`;

export function oidcEnv(issuer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: IDP_CLIENT_ID,
    OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
    OIDC_ADMIN_CLAIM: 'groups',
    OIDC_ADMIN_VALUES: 'luento-admins',
    OIDC_DISPLAY_NAME: 'Test University',
    OIDC_TIMEOUT_SECONDS: '2',
    ...extra,
  };
}

export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: request.Response): void {
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const pair = c.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export type DirectClient = {
  jar: CookieJar;
  get: (path: string) => request.Test;
  post: (path: string) => request.Test;
  /** The CSRF token of the session, read from a page's form (cookie sessions need it on every form). */
  csrf: () => Promise<string>;
};

export function clientWith(app: Express, jar: CookieJar): DirectClient {
  const client: DirectClient = {
    jar,
    get: (path) => request(app).get(path).set('Cookie', jar.header()).set('Accept', 'text/html'),
    post: (path) => request(app).post(path).set('Cookie', jar.header()),
    csrf: async () => {
      const page = await client.get('/me/videos');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      if (!token) throw new Error(`no CSRF token on /me/videos (${page.status})`);
      return token;
    },
  };
  return client;
}

/** GET /auth/oidc/login: the redirect to the IdP and the transaction cookie, taken into the jar. */
export async function startSignIn(app: Express, jar: CookieJar, next?: string): Promise<request.Response> {
  const res = await request(app)
    .get(`/auth/oidc/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`)
    .set('Cookie', jar.header());
  jar.take(res);
  return res;
}

/** The whole sign-in of one person; `callback` is Luento's answer to the IdP's redirect. */
export async function signInDirectly(app: Express, login: IdpLogin | string, opts: { next?: string; jar?: CookieJar } = {}): Promise<{ callback: request.Response; callbackUrl: URL; client: DirectClient }> {
  const jar = opts.jar ?? new CookieJar();
  const start = await startSignIn(app, jar, opts.next);
  if (start.status !== 302) throw new Error(`/auth/oidc/login answered ${start.status}: ${start.text.slice(0, 300)}`);
  const callbackUrl = await signInAtIdp(start.headers.location as string, login, REDIRECT_URI);
  const callback = await request(app)
    .get(callbackUrl.pathname + callbackUrl.search)
    .set('Cookie', jar.header())
    .set('Accept', 'text/html');
  jar.take(callback);
  return { callback, callbackUrl, client: clientWith(app, jar) };
}

/** The reason code a refusal page shows. */
export function refusalCode(res: request.Response): string | undefined {
  return /<code>([a-z_]+)<\/code>/.exec(res.text)?.[1];
}
