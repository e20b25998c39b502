// Caption deadline reminders: one mail to the owner N days before the deadline, one when it is missed.
// Exactly once, through an outbox: for each reminder due, one transaction inserts the caption_reminders_sent
// row (its key video, kind, deadline makes a second insert a no-op, even from a racing sweep) and, only
// if that insert happened, the mail into the shared notice outbox (lifecycle_notices). The outbox is then
// sent (lifecycle/notices.ts): an SMTP outage delays a reminder to the next run instead of losing it,
// and a resend after a crash carries the same Message-ID. We chose this over "insert, then send if
// inserted", which loses the reminder for good when the mail server is down at that moment.
import { sql } from 'kysely';
import type { Mailer } from '../adapters/mail/mailer.js';
import type { Db } from '../db/database.js';
import { normalizeLocale, translator } from '../i18n/i18n.js';
import { formatDate, sendPendingNotices } from '../lifecycle/notices.js';
import type { Logger } from '../logger.js';
import { remindersDue, type CaptionReminder } from './caption-deadline.js';
import { captionPolicyOf, type CaptionSettings } from './caption-settings.js';
import { listTrackSummaries, scanReminderCandidates, subjectOf, type ReminderCandidate } from './compliance.repo.js';

export type ReminderDeps = { db: Db; mailer: Mailer; log: Logger; publicUrl: string };
export type ReminderReport = { scanned: number; queued: Record<CaptionReminder, number>; mail: { sent: number; failed: number } };

/** The mail of one reminder, in the owner's language, linking to the video's caption page. */
export function composeReminder(v: ReminderCandidate, kind: CaptionReminder, o: { deadline: Date; publicUrl: string }) {
  // Launch locales come as fi-FI or fi_FI as often as fi.
  const locale = normalizeLocale(v.ownerLocale) ?? 'en';
  const t = translator(locale);
  const params = { title: v.title, date: formatDate(o.deadline, locale), published: formatDate(v.publishedAt, locale), url: `${o.publicUrl}/videos/${v.id}/captions` };
  const which = kind === 'deadline-near' ? 'near' : 'missed';
  return {
    messageId: `<caption.${kind}.${v.id}.${o.deadline.getTime()}@luento>`,
    subject: t(`compliance.mail.${which}.subject`, params),
    body: t(`compliance.mail.${which}.body`, params),
  };
}

/** Records one reminder and queues its mail, in one transaction; false when it was already recorded. */
async function queueReminder(deps: ReminderDeps, v: ReminderCandidate, kind: CaptionReminder, o: { deadlineDays: number; now: Date }): Promise<boolean> {
  return deps.db.transaction().execute(async (tx) => {
    // The deadline is computed in SQL from published_at, so it keeps its microseconds and matches the scan.
    const inserted = await sql<{ deadline: Date }>`INSERT INTO caption_reminders_sent (video_id, kind, deadline, sent_at)
      SELECT id, ${kind}, published_at + make_interval(days => ${o.deadlineDays}), ${o.now} FROM videos WHERE id = ${v.id}
      ON CONFLICT DO NOTHING RETURNING deadline`.execute(tx);
    const row = inserted.rows[0];
    if (!row) return false;
    const mail = composeReminder(v, kind, { deadline: row.deadline, publicUrl: deps.publicUrl });
    await tx
      .insertInto('lifecycle_notices')
      .values({ message_id: mail.messageId, video_id: v.id, to_user_id: v.ownerId, to_address: v.ownerEmail, subject: mail.subject, body: mail.body, created_at: o.now })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .execute();
    return true;
  });
}

/** The daily run: finds the reminders due (remindersDue, caption-deadline.ts), queues each once, sends the outbox. */
export async function runCaptionReminders(deps: ReminderDeps, o: { settings: CaptionSettings; now: Date; batchSize?: number; maxPerRun?: number }): Promise<ReminderReport> {
  const policy = captionPolicyOf(o.settings);
  const batchSize = o.batchSize ?? 500;
  // A cap per run, so the first run on a site with years of uncaptioned videos does not flood the mail
  // server; what is left waits for the next day's run (nothing is marked sent until it is queued).
  const maxPerRun = o.maxPerRun ?? 5_000;
  const queued: Record<CaptionReminder, number> = { 'deadline-near': 0, 'deadline-missed': 0 };
  let scanned = 0;
  let afterId: string | null = null;
  for (;;) {
    const batch = await scanReminderCandidates(deps.db, { ...policy, now: o.now, afterId, limit: batchSize });
    const tracks = await listTrackSummaries(deps.db, batch.map((v) => v.id));
    for (const v of batch) {
      const sent = new Set(v.sentKinds.filter((k): k is CaptionReminder => k === 'deadline-near' || k === 'deadline-missed'));
      for (const kind of remindersDue(subjectOf(v, tracks.get(v.id) ?? []), policy, o.now, sent)) {
        if (queued['deadline-near'] + queued['deadline-missed'] >= maxPerRun) break;
        if (await queueReminder(deps, v, kind, { deadlineDays: policy.deadlineDays, now: o.now })) queued[kind]++;
      }
    }
    scanned += batch.length;
    if (queued['deadline-near'] + queued['deadline-missed'] >= maxPerRun) {
      deps.log.warn({ maxPerRun }, 'caption reminders reached the per-run cap; the rest are sent by the next run');
      break;
    }
    if (batch.length < batchSize) break;
    afterId = batch.at(-1)!.id;
  }
  const mail = await sendPendingNotices({ db: deps.db, mailer: deps.mailer, log: deps.log, now: () => o.now });
  const report = { scanned, queued, mail };
  deps.log.info(report, 'caption reminders finished');
  return report;
}

