// Moderation mail to owners and reporters, through the lifecycle's transactional outbox
// (src/lifecycle/notices.ts): written in the decision's transaction, sent after the commit, retried by the
// lifecycle sweep if SMTP is down. The Message-ID names the decision, so a resend is recognisable.
import type { Db } from '../db/database.js';
import type { MessageKey } from '../i18n/catalog.js';
import { normalizeLocale, translator } from '../i18n/i18n.js';
import { findOwnerContact } from '../lifecycle/lifecycle.repo.js';
import { enqueueNoticeRow } from '../lifecycle/notices.js';

export type ModerationMailKind = 'takedownOwner' | 'takedownReporter' | 'dismissReporter' | 'restoreOwner';

export async function enqueueModerationMail(tx: Db, m: { kind: ModerationMailKind; decisionKey: string; videoId: string; title: string; toUserId: string; reason: string; at: Date }): Promise<void> {
  const contact = await findOwnerContact(tx, m.toUserId);
  // Launch locales are tags such as fi-FI: the mail follows the person's language, not just exact matches.
  const t = translator(normalizeLocale(contact?.locale) ?? 'en');
  const params = { title: m.title, reason: m.reason };
  await enqueueNoticeRow(tx, {
    // RFC 5322 §3.6.4: a msg-id is dot-atoms, so the key keeps only letters, digits, dots and dashes.
    messageId: `<moderation.${m.kind}.${m.videoId}.${m.toUserId}.${m.decisionKey.replace(/[^0-9A-Za-z.-]/g, '')}@luento>`,
    videoId: m.videoId,
    toUserId: m.toUserId,
    toAddress: contact?.email ?? null,
    subject: t(`moderation.mail.${m.kind}.subject` as MessageKey, params),
    body: t(`moderation.mail.${m.kind}.body` as MessageKey, params),
    createdAt: m.at,
  });
}
