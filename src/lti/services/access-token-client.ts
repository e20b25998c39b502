// OAuth 2.0 client_credentials access tokens for LTI Advantage services (1EdTech Security Framework 1.0
// §4.1, RFC 7523 §2.2): Luento signs a JWT client assertion with its current tool key and exchanges it
// at the platform's token endpoint. Tokens are cached per (platform, scope set) until shortly before they
// expire, and callers that ask at the same time share one request. Failures are thrown, not logged:
// the service client (or whoever calls) logs them once, with the call they broke.
import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { z } from 'zod';
import { CLIENT_ASSERTION_TYPE_JWT_BEARER } from './service-constants.js';
import { LtiServiceError } from './service-errors.js';
import { excerpt, sendHttpRequest, TransportError, type HttpReply } from './http-transport.js';

/** The tool's private signing key and the `kid` under which its public half is in Luento's JWKS. */
export type SigningKey = { kid: string; privateKey: CryptoKey | KeyObject };

/**
 * Where the signing key comes from: a fixed key, or a function asked before each token request, so that a
 * long-lived client follows key rotation (return the tool's current key).
 */
export type SigningKeySource = SigningKey | (() => Promise<SigningKey>);

/** What the clients need to know about a registered platform. */
export type PlatformServiceConfig = {
  issuer: string;
  clientId: string;
  tokenUrl: string;
  /** The assertion's `aud` when the platform names one (`authorization_server`); else the token URL. */
  tokenAudience?: string;
};

export type AccessToken = { token: string; scopes: readonly string[]; expiresAt: Date };

export type AccessTokenClient = {
  getAccessToken(platform: PlatformServiceConfig, scopes: readonly string[]): Promise<AccessToken>;
  /** Drops a cached token, e.g. after the platform answered 401 to it. */
  forgetAccessToken(platform: PlatformServiceConfig, scopes: readonly string[]): void;
};

export type AccessTokenClientOptions = {
  signingKey: SigningKeySource;
  now?: () => Date;
  timeoutMs?: number;
  /** A cached token is renewed this long before it expires (at most half its lifetime). */
  refreshMarginSeconds?: number;
  assertionLifetimeSeconds?: number;
};

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** RFC 6749 §5.1 makes expires_in optional; without it, assume a short life rather than a long one. */
const DEFAULT_TOKEN_LIFETIME_S = 300;
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

export function createAccessTokenClient(opts: AccessTokenClientOptions): AccessTokenClient {
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const marginS = opts.refreshMarginSeconds ?? 60;
  const cache = new Map<string, AccessToken>();
  const inFlight = new Map<string, Promise<AccessToken>>();

  const isFresh = (t: AccessToken) => t.expiresAt.getTime() > now().getTime();

  async function requestToken(platform: PlatformServiceConfig, scopes: readonly string[], key: string): Promise<AccessToken> {
    const assertion = await signAssertion(platform, { source: opts.signingKey, now: now(), lifetimeS: opts.assertionLifetimeSeconds ?? 120 });
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE_JWT_BEARER,
      client_assertion: assertion,
      scope: scopes.join(' '),
    });
    const reply = await postTokenRequest(platform, body.toString(), timeoutMs);
    const token = parseTokenReply(platform, reply, { scopes, now: now(), marginS });
    cache.set(key, token);
    return token;
  }

  return {
    getAccessToken(platform, scopes) {
      const key = cacheKey(platform, scopes);
      const cached = cache.get(key);
      if (cached && isFresh(cached)) return Promise.resolve(cached);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const request = requestToken(platform, normaliseScopes(scopes), key).finally(() => inFlight.delete(key));
      inFlight.set(key, request);
      return request;
    },
    forgetAccessToken(platform, scopes) {
      cache.delete(cacheKey(platform, scopes));
    },
  };
}

function normaliseScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes)].sort();
}

function cacheKey(platform: PlatformServiceConfig, scopes: readonly string[]): string {
  return JSON.stringify([platform.issuer, platform.clientId, platform.tokenUrl, normaliseScopes(scopes)]);
}

async function signAssertion(
  platform: PlatformServiceConfig,
  opts: { source: SigningKeySource; now: Date; lifetimeS: number },
): Promise<string> {
  let key: SigningKey;
  try {
    key = typeof opts.source === 'function' ? await opts.source() : opts.source;
  } catch (err) {
    throw new LtiServiceError('lti_signing_key_unavailable', `Luento's signing key is not available: ${err instanceof Error ? err.message : String(err)}`);
  }
  const iat = Math.floor(opts.now.getTime() / 1000);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenAudience ?? platform.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + opts.lifetimeS)
    .sign(key.privateKey);
}

async function postTokenRequest(platform: PlatformServiceConfig, body: string, timeoutMs: number): Promise<HttpReply> {
  try {
    // Moodle's token.php reads only form-encoded bodies (LTI-NOTES "Services").
    return await sendHttpRequest({
      url: platform.tokenUrl,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      timeoutMs,
      maxBodyBytes: MAX_TOKEN_RESPONSE_BYTES,
    });
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    const details = { tokenUrl: platform.tokenUrl, reason: err.message };
    if (err.failure === 'timeout')
      throw new LtiServiceError('lti_token_timeout', `The platform's token endpoint ${platform.tokenUrl} did not answer within ${timeoutMs} ms`, details);
    if (err.failure === 'too_large')
      throw new LtiServiceError('lti_token_invalid_response', `The platform's token endpoint ${platform.tokenUrl} sent an oversized answer`, details);
    throw new LtiServiceError('lti_token_unreachable', `The platform's token endpoint ${platform.tokenUrl} cannot be reached (${err.message})`, details);
  }
}

function parseTokenReply(
  platform: PlatformServiceConfig,
  reply: HttpReply,
  ctx: { scopes: readonly string[]; now: Date; marginS: number },
): AccessToken {
  const json = parseJson(reply.text);
  if (reply.status < 200 || reply.status >= 300) {
    const oauth = oauthErrorSchema.safeParse(json);
    const reason = oauth.success ? `${oauth.data.error}${oauth.data.error_description ? `: ${oauth.data.error_description}` : ''}` : `HTTP ${reply.status}`;
    throw new LtiServiceError(
      'lti_token_rejected',
      `The platform's token endpoint ${platform.tokenUrl} refused an access token (${reason}). Check that the platform has Luento's client id ${platform.clientId} and its current JWKS URL.`,
      { tokenUrl: platform.tokenUrl, upstreamStatus: reply.status, oauthError: oauth.success ? oauth.data.error : undefined, body: excerpt(reply.text) },
    );
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new LtiServiceError('lti_token_invalid_response', `The platform's token endpoint ${platform.tokenUrl} answered without a usable bearer token`, {
      tokenUrl: platform.tokenUrl,
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
    });
  const lifetimeS = parsed.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_S;
  const usableS = lifetimeS - Math.min(ctx.marginS, lifetimeS / 2);
  // RFC 6749 §5.1: the scope field may be left out when the granted scopes are the requested ones.
  const scopes = parsed.data.scope !== undefined ? parsed.data.scope.split(' ').filter(Boolean) : [...ctx.scopes];
  return { token: parsed.data.access_token, scopes, expiresAt: new Date(ctx.now.getTime() + usableS * 1000) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
