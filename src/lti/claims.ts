// The id_token's claims, parsed once with zod into a typed LaunchContext (LTI Core 1.3 §5.3–5.4,
// Deep Linking 2.0 §4.4). Pure: the signature is checked before, the database after.
import { z } from 'zod';
import { LaunchRefusedError } from './launch-errors.js';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

export const supportedMessageTypes = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;

const str = z.string().min(1);
const customValues = z.record(z.string(), z.unknown()).transform((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));

const baseClaims = z.object({
  iss: str,
  sub: str.max(255),
  aud: z.union([str, z.array(str).min(1)]),
  azp: str.optional(),
  exp: z.number(),
  iat: z.number(),
  nonce: str,
  jti: str.optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  [`${LTI}deployment_id`]: str.max(255),
  [`${LTI}message_type`]: str,
  [`${LTI}version`]: str,
  [`${LTI}roles`]: z.array(z.string()),
  [`${LTI}target_link_uri`]: z.url(),
  [`${LTI}context`]: z.object({ id: str.max(255), title: z.string().optional(), label: z.string().optional() }, { error: 'a course context is required' }),
  [`${LTI}launch_presentation`]: z.object({ locale: z.string().optional(), document_target: z.string().optional(), return_url: z.string().optional() }).optional(),
  [`${LTI}tool_platform`]: z.object({ product_family_code: z.string().optional(), guid: z.string().optional() }).optional(),
  [`${LTI}custom`]: customValues.optional(),
  [AGS]: z.object({ scope: z.array(z.string()).default([]), lineitems: z.string().optional(), lineitem: z.string().optional() }).optional(),
  [NRPS]: z.object({ context_memberships_url: z.string(), service_versions: z.array(z.string()).default([]) }).optional(),
});

const resourceLinkClaims = z.object({
  [`${LTI}resource_link`]: z.object({ id: str, title: z.string().optional() }),
});

const deepLinkClaims = z.object({
  [`${DL}deep_linking_settings`]: z.object({
    deep_link_return_url: z.url(),
    accept_types: z.array(z.string()).min(1),
    accept_presentation_document_targets: z.array(z.string()).default([]),
    accept_multiple: z.boolean().optional(),
    auto_create: z.boolean().optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    data: z.string().optional(),
  }),
});

export type DeepLinkSettings = {
  returnUrl: string;
  acceptTypes: string[];
  acceptMultiple: boolean;
  data: string | undefined;
};

export type LaunchContext = {
  issuer: string;
  clientId: string;
  deploymentId: string;
  sub: string;
  nonce: string;
  /** Identifies this id_token for replay refusal: its jti, or its nonce when the platform sends no jti. */
  tokenId: string;
  expiresAt: number;
  user: { name: string; email: string | undefined };
  roles: string[];
  context: { id: string; title: string; label: string };
  locale: string | undefined;
  returnUrl: string | undefined;
  targetLinkUri: string;
  custom: Record<string, string>;
  productFamily: string | undefined;
  services: {
    nrps: { contextMembershipsUrl: string; serviceVersions: string[] } | undefined;
    ags: { scope: string[]; lineItems: string | undefined; lineItem: string | undefined } | undefined;
  };
  message: { type: 'LtiResourceLinkRequest'; resourceLink: { id: string; title: string | undefined } } | { type: 'LtiDeepLinkingRequest'; deepLink: DeepLinkSettings };
};

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.map(String).join('.').replace(LTI, 'lti:').replace(DL, 'lti-dl:') || '(token)'}: ${i.message}`).join('; ');
}

function parseOrRefuse<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const r = schema.safeParse(payload);
  if (!r.success) throw new LaunchRefusedError('claims_invalid', `Required claims are missing or malformed: ${describeIssues(r.error.issues)}`);
  return r.data;
}

/** Checks type and version, then parses every claim Luento uses. Throws LaunchRefusedError with the reason. */
export function parseLaunchClaims(payload: Record<string, unknown>, clientId: string): LaunchContext {
  const version = payload[`${LTI}version`];
  if (version !== '1.3.0') throw new LaunchRefusedError('version_unsupported', `LTI version ${JSON.stringify(version ?? null)} is not supported; Luento speaks LTI 1.3.0`);
  const type = payload[`${LTI}message_type`];
  if (!supportedMessageTypes.includes(type as (typeof supportedMessageTypes)[number]))
    throw new LaunchRefusedError('message_type_unsupported', `The message type ${JSON.stringify(type ?? null)} is not supported; Luento accepts ${supportedMessageTypes.join(' and ')}`);
  const c = parseOrRefuse(baseClaims, payload);
  const ctx = c[`${LTI}context`];
  const presentation = c[`${LTI}launch_presentation`];
  const ags = c[AGS];
  const nrps = c[NRPS];
  const name = c.name ?? [c.given_name, c.family_name].filter(Boolean).join(' ');
  const common = {
    issuer: c.iss,
    clientId,
    deploymentId: c[`${LTI}deployment_id`],
    sub: c.sub,
    nonce: c.nonce,
    tokenId: c.jti ? `jti:${c.jti}` : `nonce:${c.nonce}`,
    expiresAt: c.exp,
    user: { name, email: c.email || undefined },
    roles: c[`${LTI}roles`],
    context: { id: ctx.id, title: ctx.title ?? '', label: ctx.label ?? '' },
    locale: presentation?.locale,
    returnUrl: presentation?.return_url,
    targetLinkUri: c[`${LTI}target_link_uri`],
    custom: c[`${LTI}custom`] ?? {},
    productFamily: c[`${LTI}tool_platform`]?.product_family_code,
    services: {
      nrps: nrps && { contextMembershipsUrl: nrps.context_memberships_url, serviceVersions: nrps.service_versions },
      ags: ags && { scope: ags.scope, lineItems: ags.lineitems, lineItem: ags.lineitem },
    },
  };
  if (type === 'LtiDeepLinkingRequest') {
    const s = parseOrRefuse(deepLinkClaims, payload)[`${DL}deep_linking_settings`];
    return { ...common, message: { type, deepLink: { returnUrl: s.deep_link_return_url, acceptTypes: s.accept_types, acceptMultiple: s.accept_multiple ?? false, data: s.data } } };
  }
  const link = parseOrRefuse(resourceLinkClaims, payload)[`${LTI}resource_link`];
  return { ...common, message: { type: 'LtiResourceLinkRequest', resourceLink: { id: link.id, title: link.title } } };
}

export type AudienceCheck = { aud: string | string[]; azp: string | undefined };

/**
 * Which of the platform's registered client ids this token is for (LTI Security Framework §5.1.3 steps
 * 3–4): aud must contain it, and with several audiences azp must equal it.
 */
export function matchAudience(token: AudienceCheck, clientIds: readonly string[]): string {
  const auds = Array.isArray(token.aud) ? token.aud : [token.aud];
  const clientId = clientIds.find((id) => auds.includes(id));
  if (!clientId) {
    // Moodle sends an activity's "consumer key" as aud instead of the client id (LTI-NOTES).
    if (auds.length === 1)
      throw new LaunchRefusedError(
        'consumer_key_aud',
        `The token's audience ${JSON.stringify(auds[0])} is not Luento's client id. In Moodle, this happens when the activity (or the tool) has a "Consumer key" set: clear the "Consumer key" field of the external tool activity, so that Moodle sends the client id`,
      );
    throw new LaunchRefusedError('wrong_audience', `None of the token's audiences (${auds.join(', ')}) is Luento's client id for this platform`);
  }
  if (auds.length > 1 && token.azp !== clientId)
    throw new LaunchRefusedError('wrong_azp', `The token has several audiences, so azp must be Luento's client id ${JSON.stringify(clientId)}; it is ${JSON.stringify(token.azp ?? null)}`);
  if (token.azp !== undefined && token.azp !== clientId) throw new LaunchRefusedError('wrong_azp', `azp ${JSON.stringify(token.azp)} is not Luento's client id`);
  return clientId;
}

/** exp and iat against now, with a small skew: Moodle's tokens live 60 s (LTI-NOTES). */
export function checkTokenTimes(token: { exp?: unknown; iat?: unknown }, opts: { now: Date; skewSeconds: number; maxAgeSeconds: number }): void {
  const now = Math.floor(opts.now.getTime() / 1000);
  if (typeof token.exp !== 'number' || typeof token.iat !== 'number') throw new LaunchRefusedError('claims_invalid', 'The token has no numeric exp or iat');
  if (token.exp + opts.skewSeconds < now) throw new LaunchRefusedError('token_expired', `The token expired ${now - token.exp} s ago`);
  if (token.iat - opts.skewSeconds > now) throw new LaunchRefusedError('token_from_future', `The token was issued ${token.iat - now} s in the future`);
  if (now - token.iat > opts.maxAgeSeconds + opts.skewSeconds) throw new LaunchRefusedError('token_expired', `The token was issued ${now - token.iat} s ago, more than the ${opts.maxAgeSeconds} s Luento accepts`);
}
