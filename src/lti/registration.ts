// LTI Dynamic Registration 1.0 (§3): fetch the platform's openid configuration (SSRF-guarded), check
// its issuer against the URL, POST our tool configuration with the registration token, and record the
// platform: pending until a Luento admin approves, unless config auto-approves the issuer.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { BadRequestError } from '../http/errors.js';
import { guardedFetchJson, GuardedFetchError, type GuardOptions } from './guarded-fetch.js';
import { upsertPlatform, type Platform } from './platforms.repo.js';
import { recordAudit } from '../governance/audit.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const PLATFORM_CONFIG = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

export const registrationQuery = z.object({ openid_configuration: z.url(), registration_token: z.string().max(4096).optional() });

const openidConfiguration = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url(),
  [PLATFORM_CONFIG]: z.object({ product_family_code: z.string().optional() }).optional(),
});

const registrationAnswer = z.object({
  client_id: z.string().min(1),
  [TOOL_CONFIG]: z.object({ deployment_id: z.string().optional() }).optional(),
});

export class RegistrationError extends BadRequestError {
  constructor(code: string, message: string) {
    super(message, { reason: code }, code);
  }
}

export function toolRegistrationRequest(publicUrl: string) {
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${publicUrl}/lti/login`,
    redirect_uris: [`${publicUrl}/lti/launch`],
    client_name: 'Luento',
    jwks_uri: `${publicUrl}/lti/jwks`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: [
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ].join(' '),
    [TOOL_CONFIG]: {
      domain: new URL(publicUrl).host,
      target_link_uri: `${publicUrl}/lti/launch`,
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: `${publicUrl}/lti/launch`, label: 'Luento' }, { type: 'LtiResourceLinkRequest', target_link_uri: `${publicUrl}/lti/launch` }],
      description: 'Luento course videos',
    },
  };
}

async function fetchJson(url: string, guard: GuardOptions, init?: { method: 'POST'; headers: Record<string, string>; body: string }) {
  try {
    return await guardedFetchJson(url, { ...guard, ...init });
  } catch (err) {
    if (err instanceof GuardedFetchError) throw new RegistrationError(`registration_${err.reason}`, err.message);
    throw err;
  }
}

export async function registerDynamically(deps: { db: Db; publicUrl: string; guard: GuardOptions; autoApproveIssuers: readonly string[] }, input: z.infer<typeof registrationQuery>): Promise<Platform> {
  const configUrl = input.openid_configuration;
  const fetched = await fetchJson(configUrl, deps.guard);
  const config = openidConfiguration.safeParse(fetched.json);
  if (fetched.status !== 200 || !config.success) throw new RegistrationError('registration_bad_configuration', `The openid configuration at ${configUrl} is not usable (HTTP ${fetched.status})`);
  const c = config.data;
  // Dynamic Registration §3.5.1: the issuer must be the configuration URL's own origin.
  if (new URL(c.issuer).origin !== new URL(configUrl).origin)
    throw new RegistrationError('registration_issuer_mismatch', `The configuration's issuer ${c.issuer} does not match the origin of its URL ${new URL(configUrl).origin}`);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(input.registration_token ? { Authorization: `Bearer ${input.registration_token}` } : {}) };
  const answer = await fetchJson(c.registration_endpoint, deps.guard, { method: 'POST', headers, body: JSON.stringify(toolRegistrationRequest(deps.publicUrl)) });
  const reg = registrationAnswer.safeParse(answer.json);
  if (answer.status < 200 || answer.status >= 300 || !reg.success) throw new RegistrationError('registration_refused', `The platform refused the registration (HTTP ${answer.status})`);
  const issuer = c.issuer.replace(/\/$/, '');
  const deploymentId = reg.data[TOOL_CONFIG]?.deployment_id;
  return deps.db.transaction().execute(async (trx) => {
    const platform = await upsertPlatform(trx, {
      issuer: c.issuer,
      clientId: reg.data.client_id,
      name: c[PLATFORM_CONFIG]?.product_family_code ?? new URL(c.issuer).host,
      authUrl: c.authorization_endpoint,
      tokenUrl: c.token_endpoint,
      jwksUrl: c.jwks_uri,
      status: deps.autoApproveIssuers.includes(issuer) ? 'active' : 'pending',
      source: 'dynamic',
      deploymentIds: deploymentId ? [deploymentId] : [],
    });
    await recordAudit(trx, { action: 'platform.registered', actorId: null, subject: { kind: 'platform', id: platform.id }, details: { issuer: platform.issuer, clientId: platform.clientId, source: 'dynamic', status: platform.status } });
    return platform;
  });
}
