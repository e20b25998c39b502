// SQL of account access: the admin's user search, and disabling or re-enabling an account.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export type UserRow = { id: string; name: string; email: string | null; siteRole: 'user' | 'admin'; platformName: string | null; lastLoginAt: Date; disabledAt: Date | null; disabledReason: string };

/** Name or e-mail contains the search words (case-insensitive); newest logins first. */
export async function searchUsers(db: Db, opts: { search: string; limit: number }): Promise<UserRow[]> {
  let q = db
    .selectFrom('users as u')
    // A left join: staff who only sign in directly (OIDC) have no platform (migration 080).
    .leftJoin('lti_platforms as p', 'p.id', 'u.platform_id')
    .select(['u.id', 'u.name', 'u.email', 'u.site_role', 'p.name as platform_name', 'u.last_login_at', 'u.disabled_at', 'u.disabled_reason']);
  for (const word of opts.search.split(/\s+/).filter(Boolean).slice(0, 5)) {
    const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(u.name)`, 'like', like.toLowerCase()), eb(sql`lower(u.email)`, 'like', like.toLowerCase())]));
  }
  const rows = await q.orderBy('u.last_login_at', 'desc').orderBy('u.id', 'desc').limit(opts.limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, siteRole: r.site_role, platformName: r.platform_name, lastLoginAt: r.last_login_at, disabledAt: r.disabled_at, disabledReason: r.disabled_reason }));
}

/** Sets or clears the disabled mark; returns whether the user exists. Nothing else about the user changes. */
export async function setUserDisabled(db: Db, opts: { userId: string; disabled: { at: Date; reason: string; by: string | null } | null }): Promise<boolean> {
  const d = opts.disabled;
  const r = await db
    .updateTable('users')
    .set(d ? { disabled_at: d.at, disabled_reason: d.reason, disabled_by: d.by } : { disabled_at: null, disabled_reason: '', disabled_by: null })
    .where('id', '=', opts.userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function isUserDisabled(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('disabled_at').where('id', '=', userId).executeTakeFirst();
  return row?.disabled_at != null;
}
