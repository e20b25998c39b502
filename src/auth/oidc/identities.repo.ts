// SQL of direct sign-in identities (migration 080): find the user behind (issuer, sub), find the one user
// a verified e-mail may link to, create a staff user who never came through an LMS, keep the profile.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SiteRole } from '../../users/users.tables.js';

export type SignInAccount = { userId: string; isDisabled: boolean; siteRole: SiteRole; preferredLocale: string | null };

const accountColumns = ['u.id', 'u.disabled_at', 'u.site_role', 'u.preferred_locale'] as const;
const toAccount = (r: { id: string; disabled_at: Date | null; site_role: SiteRole; preferred_locale: string | null }): SignInAccount => ({
  userId: r.id,
  isDisabled: r.disabled_at !== null,
  siteRole: r.site_role,
  preferredLocale: r.preferred_locale,
});

export async function findAccountByIdentity(db: Db, k: { issuer: string; sub: string }): Promise<SignInAccount | undefined> {
  const row = await db.selectFrom('user_identities as i').innerJoin('users as u', 'u.id', 'i.user_id').select(accountColumns).where('i.issuer', '=', k.issuer).where('i.sub', '=', k.sub).executeTakeFirst();
  return row && toAccount(row);
}

/**
 * Users with this e-mail (case-insensitive) who have no identity from this issuer yet: an account that
 * already has one belongs to another IdP account, so it is never taken over. At most two are read; the
 * caller links only when there is exactly one.
 */
export async function findLinkableAccounts(db: Db, k: { issuer: string; email: string }): Promise<SignInAccount[]> {
  const rows = await db
    .selectFrom('users as u')
    .select(accountColumns)
    .where(sql`lower(u.email)`, '=', k.email.toLowerCase())
    .where((eb) => eb.not(eb.exists(eb.selectFrom('user_identities as i').select('i.user_id').whereRef('i.user_id', '=', 'u.id').where('i.issuer', '=', k.issuer))))
    .orderBy('u.id')
    .limit(2)
    .execute();
  return rows.map(toAccount);
}

export type IdpUserProfile = { name: string; email: string | undefined; locale: string | undefined };

/** A staff member who never came through an LMS: no platform; users.sub keeps the IdP's subject. */
export async function insertDirectUser(db: Db, u: IdpUserProfile & { sub: string; siteRole: SiteRole; now: Date }): Promise<SignInAccount> {
  const row = await db
    .insertInto('users')
    .values({ platform_id: null, sub: u.sub, name: u.name, email: u.email ?? null, locale: u.locale ?? null, site_role: u.siteRole, last_login_at: u.now })
    .returning(['id', 'disabled_at', 'site_role', 'preferred_locale'])
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

/** Name, e-mail and locale follow the IdP, as they follow the LMS on a launch; what the IdP leaves out is kept. */
export async function updateUserFromIdp(db: Db, u: IdpUserProfile & { userId: string; siteRole: SiteRole; now: Date }): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(u.name ? { name: u.name } : {}),
      ...(u.email ? { email: u.email } : {}),
      ...(u.locale ? { locale: u.locale } : {}),
      site_role: u.siteRole,
      last_login_at: u.now,
    })
    .where('id', '=', u.userId)
    .execute();
}

/** Records the identity on its first sign-in; returns false if a concurrent sign-in recorded it first. */
export async function insertIdentity(db: Db, k: { issuer: string; sub: string; userId: string; now: Date }): Promise<boolean> {
  const row = await db
    .insertInto('user_identities')
    .values({ issuer: k.issuer, sub: k.sub, user_id: k.userId, created_at: k.now, last_login_at: k.now })
    .onConflict((oc) => oc.columns(['issuer', 'sub']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function touchIdentity(db: Db, k: { issuer: string; sub: string; now: Date }): Promise<void> {
  await db.updateTable('user_identities').set({ last_login_at: k.now }).where('issuer', '=', k.issuer).where('sub', '=', k.sub).execute();
}

export async function listIdentitiesOfUser(db: Db, userId: string): Promise<Array<{ issuer: string; sub: string; createdAt: Date; lastLoginAt: Date }>> {
  return db.selectFrom('user_identities').select(['issuer', 'sub', 'created_at as createdAt', 'last_login_at as lastLoginAt']).where('user_id', '=', userId).orderBy('created_at').execute();
}
