// The demo LMS's OAuth 2.0 token endpoint for LTI Advantage (1EdTech Security Framework 1.0 §4.1):
// client_credentials with a JWT client assertion (RFC 7523) signed by the tool, checked against the
// tool's JWKS. Access tokens are opaque, in memory, and checked on every service call.
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { AppError, ForbiddenError } from '../../http/errors.js';
import { CLIENT_ASSERTION_TYPE_JWT_BEARER } from '../../lti/services/service-constants.js';

/** RFC 6749 §5.2 error answer of the token endpoint; rendered as `{ error, error_description }`. */
export class OAuthTokenError extends AppError {
  constructor(
    readonly oauthError: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope',
    description: string,
    status = 400,
  ) {
    super(oauthError, status, description);
  }
}

/** The tool's public keys: its JWKS URL (as a real platform has), or a key resolver (tests, in-process wiring). */
export type DemoToolKeys = { jwksUrl: string; timeoutMs?: number } | { resolveKey: JWTVerifyGetKey };

export type DemoTokenOptions = {
  clientId: string;
  tokenUrl: string;
  keys: DemoToolKeys;
  grantableScopes: readonly string[];
  tokenTtlSeconds: number;
  now: () => Date;
};

type IssuedToken = { scopes: readonly string[]; expiresAtMs: number };

const tokenRequestSchema = z.object({
  grant_type: z.string(),
  client_assertion_type: z.string(),
  client_assertion: z.string().min(1).max(8192),
  scope: z.string().default(''),
});

export function createDemoTokenIssuer(opts: DemoTokenOptions): { tokenEndpoint: RequestHandler; requireScope: (...anyOf: string[]) => RequestHandler } {
  const resolveKey =
    'resolveKey' in opts.keys ? opts.keys.resolveKey : createRemoteJWKSet(new URL(opts.keys.jwksUrl), { timeoutDuration: opts.keys.timeoutMs ?? 5000 });
  const issued = new Map<string, IssuedToken>();
  const usedJtis = new Map<string, number>();

  const purgeExpired = (nowMs: number) => {
    for (const [t, v] of issued) if (v.expiresAtMs <= nowMs) issued.delete(t);
    for (const [j, exp] of usedJtis) if (exp * 1000 + 60_000 <= nowMs) usedJtis.delete(j);
  };

  async function verifyAssertion(assertion: string): Promise<void> {
    const payload = await jwtVerify(assertion, resolveKey, {
      algorithms: ['RS256'],
      issuer: opts.clientId,
      subject: opts.clientId,
      audience: opts.tokenUrl,
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: '10m',
      clockTolerance: 5,
      currentDate: opts.now(),
    }).then(
      (r) => r.payload,
      (err: unknown) => {
        throw new OAuthTokenError('invalid_client', `The client assertion was rejected: ${describeJoseError(err)}`, 401);
      },
    );
    const jti = String(payload.jti);
    if (usedJtis.has(jti)) throw new OAuthTokenError('invalid_client', `The client assertion's jti ${jti} was already used; sign a new assertion for each token request`, 401);
    usedJtis.set(jti, payload.exp ?? 0);
  }

  const tokenEndpoint: RequestHandler = async (req, res) => {
    // Like Moodle's token.php, only form-encoded requests are understood.
    if (!req.is('application/x-www-form-urlencoded'))
      throw new OAuthTokenError('invalid_request', 'The token request must be sent as application/x-www-form-urlencoded');
    const body = tokenRequestSchema.safeParse(req.body);
    if (!body.success) throw new OAuthTokenError('invalid_request', `The token request has a missing or malformed ${body.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    if (body.data.grant_type !== 'client_credentials') throw new OAuthTokenError('unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    if (body.data.client_assertion_type !== CLIENT_ASSERTION_TYPE_JWT_BEARER)
      throw new OAuthTokenError('invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE_JWT_BEARER}`);
    await verifyAssertion(body.data.client_assertion);
    const requested = body.data.scope.split(' ').filter(Boolean);
    const granted = requested.filter((s) => opts.grantableScopes.includes(s));
    if (granted.length === 0) throw new OAuthTokenError('invalid_scope', `None of the requested scopes is granted to this tool: ${requested.join(' ') || '(none)'}`);
    const nowMs = opts.now().getTime();
    purgeExpired(nowMs);
    const token = randomBytes(32).toString('base64url');
    issued.set(token, { scopes: granted, expiresAtMs: nowMs + opts.tokenTtlSeconds * 1000 });
    res.set('cache-control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: opts.tokenTtlSeconds, scope: granted.join(' ') });
  };

  const requireScope =
    (...anyOf: string[]): RequestHandler =>
    (req, _res, next) => {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!match?.[1]) throw new AppError('invalid_token', 401, 'This service needs an access token from the token endpoint, sent as Authorization: Bearer <token>');
      const token = issued.get(match[1]);
      if (!token || token.expiresAtMs <= opts.now().getTime()) throw new AppError('invalid_token', 401, 'The access token is unknown or has expired; request a new one');
      if (!anyOf.some((s) => token.scopes.includes(s)))
        throw new ForbiddenError(`The access token lacks the scope this service needs (one of: ${anyOf.join(', ')})`, 'insufficient_scope');
      next();
    };

  return { tokenEndpoint, requireScope };
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWKSNoMatchingKey) return "no key in the tool's JWKS matches the assertion's kid";
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return "the signature does not match the tool's key";
  if (err instanceof joseErrors.JWKSTimeout) return "the tool's JWKS did not load in time";
  if (err instanceof joseErrors.JOSEError) return err.message;
  return `the tool's JWKS could not be loaded (${err instanceof Error ? err.message : String(err)})`;
}
