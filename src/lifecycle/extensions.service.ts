// Extension requests: the owner asks (justification, a date within the maximum), an admin approves with
// a date (which becomes retain_until) or refuses with a reason; the owner is mailed either way.
import { sql } from 'kysely';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors.js';
import { loadVideoAccess } from '../videos/videos.service.js';
import { actorUserId, addDays, flushNotices, isoDay, ldb, type LifecycleDeps } from './lifecycle-deps.js';
import { insertEvent } from './lifecycle.repo.js';
import { loadLifecycleSettings } from './lifecycle-settings.js';
import { enqueueNotice } from './notices.js';

/** The owner's own video, live (not trashed); anyone else is refused. */
export async function loadOwnVideo(deps: LifecycleDeps, actor: Actor, videoId: string) {
  const access = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'video.edit', access.resource);
  if (actor.kind !== 'user' || access.video.owner_id !== actor.userId) throw new ForbiddenError('Only the owner of the video can request an extension', 'not_owner');
  return access.video;
}

export async function requestExtension(deps: LifecycleDeps, actor: Actor, input: { videoId: string; justification: string; until: Date }): Promise<void> {
  const video = await loadOwnVideo(deps, actor, input.videoId);
  const settings = await loadLifecycleSettings(deps.db);
  const now = deps.now();
  if (input.until <= now) throw new BadRequestError('The date to keep the video until must be in the future', undefined, 'extension_date_past');
  if (input.until > addDays(now, settings.maxExtensionDays))
    throw new BadRequestError(`An extension can reach at most ${settings.maxExtensionDays} days from today (until ${isoDay(addDays(now, settings.maxExtensionDays))})`, undefined, 'extension_too_long');
  await ldb(deps)
    .transaction()
    .execute(async (tx) => {
      const inserted = await tx
        .insertInto('extension_requests')
        .values({ video_id: video.id, requester_id: video.owner_id, justification: input.justification, requested_until: input.until, created_at: now })
        .onConflict((oc) => oc.column('video_id').where('status', '=', 'pending').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new ConflictError('An extension request for this video is already waiting for an administrator', 'extension_pending');
      await insertEvent(tx, { videoId: video.id, videoTitle: video.title, ownerId: video.owner_id, action: 'extension-requested', reason: input.justification, actorId: actorUserId(actor), at: now, details: { requestId: inserted.id, until: input.until } });
    });
  deps.log.info({ videoId: video.id, until: input.until }, 'extension requested');
}

export type PendingExtension = { id: string; videoId: string; title: string; ownerName: string; justification: string; requestedUntil: Date; createdAt: Date; retainUntil: Date | null };

export async function listPendingExtensions(deps: LifecycleDeps, actor: Actor): Promise<PendingExtension[]> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const rows = await ldb(deps)
    .selectFrom('extension_requests as r')
    .innerJoin('videos as v', 'v.id', 'r.video_id')
    .innerJoin('users as u', 'u.id', 'v.owner_id')
    .select(['r.id', 'r.video_id', 'v.title', 'u.name', 'r.justification', 'r.requested_until', 'r.created_at', 'v.retain_until'])
    .where('r.status', '=', 'pending')
    .orderBy('r.created_at')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, videoId: r.video_id, title: r.title, ownerName: r.name, justification: r.justification, requestedUntil: r.requested_until, createdAt: r.created_at, retainUntil: r.retain_until }));
}

export type ExtensionDecision = { requestId: string } & ({ approve: true; until: Date } | { approve: false; reason: string });

export async function decideExtension(deps: LifecycleDeps, actor: Actor, d: ExtensionDecision): Promise<void> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const now = deps.now();
  if (d.approve && d.until <= now) throw new BadRequestError('The approved date must be in the future', undefined, 'extension_date_past');
  await ldb(deps)
    .transaction()
    .execute(async (tx) => {
      const req = await tx.selectFrom('extension_requests').selectAll().where('id', '=', d.requestId).forUpdate().executeTakeFirst();
      if (!req) throw new NotFoundError('No such extension request');
      if (req.status !== 'pending') throw new ConflictError(`This request was already ${req.status}`, 'extension_decided');
      const video = await tx.selectFrom('videos').select(['id', 'title', 'owner_id']).where('id', '=', req.video_id).forUpdate().executeTakeFirstOrThrow();
      const base = { videoId: video.id, videoTitle: video.title, ownerId: video.owner_id, actorId: actorUserId(actor), at: now };
      if (d.approve) {
        await tx.updateTable('extension_requests').set({ status: 'approved', approved_until: d.until, decided_by: actorUserId(actor), decided_at: now }).where('id', '=', req.id).execute();
        // An approval never shortens an earlier, longer extension.
        await tx.updateTable('videos').set({ retain_until: sql`greatest(retain_until, ${d.until}::timestamptz)`, updated_at: sql`now()` }).where('id', '=', video.id).execute();
        await insertEvent(tx, { ...base, action: 'extension-approved', reason: 'approved', details: { requestId: req.id, until: d.until, requested: req.requested_until } });
        await enqueueNotice(tx, { kind: 'approved', key: `r${req.id}`, videoId: video.id, title: video.title, ownerId: video.owner_id, date: d.until, at: now });
      } else {
        await tx.updateTable('extension_requests').set({ status: 'refused', decision_reason: d.reason, decided_by: actorUserId(actor), decided_at: now }).where('id', '=', req.id).execute();
        await insertEvent(tx, { ...base, action: 'extension-refused', reason: d.reason, details: { requestId: req.id } });
        await enqueueNotice(tx, { kind: 'refused', key: `r${req.id}`, videoId: video.id, title: video.title, ownerId: video.owner_id, reason: d.reason, at: now });
      }
    });
  deps.log.info({ requestId: d.requestId, approved: d.approve }, 'extension request decided');
  await flushNotices(deps);
}

export async function hasPendingExtension(deps: LifecycleDeps, videoId: string): Promise<boolean> {
  return (await ldb(deps).selectFrom('extension_requests').select('id').where('video_id', '=', videoId).where('status', '=', 'pending').executeTakeFirst()) !== undefined;
}
