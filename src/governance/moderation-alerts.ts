// Site admins are told when videos are reported. Filing a report writes one alert per admin who can be
// mailed, in the report's transaction (a report that rolls back alerts nobody; one that commits alerts
// every admin exactly once). A digest step turns an admin's pending alerts into one mail in the notices
// outbox (src/lifecycle/notices.ts) and marks them, in one transaction under a lock on the admin's digest
// row, at most once per `windowMs` (15 minutes) per admin: the first report after a quiet spell is mailed
// at once (the web process runs the step right after the commit), and those that follow within the
// window wait for the job that runs every minute (moderation-alerts.job.ts), which mails them together.
// Delivery is the outbox's: at least once, with a stable Message-ID.
import type { Mailer } from '../adapters/mail/mailer.js';
import type { Db } from '../db/database.js';
import type { MessageKey } from '../i18n/catalog.js';
import { normalizeLocale, translator } from '../i18n/i18n.js';
import { sendPendingNotices } from '../lifecycle/notices.js';
import type { Logger } from '../logger.js';
import {
  findMailableAdmin,
  insertDigestNotice,
  insertReportAlerts,
  listAdminsWithPendingAlerts,
  listPendingAlerts,
  lockAdminDigest,
  markAlertsHandled,
  recordDigestSent,
  type PendingAlert,
} from './moderation-alerts.repo.js';

export type AlertDeps = { db: Db; mailer: Mailer; log: Logger; publicUrl: string };
export type DigestOutcome = 'queued' | 'waiting' | 'nothing' | 'dropped';
export type DigestReport = { queued: number; waiting: number; dropped: number; mail: { sent: number; failed: number } };

export const ALERT_WINDOW_MS = 15 * 60_000;
/** Reports named one by one in a mail; the rest are counted ("and 12 more"). */
const LISTED = 30;

/** Called inside the report's transaction; returns the admins alerted. */
export async function queueReportAlerts(tx: Db, a: { reportId: string; reporterId: string; at: Date }): Promise<string[]> {
  return insertReportAlerts(tx, a);
}

/** One admin's digest mail, in their language, linking to the moderation queue. */
export function composeReportDigest(alerts: PendingAlert[], o: { adminId: string; locale: string | null; publicUrl: string; windowMs: number }) {
  const t = translator(normalizeLocale(o.locale) ?? 'en');
  const lines = alerts.slice(0, LISTED).map((a) => t('moderation.alert.line', { title: a.title, category: t(`moderation.report.category.${a.category}` as MessageKey) }));
  if (alerts.length > LISTED) lines.push(t('moderation.alert.more', { count: alerts.length - LISTED }));
  const ids = alerts.map((a) => Number(a.reportId));
  return {
    // RFC 5322 §3.6.4: a msg-id is dot-atoms; the admin and the range of report ids make it unique.
    messageId: `<moderation.newReports.${o.adminId}.${Math.min(...ids)}-${Math.max(...ids)}@luento>`,
    subject: t('moderation.alert.subject', { count: alerts.length }),
    body: t('moderation.alert.body', { list: lines.join('\n'), url: `${o.publicUrl}/admin/moderation`, minutes: Math.round(o.windowMs / 60_000) }),
  };
}

async function digestForAdmin(deps: AlertDeps, adminId: string, o: { now: Date; windowMs: number }): Promise<DigestOutcome> {
  return deps.db.transaction().execute(async (tx) => {
    const lastSentAt = await lockAdminDigest(tx, adminId);
    if (lastSentAt && o.now.getTime() - lastSentAt.getTime() < o.windowMs) return 'waiting';
    const pending = await listPendingAlerts(tx, adminId, 1000);
    if (pending.length === 0) return 'nothing';
    const admin = await findMailableAdmin(tx, adminId);
    // Reports handled meanwhile need no mail; nor does someone who is no longer an admin one can mail.
    const open = pending.filter((a) => a.status === 'open');
    const reportIds = pending.map((a) => a.reportId);
    if (!admin || open.length === 0) {
      await markAlertsHandled(tx, { adminId, reportIds, at: o.now, messageId: null });
      return 'dropped';
    }
    const mail = composeReportDigest(open, { adminId, locale: admin.locale, publicUrl: deps.publicUrl, windowMs: o.windowMs });
    await insertDigestNotice(tx, { ...mail, adminId, toAddress: admin.email, at: o.now });
    await markAlertsHandled(tx, { adminId, reportIds, at: o.now, messageId: mail.messageId });
    await recordDigestSent(tx, adminId, o.now);
    return 'queued';
  });
}

/**
 * Queues the digests that are due (for `adminIds`, or every admin with pending alerts) and sends the
 * outbox if it queued any. Admins still inside their window are left for a later run.
 */
export async function sendReportDigests(deps: AlertDeps, o: { now: Date; windowMs?: number; adminIds?: string[] }): Promise<DigestReport> {
  const windowMs = o.windowMs ?? ALERT_WINDOW_MS;
  const report: DigestReport = { queued: 0, waiting: 0, dropped: 0, mail: { sent: 0, failed: 0 } };
  for (const adminId of o.adminIds ?? (await listAdminsWithPendingAlerts(deps.db, 500))) {
    const outcome = await digestForAdmin(deps, adminId, { now: o.now, windowMs });
    if (outcome === 'queued') report.queued++;
    else if (outcome === 'waiting') report.waiting++;
    else if (outcome === 'dropped') report.dropped++;
  }
  if (report.queued > 0) report.mail = await sendPendingNotices({ db: deps.db, mailer: deps.mailer, log: deps.log, now: () => o.now }, 200);
  if (report.queued + report.dropped > 0) deps.log.info(report, 'moderation report digests');
  return report;
}
