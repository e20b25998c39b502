// SQL of the admins' report alerts (migration 069). Transactions are passed in explicitly.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ReportCategory, ReportStatus } from './moderation.tables.js';

export type PendingAlert = { reportId: string; videoId: string; title: string; category: ReportCategory; status: ReportStatus };
export type AdminContact = { email: string; locale: string | null };

/** One alert per site admin who can be mailed (has an e-mail, is not disabled), except the reporter. */
export async function insertReportAlerts(tx: Db, a: { reportId: string; reporterId: string; at: Date }): Promise<string[]> {
  const r = await sql<{ admin_id: string }>`INSERT INTO moderation_report_alerts (admin_id, report_id, created_at)
    SELECT u.id, ${a.reportId}, ${a.at} FROM users u
    WHERE u.site_role = 'admin' AND u.disabled_at IS NULL AND coalesce(u.email, '') <> '' AND u.id <> ${a.reporterId}
    ON CONFLICT DO NOTHING RETURNING admin_id::text`.execute(tx);
  return r.rows.map((row) => row.admin_id);
}

export async function listAdminsWithPendingAlerts(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('moderation_report_alerts').select('admin_id').distinct().where('handled_at', 'is', null).orderBy('admin_id').limit(limit).execute();
  return rows.map((r) => r.admin_id);
}

/** Locks the admin's digest row (creating it on first use) and returns when their last digest was queued. */
export async function lockAdminDigest(tx: Db, adminId: string): Promise<Date | null> {
  await tx.insertInto('moderation_alert_digests').values({ admin_id: adminId, last_sent_at: null }).onConflict((oc) => oc.doNothing()).execute();
  const row = await tx.selectFrom('moderation_alert_digests').select('last_sent_at').where('admin_id', '=', adminId).forUpdate().executeTakeFirstOrThrow();
  return row.last_sent_at;
}

export async function listPendingAlerts(tx: Db, adminId: string, limit: number): Promise<PendingAlert[]> {
  return tx
    .selectFrom('moderation_report_alerts as a')
    .innerJoin('video_reports as r', 'r.id', 'a.report_id')
    .innerJoin('videos as v', 'v.id', 'r.video_id')
    .select(['a.report_id as reportId', 'r.video_id as videoId', 'v.title', 'r.category', 'r.status'])
    .where('a.admin_id', '=', adminId)
    .where('a.handled_at', 'is', null)
    .orderBy('a.report_id')
    .limit(limit)
    .execute();
}

/** The admin's address and language, while they are still an admin who can be mailed. */
export async function findMailableAdmin(tx: Db, adminId: string): Promise<AdminContact | undefined> {
  const row = await tx
    .selectFrom('users')
    .select(['email', sql<string | null>`coalesce(preferred_locale, locale)`.as('locale')])
    .where('id', '=', adminId)
    .where('site_role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row?.email ? { email: row.email, locale: row.locale } : undefined;
}

export async function markAlertsHandled(tx: Db, o: { adminId: string; reportIds: string[]; at: Date; messageId: string | null }): Promise<void> {
  if (o.reportIds.length === 0) return;
  await tx.updateTable('moderation_report_alerts').set({ handled_at: o.at, message_id: o.messageId }).where('admin_id', '=', o.adminId).where('report_id', 'in', o.reportIds).execute();
}

export async function recordDigestSent(tx: Db, adminId: string, at: Date): Promise<void> {
  await tx.updateTable('moderation_alert_digests').set({ last_sent_at: at }).where('admin_id', '=', adminId).execute();
}

/** The digest mail into the shared notices outbox (040); the same Message-ID twice is one mail. */
export async function insertDigestNotice(tx: Db, n: { messageId: string; adminId: string; toAddress: string; subject: string; body: string; at: Date }): Promise<void> {
  await tx
    .insertInto('lifecycle_notices')
    .values({ message_id: n.messageId, video_id: null, to_user_id: n.adminId, to_address: n.toAddress, subject: n.subject, body: n.body, created_at: n.at })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}
