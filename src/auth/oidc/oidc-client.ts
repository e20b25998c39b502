// The relying party, on openid-client 6: discovery (cached; discovered again after a failure or an
// hour), the authorization request (code flow, PKCE S256, state, nonce) and the callback, where
// openid-client checks issuer, audience, signature, nonce, state, expiry and the PKCE binding. No check
// is switched off. Every request to the IdP gives up after the configured timeout.
import * as client from 'openid-client';
import type { OidcConfig } from '../../config-oidc.js';
import type { Logger } from '../../logger.js';
import { SignInRefusedError, type SignInRefusal } from './sign-in-errors.js';
import type { Claims } from './staff-claims.js';
import type { SignInTransaction } from './sign-in-transaction.js';

export type StartedSignIn = { url: URL; state: string; nonce: string; codeVerifier: string };

export type OidcClient = {
  /** The IdP's authorization URL and the values the callback must match. */
  startSignIn(): Promise<StartedSignIn>;
  /** Redeems the callback; returns the verified ID token claims, completed by UserInfo when offered. */
  finishSignIn(callbackUrl: URL, tx: Pick<SignInTransaction, 'state' | 'nonce' | 'codeVerifier'>): Promise<Claims>;
};

const REDISCOVER_AFTER_MS = 3600_000;
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function isUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT' || (typeof code === 'string' && networkCodes.has(code))) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
    if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) return true;
  }
  return false;
}

/** Discovery failed: the IdP is down or slow, or it is not the issuer configured (a configuration error). */
function discoveryRefusal(err: unknown): SignInRefusedError {
  if (isUnreachable(err)) return new SignInRefusedError('idp_unavailable', 'The identity provider did not answer in time', {}, { cause: err });
  return new SignInRefusedError('idp_misconfigured', `Discovery of the identity provider failed: ${(err as Error).message}`, {}, { cause: err });
}

/** The callback failed: say whether the browser, the IdP's answer, or the IdP itself is at fault. */
export function callbackRefusal(err: unknown): SignInRefusedError {
  if (err instanceof SignInRefusedError) return err;
  const message = (err as Error).message;
  let reason: SignInRefusal = 'id_token_invalid';
  if (isUnreachable(err)) reason = 'idp_unavailable';
  else if (err instanceof client.AuthorizationResponseError) reason = 'idp_denied';
  else if (err instanceof client.ResponseBodyError) reason = err.error === 'invalid_grant' ? 'code_rejected' : 'idp_misconfigured';
  // A 401 with a challenge from the token endpoint: our client credentials are wrong (invalid_client).
  else if (err instanceof client.WWWAuthenticateChallengeError) reason = 'idp_misconfigured';
  else if (err instanceof client.ClientError && (err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || err.code === 'OAUTH_RESPONSE_IS_NOT_JSON')) reason = 'idp_misconfigured';
  return new SignInRefusedError(reason, `The identity provider's answer was refused: ${message}`, {}, { cause: err });
}

/** The discovered configuration, shared by sign-ins; discovered again after a failure or an hour. */
function createDiscovery(cfg: OidcConfig, opts: { log: Logger; now: () => Date }) {
  let cached: { config: Promise<client.Configuration>; at: number } | undefined;
  return {
    async get(): Promise<client.Configuration> {
      const nowMs = opts.now().getTime();
      if (!cached || nowMs - cached.at >= REDISCOVER_AFTER_MS) {
        // Plain http only outside production (config-oidc.ts refuses it there): the in-process test IdP.
        const execute = cfg.issuer.startsWith('http://') ? [client.allowInsecureRequests] : [];
        const entry = { config: client.discovery(new URL(cfg.issuer), cfg.clientId, undefined, client.ClientSecretBasic(cfg.clientSecret), { timeout: cfg.timeoutSeconds, execute }), at: nowMs };
        cached = entry;
        entry.config.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.config.catch((err: unknown) => {
        throw discoveryRefusal(err);
      });
    },
    forget(err: unknown): void {
      // Keys or endpoints may have changed, or the IdP was down: the next sign-in discovers again.
      opts.log.warn({ err }, 'OIDC: forgetting the discovered configuration after a failure');
      cached = undefined;
    },
  };
}

export function createOidcClient(cfg: OidcConfig, opts: { redirectUri: string; log: Logger; now: () => Date }): OidcClient {
  const discovery = createDiscovery(cfg, opts);
  return {
    async startSignIn() {
      const config = await discovery.get();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: opts.redirectUri,
        scope: cfg.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },

    async finishSignIn(callbackUrl, tx) {
      const config = await discovery.get();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: tx.codeVerifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true });
        const idClaims = tokens.claims();
        if (!idClaims) throw new SignInRefusedError('id_token_invalid', 'The identity provider sent no ID token');
        // Many IdPs put profile and affiliation claims only in UserInfo (OIDC Core §5.4); its sub must match.
        const info = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
        return { ...info, ...idClaims } as Claims;
      } catch (err) {
        const refusal = callbackRefusal(err);
        if (refusal.reason === 'idp_unavailable' || refusal.reason === 'idp_misconfigured' || refusal.reason === 'id_token_invalid') discovery.forget(err);
        throw refusal;
      }
    },
  };
}
