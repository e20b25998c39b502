import type { Db } from '../db/database.js';
import type { SiteRole } from './users.tables.js';

export type User = { id: string; platformId: string | null; sub: string; name: string; email: string | null; locale: string | null; preferredLocale: string | null; siteRole: SiteRole };

/** Identity is (platform, sub); name, email and locale follow the latest launch. */
export async function upsertUser(db: Db, u: { platformId: string; sub: string; name: string; email: string | undefined; locale: string | undefined; isSiteAdmin: boolean; now: Date }): Promise<User> {
  const siteRole: SiteRole = u.isSiteAdmin ? 'admin' : 'user';
  const row = await db
    .insertInto('users')
    .values({ platform_id: u.platformId, sub: u.sub, name: u.name, email: u.email ?? null, locale: u.locale ?? null, site_role: siteRole, last_login_at: u.now })
    .onConflict((oc) => oc.columns(['platform_id', 'sub']).doUpdateSet({ name: u.name, email: u.email ?? null, locale: u.locale ?? null, site_role: siteRole, last_login_at: u.now }))
    .returning(['id', 'platform_id', 'sub', 'name', 'email', 'locale', 'preferred_locale', 'site_role'])
    .executeTakeFirstOrThrow();
  return { id: row.id, platformId: row.platform_id, sub: row.sub, name: row.name, email: row.email, locale: row.locale, preferredLocale: row.preferred_locale, siteRole: row.site_role };
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(['id', 'platform_id', 'sub', 'name', 'email', 'locale', 'preferred_locale', 'site_role']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, platformId: row.platform_id, sub: row.sub, name: row.name, email: row.email, locale: row.locale, preferredLocale: row.preferred_locale, siteRole: row.site_role };
}

/** The user's own language choice, kept for every later launch (cookies may be blocked in the LMS iframe). */
export async function setPreferredLocale(db: Db, userId: string, locale: 'fi' | 'sv' | 'en'): Promise<void> {
  await db.updateTable('users').set({ preferred_locale: locale }).where('id', '=', userId).execute();
}
