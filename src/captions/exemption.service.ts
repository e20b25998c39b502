// Exempting a video from the caption rule: allowed when the video is a media alternative to text already
// on the page (WCAG 2.1 SC 1.2.2 "media alternative for text"). Course managers and admins decide; the
// grant and the revocation are written to the audit log in the same transaction as the change.
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { recordAudit } from '../governance/audit.js';
import { NotFoundError } from '../http/errors.js';
import { loadVideoAccess } from '../videos/videos.service.js';

export type ExemptionDeps = { db: Db; now: () => Date };

export const exemptionReason = z
  .string()
  .trim()
  .min(10, 'explain why the video needs no captions (at least 10 characters), e.g. which text on the page it presents')
  .max(2000, 'the reason can be at most 2,000 characters');

export type Exemption = { reason: string; grantedAt: Date; grantedByName: string | null };

export async function findExemption(db: Db, videoId: string): Promise<Exemption | undefined> {
  const row = await db
    .selectFrom('caption_exemptions as e')
    .leftJoin('users as u', 'u.id', 'e.granted_by')
    .select(['e.reason', 'e.granted_at', 'u.name'])
    .where('e.video_id', '=', videoId)
    .executeTakeFirst();
  return row ? { reason: row.reason, grantedAt: row.granted_at, grantedByName: row.name } : undefined;
}

const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

export async function loadExemptionPage(deps: ExemptionDeps, actor: Actor, videoId: string): Promise<{ video: { id: string; title: string }; current: Exemption | undefined }> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'caption.exempt', resource);
  return { video: { id: video.id, title: video.title }, current: await findExemption(deps.db, video.id) };
}

/** Grants (or re-words) the exemption; each grant is an audit event with its reason. */
export async function grantExemption(deps: ExemptionDeps, actor: Actor, o: { videoId: string; reason: string; ip?: string | null }): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'caption.exempt', resource);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const values = { reason: o.reason, granted_by: userIdOf(actor), granted_at: now };
    await tx
      .insertInto('caption_exemptions')
      .values({ video_id: video.id, ...values })
      .onConflict((oc) => oc.column('video_id').doUpdateSet(values))
      .execute();
    await recordAudit(tx, { action: 'caption.exempted', actorId: userIdOf(actor), subject: { kind: 'video', id: video.id }, reason: o.reason, details: { title: video.title, courseId: resource.courseId }, ip: o.ip, at: now });
  });
}

export async function revokeExemption(deps: ExemptionDeps, actor: Actor, o: { videoId: string; ip?: string | null }): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'caption.exempt', resource);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const gone = await tx.deleteFrom('caption_exemptions').where('video_id', '=', video.id).returning(['reason']).executeTakeFirst();
    if (!gone) throw new NotFoundError('This video is not exempt');
    await recordAudit(tx, {
      action: 'caption.exemption-revoked',
      actorId: userIdOf(actor),
      subject: { kind: 'video', id: video.id },
      details: { title: video.title, courseId: resource.courseId, previousReason: gone.reason },
      ip: o.ip,
      at: now,
    });
  });
}
