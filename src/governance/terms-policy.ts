// The site's terms policy, in app_settings under one key: which kinds of user must accept the terms
// (default: everyone) and whom people contact when access is blocked. Whether a new version needs
// re-acceptance is chosen per version when it is published (a correction of a typo need not block
// everyone again); the publish form defaults to "yes".
import { z } from 'zod';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { readAppSettingValue, saveAppSetting } from '../db/app-settings.js';

export const TERMS_SETTINGS_KEY = 'terms.policy';

/** The kinds of user the policy names: the course roles, and site admins. */
export const termsAudiences = ['viewer', 'creator', 'manager', 'admin'] as const;
export type TermsAudience = (typeof termsAudiences)[number];

export const termsPolicySchema = z.object({
  mustAccept: z.array(z.enum(termsAudiences)).default([...termsAudiences]),
  supportContact: z.string().trim().max(500).default(''),
});
export type TermsPolicy = z.infer<typeof termsPolicySchema>;

export const defaultTermsPolicy: TermsPolicy = termsPolicySchema.parse({});

/** A stored value that no longer validates falls back to the safe default: everyone must accept. */
export function parseTermsPolicy(value: unknown): TermsPolicy {
  const parsed = termsPolicySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : defaultTermsPolicy;
}

export async function loadTermsPolicy(db: Db): Promise<TermsPolicy> {
  return parseTermsPolicy(await readAppSettingValue(db, TERMS_SETTINGS_KEY));
}

export async function saveTermsPolicy(db: Db, p: TermsPolicy): Promise<void> {
  await saveAppSetting(db, TERMS_SETTINGS_KEY, termsPolicySchema, p);
}

/** Whether the policy asks this actor to accept: a site admin counts as 'admin', others by course role. */
export function mustAcceptTerms(policy: TermsPolicy, actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.isSiteAdmin) return policy.mustAccept.includes('admin');
  // Staff signed in directly (OIDC) have no course role; they are teachers, so they count as creators.
  return policy.mustAccept.includes(actor.course?.role ?? (actor.isDirectSignIn ? 'creator' : 'viewer'));
}
