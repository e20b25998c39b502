// Platform public keys, fetched from each platform's JWKS URL with a timeout and cached. An unknown kid
// triggers a refetch, at most once per cooldown (jose's remote key set), so a flood of bad tokens cannot
// turn Luento into a request amplifier against the LMS.
import { compactVerify, createRemoteJWKSet, errors, type JWTPayload } from 'jose';
import { LaunchRefusedError } from './launch-errors.js';

export type PlatformKeyOptions = { timeoutMs: number; cooldownMs: number; cacheMaxAgeMs: number };
export type PlatformKeys = { verify: (token: string, jwksUrl: string) => Promise<JWTPayload> };

export const defaultPlatformKeyOptions: PlatformKeyOptions = { timeoutMs: 5000, cooldownMs: 30_000, cacheMaxAgeMs: 10 * 60_000 };

export function createPlatformKeys(opts: PlatformKeyOptions = defaultPlatformKeyOptions): PlatformKeys {
  const sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keySet = (url: string) => {
    let set = sets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), { timeoutDuration: opts.timeoutMs, cooldownDuration: opts.cooldownMs, cacheMaxAge: opts.cacheMaxAgeMs });
      sets.set(url, set);
    }
    return set;
  };
  return {
    async verify(token, jwksUrl) {
      try {
        // Only the signature here: the claims get their own checks with precise reasons (claims.ts).
        const { payload } = await compactVerify(token, keySet(jwksUrl), { algorithms: ['RS256'] });
        return JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
      } catch (err) {
        throw explainKeyError(err, jwksUrl);
      }
    },
  };
}

function explainKeyError(err: unknown, jwksUrl: string): LaunchRefusedError {
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys)
    return new LaunchRefusedError('unknown_kid', `The token's kid is not in the platform's key set at ${jwksUrl}`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new LaunchRefusedError('bad_signature', 'The token signature does not verify with the platform key');
  if (err instanceof errors.JOSEAlgNotAllowed) return new LaunchRefusedError('alg_not_allowed', 'Only RS256 is accepted');
  if (err instanceof errors.JWKSTimeout) return new LaunchRefusedError('jwks_unavailable', `The platform key set at ${jwksUrl} did not answer in time`);
  if (err instanceof errors.JWKSInvalid || err instanceof errors.JOSEError)
    return new LaunchRefusedError('jwks_unavailable', `The platform key set at ${jwksUrl} could not be used: ${(err as Error).message}`);
  if (err instanceof SyntaxError) return new LaunchRefusedError('token_malformed', 'The token payload is not JSON');
  return new LaunchRefusedError('jwks_unavailable', `The platform key set at ${jwksUrl} could not be fetched: ${(err as Error).message}`);
}
