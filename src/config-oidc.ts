// Settings of staff direct sign-in with the university's identity provider (OpenID Connect). config.ts
// composes this shape into the one environment schema; nothing here reads process.env. The feature is
// off while OIDC_ISSUER is unset.
import { z } from 'zod';

const list = z.string().transform((v) =>
  v
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A claim name as IdPs write them: eduperson_affiliation, groups, https://example.fi/claims/role, … */
const claimName = z.string().regex(/^[\w.:/-]{1,200}$/, 'must be a claim name such as eduperson_affiliation');

export const oidcEnvShape = {
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  // A secret: it is validated here and handed to openid-client, never logged and never shown on a page.
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: list.pipe(z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'not a valid scope'))).default(['openid', 'profile', 'email']),
  OIDC_STAFF_CLAIM: claimName.default('eduperson_affiliation'),
  OIDC_STAFF_VALUES: list.pipe(z.array(z.string()).min(1, 'name at least one value')).default(['staff', 'faculty', 'employee']),
  OIDC_ADMIN_CLAIM: claimName.optional(),
  OIDC_ADMIN_VALUES: list.default([]),
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(100).optional(),
  OIDC_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
};

type OidcEnv = z.output<z.ZodObject<typeof oidcEnvShape>> & { NODE_ENV: string };

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** Staff is recognised by this claim (a string or an array) containing one of the values. */
  staff: { claim: string; values: string[] };
  /** Site admins, likewise; undefined: no one becomes a site admin by signing in directly. */
  admin: { claim: string; values: string[] } | undefined;
  /** "Sign in with <displayName>"; undefined: a generic "your university account". */
  displayName: string | undefined;
  /** Each request to the IdP (discovery, token, userinfo) gives up after this many seconds. */
  timeoutSeconds: number;
};

export function oidcProblems(e: OidcEnv): string[] {
  const problems: string[] = [];
  if (e.OIDC_ISSUER) {
    for (const k of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) if (!e[k]) problems.push(`${k}: required when OIDC_ISSUER is set`);
    if (e.NODE_ENV === 'production' && !e.OIDC_ISSUER.startsWith('https://')) problems.push('OIDC_ISSUER: must use https:// in production');
    if (!e.OIDC_SCOPES.includes('openid')) problems.push('OIDC_SCOPES: must include openid');
  }
  if (e.OIDC_ADMIN_VALUES.length > 0 && !e.OIDC_ADMIN_CLAIM) problems.push('OIDC_ADMIN_VALUES: set OIDC_ADMIN_CLAIM too (the claim these values are looked for in)');
  return problems;
}

export function toOidcConfig(e: OidcEnv): OidcConfig | undefined {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return undefined;
  return {
    // Kept as written: the discovered metadata's issuer must match it exactly (OIDC Discovery §4.3).
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    scopes: e.OIDC_SCOPES,
    staff: { claim: e.OIDC_STAFF_CLAIM, values: e.OIDC_STAFF_VALUES },
    admin: e.OIDC_ADMIN_CLAIM && e.OIDC_ADMIN_VALUES.length > 0 ? { claim: e.OIDC_ADMIN_CLAIM, values: e.OIDC_ADMIN_VALUES } : undefined,
    displayName: e.OIDC_DISPLAY_NAME,
    timeoutSeconds: e.OIDC_TIMEOUT_SECONDS,
  };
}
