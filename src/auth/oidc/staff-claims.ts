// Pure decisions on the verified claims of a direct sign-in: who is staff, who is a site admin, and the
// profile Luento keeps (name, e-mail and whether the IdP verified it, locale). OIDC Core §5.1 names the
// standard claims; the staff and admin claims are whatever the university releases (eduPerson by default).
import { z } from 'zod';
import type { OidcConfig } from '../../config-oidc.js';
import { SignInRefusedError } from './sign-in-errors.js';

export type Claims = Record<string, unknown>;

/** A claim's values: a string, or an array of strings (other entries are ignored). */
export function claimValues(claims: Claims, name: string): string[] {
  const v = claims[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function hasAnyValue(claims: Claims, rule: { claim: string; values: readonly string[] }): boolean {
  const wanted = new Set(rule.values.map((x) => x.toLowerCase()));
  return claimValues(claims, rule.claim).some((x) => wanted.has(x.trim().toLowerCase()));
}

export type StaffAccess = { isStaff: boolean; isSiteAdmin: boolean };

/** A site admin is staff even when the staff claim does not say so (the admin rule is the narrower one). */
export function decideStaffAccess(claims: Claims, cfg: Pick<OidcConfig, 'staff' | 'admin'>): StaffAccess {
  const isSiteAdmin = cfg.admin !== undefined && hasAnyValue(claims, cfg.admin);
  return { isStaff: isSiteAdmin || hasAnyValue(claims, cfg.staff), isSiteAdmin };
}

export type IdpProfile = { sub: string; name: string; email: string | undefined; isEmailVerified: boolean; locale: string | undefined };

const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const profileClaims = z.object({
  sub: z.string().min(1).max(255),
  name: text(300),
  given_name: text(150),
  family_name: text(150),
  preferred_username: text(300),
  email: z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+$/).optional().catch(undefined),
  // Some IdPs send the string "true" (OIDC Core says boolean); anything else is "not verified".
  email_verified: z.union([z.boolean(), z.string()]).optional().catch(undefined),
  locale: z.string().trim().max(35).optional().catch(undefined),
});

export function profileFromClaims(claims: Claims): IdpProfile {
  const p = profileClaims.safeParse(claims);
  if (!p.success) throw new SignInRefusedError('claims_invalid', 'The identity provider did not name the person (sub)');
  const c = p.data;
  const name = c.name ?? ([c.given_name, c.family_name].filter(Boolean).join(' ') || c.preferred_username || c.email || '');
  return { sub: c.sub, name, email: c.email, isEmailVerified: c.email_verified === true || c.email_verified === 'true', locale: c.locale };
}
