// Lifecycle mail through a transactional outbox. A notice row is written in the same transaction as the
// step it announces (so a warning is never recorded without its mail, nor mailed without being
// recorded), and sent after the commit. Delivery is at least once: each notice is locked while it is
// sent and marked sent afterwards; a crash between the SMTP server's acceptance and the mark resends it
// with the same Message-ID, which mail systems use to drop the duplicate. We chose this over
// "send, then record" (which can mail a warning that was never recorded, and so warn twice) and over
// "record, then send once" (which loses the mail on a crash, and the policy promises a warning).
import type { Db } from '../db/database.js';
import { sql } from 'kysely';
import type { Mailer } from '../adapters/mail/mailer.js';
import type { MessageKey } from '../i18n/catalog.js';
import { normalizeLocale, translator } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import { findOwnerContact, type LifecycleTx, type NoticeRow } from './lifecycle.repo.js';

export type NoticeKind = 'warnTrash' | 'trashed' | 'warnPurge' | 'approved' | 'refused';

export function formatDate(d: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export type NoticeInput = { kind: NoticeKind; key: string; videoId: string; title: string; ownerId: string; date?: Date; reason?: string; at: Date };

/** The notice for one step, in the owner's language; `key` makes its Message-ID unique. */
export function composeNotice(n: NoticeInput, owner: { email: string | null; locale: string | null } | undefined): NoticeRow {
  // Launch locales come as fi-FI or fi_FI as often as fi.
  const locale = normalizeLocale(owner?.locale) ?? 'en';
  const t = translator(locale);
  const params = { title: n.title, date: n.date ? formatDate(n.date, locale) : '', reason: n.reason ?? '' };
  return {
    // RFC 5322 §3.6.4: a msg-id is dot-atoms, so the key keeps only letters, digits, dots and dashes.
    messageId: `<lifecycle.${n.kind}.${n.videoId}.${n.key.replace(/[^0-9A-Za-z.-]/g, '')}@luento>`,
    videoId: n.videoId,
    toUserId: n.ownerId,
    toAddress: owner?.email ?? null,
    subject: t(`lifecycle.mail.${n.kind}.subject` as MessageKey, params),
    body: t(`lifecycle.mail.${n.kind}.body` as MessageKey, params),
    createdAt: n.at,
  };
}

/** Writes a notice into the outbox (decisions outside the sweep: extension approvals and refusals). */
export async function enqueueNotice(tx: LifecycleTx, n: NoticeInput): Promise<void> {
  await enqueueNoticeRow(tx, composeNotice(n, await findOwnerContact(tx, n.ownerId)));
}

/** Puts one composed mail in the outbox; other features' notices (moderation) go through it too. */
export async function enqueueNoticeRow(tx: Db, r: NoticeRow): Promise<void> {
  await tx
    .insertInto('lifecycle_notices')
    .values({ message_id: r.messageId, video_id: r.videoId, to_user_id: r.toUserId, to_address: r.toAddress, subject: r.subject, body: r.body, created_at: r.createdAt })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

const MAX_ATTEMPTS = 10;
const BATCH = 50;

/**
 * Sends what the outbox holds, up to `limit`. Batches of 50 are locked (SKIP LOCKED: two senders never
 * take the same notice), sent one by one, and marked in the same transaction; a crash mid-batch resends
 * at most that batch, with the same Message-IDs. Failures stay for the next run.
 */
export async function sendPendingNotices(deps: { db: Db; mailer: Mailer; log: Logger; now: () => Date }, limit = 10_000): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  let after = '0';
  while (sent + failed < limit) {
    const taken = await deps.db.transaction().execute(async (tx) => {
      const batch = await tx
        .selectFrom('lifecycle_notices')
        .selectAll()
        .where('sent_at', 'is', null)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where('id', '>', after)
        .orderBy('id')
        .limit(Math.min(BATCH, limit - sent - failed))
        .forUpdate()
        .skipLocked()
        .execute();
      const done: string[] = [];
      for (const n of batch) {
        after = n.id;
        if (!n.to_address) {
          deps.log.warn({ noticeId: n.id, userId: n.to_user_id, videoId: n.video_id }, 'lifecycle notice not mailed: the owner has no email address (the banner still shows it)');
          await tx.updateTable('lifecycle_notices').set({ sent_at: deps.now(), last_error: 'no email address' }).where('id', '=', n.id).execute();
          sent++;
          continue;
        }
        try {
          await deps.mailer.send({ to: n.to_address, subject: n.subject, text: n.body, messageId: n.message_id });
          done.push(n.id);
          sent++;
        } catch (err) {
          deps.log.error({ err, noticeId: n.id }, 'lifecycle notice could not be mailed; it will be retried');
          await tx.updateTable('lifecycle_notices').set({ attempts: sql`attempts + 1`, last_error: String((err as Error).message ?? err) }).where('id', '=', n.id).execute();
          failed++;
        }
      }
      if (done.length > 0) await tx.updateTable('lifecycle_notices').set({ sent_at: deps.now(), attempts: sql`attempts + 1`, last_error: null }).where('id', 'in', done).execute();
      return batch.length;
    });
    if (taken === 0) break;
  }
  return { sent, failed };
}
