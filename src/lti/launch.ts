// POST /lti/launch: every check of LTI-NOTES' security list (LTI Security Framework 1.0 §5.1.3), in an
// order where the cheap and the unauthenticated checks come first. Nothing is written here: the caller
// completes the launch in one transaction only after everything passed.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { isHmacValid } from '../auth/hmac.js';
import { checkTokenTimes, matchAudience, parseLaunchClaims, type LaunchContext } from './claims.js';
import { isEmbedLaunch, type EmbedTokens, EMBED_CUSTOM_KEY } from './embed-token.js';
import { LaunchRefusedError } from './launch-errors.js';
import type { PlatformKeys } from './platform-keys.js';
import type { Platform } from './platforms.repo.js';

/** Real id_tokens are 2–6 kB; anything far larger is refused before any parsing. */
export const MAX_ID_TOKEN_CHARS = 32 * 1024;
export const CLOCK_SKEW_SECONDS = 10;
/** Moodle's tokens live 60 s; no platform should need a token older than this. */
export const MAX_TOKEN_AGE_SECONDS = 300;

export type LaunchInput = { idToken: string | undefined; state: string | undefined; stateCookie: string | undefined };

export type VerifiedLaunch = {
  platform: Platform;
  context: LaunchContext;
  loginStateId: string;
  embedVideoId: string | undefined;
  /** The browser must still prove it started this login through the platform storage. */
  needsStorageCheck: { target: string; key: string; platformOrigin: string } | undefined;
};

export type LaunchDeps = {
  db: Db;
  /** Platforms by issuer (PlatformDirectory.byIssuer, cached briefly); statuses are re-read fresh. */
  platformsByIssuer: (issuer: string) => Promise<Platform[]>;
  platformKeys: PlatformKeys;
  stateKey: Buffer;
  embedTokens: EmbedTokens;
  now: Date;
};

function readUnverified(idToken: string): { header: ReturnType<typeof decodeProtectedHeader>; payload: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(idToken), payload: decodeJwt(idToken) };
  } catch {
    throw new LaunchRefusedError('token_malformed', 'The id_token is not a compact JWS with a JSON payload');
  }
}

/**
 * The token's platform, from the briefly cached directory (its keys URL and client id change rarely). Its
 * status and the deployment's are read fresh with the login state (readLaunchRow), so a disabled platform
 * or deployment is refused at once, whichever process disabled it. The deployment id is read here before
 * the signature is checked, but only used for the lookup: verifyLaunch decides on it after verification,
 * and only if the verified claim names the same deployment.
 */
async function findPlatformFor(deps: LaunchDeps, payload: Record<string, unknown>): Promise<{ platform: Platform; lookedUpDeployment: string }> {
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const claimed = payload['https://purl.imsglobal.org/spec/lti/claim/deployment_id'];
  const lookedUpDeployment = typeof claimed === 'string' ? claimed : '';
  const platforms = await deps.platformsByIssuer(iss);
  if (platforms.length === 0) throw new LaunchRefusedError('unknown_issuer', `No platform is registered with issuer ${JSON.stringify(iss)}`);
  const aud = payload.aud as string | string[] | undefined;
  if (aud === undefined) throw new LaunchRefusedError('claims_invalid', 'The token has no aud');
  const clientId = matchAudience({ aud, azp: typeof payload.azp === 'string' ? payload.azp : undefined }, platforms.map((p) => p.clientId));
  return { platform: platforms.find((p) => p.clientId === clientId) as Platform, lookedUpDeployment };
}

/**
 * In one query: the login state, whether the token id was used already, and the fresh status of the
 * platform and of the deployment (one row even without a state).
 */
function readLaunchRow(db: Db, opts: { stateId: string; issuer: string; tokenId: string; platformId: string; deploymentId: string }) {
  return db
    .selectFrom(sql<{ one: number }>`(select 1)`.as('one'))
    .leftJoin('lti_login_states as s', (j) => j.on('s.state_id', '=', opts.stateId))
    .leftJoin('lti_platforms as p', (j) => j.on('p.id', '=', opts.platformId))
    .leftJoin('lti_deployments as d', (j) => j.on('d.platform_id', '=', opts.platformId).on('d.deployment_id', '=', opts.deploymentId))
    .select(['s.state_id', 's.nonce', 's.platform_id', 's.storage_target', 's.expires_at', 's.used_at', 'p.status as platform_status', 'd.status as deployment_status'])
    .select((eb) => eb.exists(eb.selectFrom('lti_used_tokens').select('token_id').where('issuer', '=', opts.issuer).where('token_id', '=', opts.tokenId)).as('replayed'))
    .executeTakeFirstOrThrow();
}

/** The state's id once its signature is checked; an invalid state is refused without a query. */
function stateIdOf(deps: LaunchDeps, input: LaunchInput): string | Error {
  const { state, stateCookie } = input;
  if (!state) return new LaunchRefusedError('state_invalid', 'The launch carries no state');
  const [id, sig] = state.split('.');
  if (!id || !sig || !isHmacValid(deps.stateKey, id, sig)) return new LaunchRefusedError('state_invalid', 'The state was not issued by Luento');
  // Where the cookie came back, it must be this login's: a launch pushed into another browser is refused.
  if (stateCookie !== undefined && stateCookie !== state) return new LaunchRefusedError('state_invalid', 'The state does not match the login started in this browser');
  return id;
}

type StateRow = Awaited<ReturnType<typeof readLaunchRow>>;

function checkLoginState(deps: LaunchDeps, opts: { id: string; row: StateRow; stateCookie: string | undefined; platform: Platform; nonce: unknown }) {
  const { id, row, stateCookie } = opts;
  if (!row.state_id || !row.nonce || !row.expires_at) throw new LaunchRefusedError('state_invalid', 'The state is unknown (expired and cleaned up, or never issued)');
  if (row.used_at) throw new LaunchRefusedError('state_invalid', 'This login was already used');
  if (row.expires_at.getTime() < deps.now.getTime()) throw new LaunchRefusedError('state_invalid', 'This login expired');
  if (row.platform_id !== opts.platform.id) throw new LaunchRefusedError('state_invalid', 'The login was started for another platform');
  if (typeof opts.nonce !== 'string' || !opts.nonce) throw new LaunchRefusedError('nonce_invalid', 'The token has no nonce');
  if (opts.nonce !== row.nonce) throw new LaunchRefusedError('nonce_invalid', 'The token nonce is not the one Luento issued for this login');
  const needsStorage = stateCookie === undefined && row.storage_target !== null;
  return {
    id,
    needsStorageCheck: needsStorage ? { target: row.storage_target as string, key: `luento_state_${id.slice(0, 16)}`, platformOrigin: new URL(opts.platform.authUrl).origin } : undefined,
  };
}

export async function verifyLaunch(deps: LaunchDeps, input: LaunchInput): Promise<VerifiedLaunch> {
  const { idToken } = input;
  if (!idToken) throw new LaunchRefusedError('token_missing', 'The launch has no id_token');
  if (idToken.length > MAX_ID_TOKEN_CHARS) throw new LaunchRefusedError('token_too_large', `The id_token has ${idToken.length} characters; at most ${MAX_ID_TOKEN_CHARS} are accepted`);
  const { header, payload } = readUnverified(idToken);
  // LTI Security Framework §5.1.3 step 6: RS256 only; this also refuses "none" and HS256 (key confusion).
  if (header.alg !== 'RS256') throw new LaunchRefusedError('alg_not_allowed', `The token algorithm is ${JSON.stringify(header.alg ?? null)}; only RS256 is accepted`);
  if (!header.kid) throw new LaunchRefusedError('unknown_kid', 'The token header has no kid');
  const { platform, lookedUpDeployment } = await findPlatformFor(deps, payload);
  const verified = await deps.platformKeys.verify(idToken, platform.jwksUrl);
  checkTokenTimes(verified, { now: deps.now, skewSeconds: CLOCK_SKEW_SECONDS, maxAgeSeconds: MAX_TOKEN_AGE_SECONDS });
  const context = parseLaunchClaims(verified as Record<string, unknown>, platform.clientId);
  const stateId = stateIdOf(deps, input);
  const row = await readLaunchRow(deps.db, { stateId: typeof stateId === 'string' ? stateId : '', issuer: context.issuer, tokenId: context.tokenId, platformId: platform.id, deploymentId: lookedUpDeployment });
  if (row.platform_status !== 'active') throw new LaunchRefusedError('platform_not_active', `The platform ${platform.issuer} is ${row.platform_status ?? 'deleted'}`);
  if (row.replayed) throw new LaunchRefusedError('token_replayed', 'This id_token was already used');
  if (stateId instanceof Error) throw stateId;
  const login = checkLoginState(deps, { id: stateId, row, stateCookie: input.stateCookie, platform, nonce: verified.nonce });
  // The verified claim is the one the lookup used (same token); checked anyway, so a future change cannot split them.
  if (!row.deployment_status || context.deploymentId !== lookedUpDeployment)
    throw new LaunchRefusedError('deployment_unknown', `Deployment ${JSON.stringify(context.deploymentId)} is not registered for ${platform.issuer}`);
  if (row.deployment_status !== 'active') throw new LaunchRefusedError('deployment_disabled', `Deployment ${JSON.stringify(context.deploymentId)} is disabled`);
  const embedVideoId =
    context.message.type === 'LtiResourceLinkRequest' && isEmbedLaunch(context.targetLinkUri, context.custom)
      ? (await deps.embedTokens.verify(context.custom[EMBED_CUSTOM_KEY])).videoId
      : undefined;
  return { platform, context, loginStateId: login.id, embedVideoId, needsStorageCheck: login.needsStorageCheck };
}
