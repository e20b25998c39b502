// A real OpenID Provider (oidc-provider 9) on a loopback port, standing in for the university's IdP:
// code flow with PKCE required, a confidential client registered with Luento's redirect URI, and a few
// people. Its login page is our own tiny form (interactions.url) rather than oidc-provider's
// devInteractions: the dev pages' HTML and their consent step change between versions, while
// interactionDetails/interactionFinished and loadExistingGrant are the documented, stable API. Consent is
// granted automatically, as a university IdP does for its own services. Tests drive the login over plain
// HTTP with a cookie jar (signInAtIdp); the browser test fills in the same form.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider, type OidcContext } from 'oidc-provider';

export type IdpPerson = { sub: string } & Record<string, unknown>;

/** The people of the test IdP, by login name. `teacher` has the e-mail of the demo LMS's teacher. */
export const idpPeople = {
  teacher: { sub: 'idp-tuula', name: 'Tuula Opettaja', email: 'Tuula.Opettaja@demo.invalid', email_verified: true, locale: 'fi-FI', eduperson_affiliation: ['faculty', 'member'] },
  newStaff: { sub: 'idp-niklas', name: 'Niklas Nyman', email: 'niklas.nyman@uni.test', email_verified: true, locale: 'sv-FI', eduperson_affiliation: 'staff' },
  student: { sub: 'idp-sam', name: 'Sam Student', email: 'sam.student@demo.invalid', email_verified: true, locale: 'fi', eduperson_affiliation: ['student', 'member'] },
  admin: { sub: 'idp-ilona', name: 'Ilona Ylläpitäjä', email: 'ilona.yllapitaja@uni.test', email_verified: true, eduperson_affiliation: ['staff'], groups: ['luento-admins'] },
  newcomer: { sub: 'idp-nea', name: 'Nea Newcomer', email: 'nea.newcomer@uni.test', email_verified: true, locale: 'en', eduperson_affiliation: ['faculty'] },
  disabled: { sub: 'idp-former', name: 'Former Teacher', email: 'former.teacher@uni.test', email_verified: true, eduperson_affiliation: ['employee'] },
  // Claims the demo teacher's address, unverified: must never be linked to her account.
  unverified: { sub: 'idp-mallory', name: 'Mallory', email: 'tuula.opettaja@demo.invalid', email_verified: false, eduperson_affiliation: ['staff'] },
} satisfies Record<string, IdpPerson>;
export type IdpLogin = keyof typeof idpPeople;

export const IDP_CLIENT_ID = 'luento-test';
export const IDP_CLIENT_SECRET = 'luento-test-client-secret-0123456789';

export type TestIdp = { issuer: string; port: number; close: () => Promise<void> };

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const loginPage = (uid: string, error = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>University sign-in</title></head>
<body><main><h1>University sign-in</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="username" required>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></main></body></html>`;

async function handleInteraction(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
    return;
  }
  const login = (await readForm(req)).get('login') ?? '';
  const person = (idpPeople as Record<string, IdpPerson>)[login];
  if (!person) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Unknown username'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
}

/** `port`: a given port (to bring an IdP up where one was down); default: any free one. */
export async function startTestIdp(opts: { redirectUri: string; port?: number }): Promise<TestIdp> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const bySub = new Map(Object.values(idpPeople).map((p: IdpPerson) => [p.sub, p]));
  const provider = new Provider(issuer, {
    clients: [{ client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET, redirect_uris: [opts.redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) => {
      const p = bySub.get(sub);
      return p && { accountId: sub, claims: () => ({ ...p }) };
    },
    // The university releases affiliation and groups with the profile scope (as a HAKA/eduGAIN IdP would).
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'locale', 'eduperson_affiliation', 'groups'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party client: consent to whatever it asked for, so no consent page appears.
    loadExistingGrant: async (ctx: OidcContext) => {
      const { session, client, result } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    cookies: { keys: ['test-idp-cookie-key-0123456789abcdef'] },
    // Explicit lifetimes (seconds), as a real IdP sets them; the defaults print a notice on every use.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Grant: 3600, Interaction: 600, Session: 3600 },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-idp-1', alg: 'RS256', use: 'sig' }] },
  });
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    handleInteraction(provider, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test IdP interaction failed: ${(err as Error).message}`);
    });
  });
  return {
    issuer,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * Plays the browser at the IdP: follows the authorization URL, posts the login form, follows the
 * redirects, and returns the callback URL the IdP sends the browser back to (with code and state).
 */
export async function signInAtIdp(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let body: string | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    const text = await res.text();
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url);
      if (url.href.startsWith(redirectUri)) return url;
    } else if (res.status === 200 && url.pathname.startsWith('/interaction/') && !text.includes('Unknown username')) {
      body = new URLSearchParams({ login, password: 'irrelevant' }).toString();
    } else {
      throw new Error(`test IdP answered ${res.status} at ${url.pathname}: ${text.slice(0, 300)}`);
    }
  }
  throw new Error('test IdP: too many redirects');
}

/** A port where nothing listens: the IdP is down. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** An IdP that accepts connections and never answers: requests to it must time out. */
export async function startSilentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => s.close(() => r()));
    },
  };
}

/** Serves the real IdP's discovery document from another origin: its issuer is not the one configured. */
export async function startImpostorIssuer(idp: TestIdp): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer((req, res) => {
    fetch(`${idp.issuer}${req.url ?? '/'}`)
      .then(async (r) => res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(await r.text()))
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: async () => {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    },
  };
}
