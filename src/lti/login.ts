// OIDC third-party initiated login (LTI Security Framework 1.0 §5.1.1, LTI-NOTES): find the platform,
// bind a fresh state and nonce together on the server, and answer with a 302 to the platform.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { hmac, randomToken } from '../auth/hmac.js';
import { LaunchRefusedError } from './launch-errors.js';
import type { Platform } from './platforms.repo.js';

export const LOGIN_STATE_TTL_MS = 5 * 60_000;

export const loginParams = z.object({
  iss: z.string().min(1),
  login_hint: z.string().min(1),
  target_link_uri: z.url(),
  lti_message_hint: z.string().optional(),
  client_id: z.string().min(1).optional(),
  lti_deployment_id: z.string().optional(),
  lti_storage_target: z.string().max(64).optional(),
});
export type LoginParams = z.infer<typeof loginParams>;

export type LoginStart = {
  authRedirect: string;
  state: string;
  /** When the platform offers storage: the secret the browser keeps there until the launch comes back. */
  storage: { target: string; key: string; secret: string; platformOrigin: string } | undefined;
};

export function parseLoginParams(input: unknown): LoginParams {
  const r = loginParams.safeParse(input);
  if (!r.success) throw new LaunchRefusedError('login_params_invalid', `Login initiation is missing or has bad parameters: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return r.data;
}

/** The state is "<id>.<hmac>": a forged state is refused without touching the database. */
export function signState(stateKey: Buffer, id: string): string {
  return `${id}.${hmac(stateKey, id)}`;
}

function choosePlatform(platforms: Platform[], params: LoginParams): Platform {
  const candidates = params.client_id ? platforms.filter((p) => p.clientId === params.client_id) : platforms;
  if (candidates.length === 0) throw new LaunchRefusedError('unknown_issuer', `No platform is registered with issuer ${params.iss}${params.client_id ? ` and client id ${params.client_id}` : ''}`);
  if (candidates.length > 1) throw new LaunchRefusedError('login_params_invalid', `Several registrations share issuer ${params.iss}: the platform must send client_id`);
  const p = candidates[0] as Platform;
  if (p.status !== 'active') throw new LaunchRefusedError('platform_not_active', `The platform ${params.iss} is ${p.status}`);
  return p;
}

export async function startLogin(opts: {
  db: Db;
  /** Platforms by issuer (PlatformDirectory.byIssuer): the launch re-checks the platform fresh. */
  platformsByIssuer: (issuer: string) => Promise<Platform[]>;
  stateKey: Buffer;
  redirectUri: string;
  now: Date;
  params: LoginParams;
}): Promise<LoginStart> {
  const { params } = opts;
  const platform = choosePlatform(await opts.platformsByIssuer(params.iss), params);
  const id = randomToken();
  const nonce = randomToken();
  const browserSecret = randomToken();
  await opts.db
    .insertInto('lti_login_states')
    .values({
      state_id: id,
      nonce,
      platform_id: platform.id,
      browser_secret: browserSecret,
      storage_target: params.lti_storage_target ?? null,
      expires_at: new Date(opts.now.getTime() + LOGIN_STATE_TTL_MS),
    })
    .execute();
  const state = signState(opts.stateKey, id);
  const url = new URL(platform.authUrl);
  const auth: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: opts.redirectUri,
    login_hint: params.login_hint,
    lti_message_hint: params.lti_message_hint,
    state,
    nonce,
  };
  for (const [k, v] of Object.entries(auth)) if (v !== undefined) url.searchParams.set(k, v);
  const storage = params.lti_storage_target
    ? { target: params.lti_storage_target, key: `luento_state_${id.slice(0, 16)}`, secret: browserSecret, platformOrigin: new URL(platform.authUrl).origin }
    : undefined;
  return { authRedirect: url.toString(), state, storage };
}
