// The trash: owners see and restore their own trashed videos, admins see all, restore, and purge now
// (after a confirmation page). Restore brings the row back exactly as it was: the trash never touched
// placements, files or details, so clearing trashed_at is the whole restore. The warnings are cleared
// too, so the policy must warn again (its full period) before it may trash the video a second time.
import { sql } from 'kysely';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../http/errors.js';
import { findVideo } from '../videos/videos.repo.js';
import { actorUserId, addDays, ldb, type LifecycleDeps } from './lifecycle-deps.js';
import { insertEvent, lockLifecycleRow } from './lifecycle.repo.js';
import { loadLifecycleSettings, type LifecycleSettings } from './lifecycle-settings.js';
import { purgeLockedVideo } from './lifecycle-steps.js';

export type TrashItem = { id: string; title: string; ownerName: string; trashedAt: Date; purgeOn: Date; isPolicy: boolean; isHeld: boolean };

async function listTrash(deps: LifecycleDeps, ownerId: string | null): Promise<TrashItem[]> {
  const settings = await loadLifecycleSettings(deps.db);
  let q = ldb(deps)
    .selectFrom('videos as v')
    .innerJoin('users as u', 'u.id', 'v.owner_id')
    .select(['v.id', 'v.title', 'u.name', 'v.trashed_at', 'v.purge_warning_for', 'v.purge_warning_sent_at', 'v.legal_hold', 'v.created_at', 'v.published_at', 'v.last_viewed_at'])
    // A trash by the policy has the sweep's event at the same instant; any other trash was a person's delete.
    .select((eb) => eb.exists(eb.selectFrom('lifecycle_events as e').select('e.id').whereRef('e.video_id', '=', 'v.id').where('e.action', '=', 'trash').whereRef('e.at', '=', 'v.trashed_at')).as('is_policy'))
    .select((eb) => eb.exists(eb.selectFrom('owner_legal_holds as h').select('h.owner_id').whereRef('h.owner_id', '=', 'v.owner_id')).as('owner_hold'))
    .where('v.trashed_at', 'is not', null);
  if (ownerId) q = q.where('v.owner_id', '=', ownerId);
  const rows = await q.orderBy('v.trashed_at', 'desc').limit(500).execute();
  return rows.map((r) => {
    return { id: r.id, title: r.title, ownerName: r.name, trashedAt: r.trashed_at!, purgeOn: earliestPurge(r, settings), isPolicy: Boolean(r.is_policy), isHeld: r.legal_hold || Boolean(r.owner_hold) };
  });
}

/**
 * The earliest day the sweep may purge: the purge date, or warnBeforePurgeDays after its warning. The
 * policy (retention.ts) also never warns before lastActivity + trashAfterDays, so a video deleted by a
 * person soon after a view stays in the trash longer than purgeAfterDays; the date shown says so.
 */
function earliestPurge(r: { trashed_at: Date | null; created_at: Date; published_at: Date | null; last_viewed_at: Date | null; purge_warning_sent_at: Date | null; purge_warning_for: Date | null }, s: LifecycleSettings): Date {
  const base = addDays(r.trashed_at!, s.purgeAfterDays);
  if (r.purge_warning_sent_at && r.purge_warning_for?.getTime() === base.getTime()) return maxDate(base, addDays(r.purge_warning_sent_at, s.warnBeforePurgeDays));
  const activity = maxDate(r.created_at, r.published_at ?? r.created_at, r.last_viewed_at ?? r.created_at);
  const warnOn = maxDate(addDays(base, -s.warnBeforePurgeDays), addDays(activity, s.trashAfterDays));
  return maxDate(base, addDays(warnOn, s.warnBeforePurgeDays));
}
const maxDate = (...ds: Date[]): Date => new Date(Math.max(...ds.map((d) => d.getTime())));

/** Any signed-in person sees their own trash (for learners, it is simply empty). */
export async function listOwnTrash(deps: LifecycleDeps, actor: Actor): Promise<TrashItem[]> {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  return listTrash(deps, actor.userId);
}

export async function listTrashForAdmin(deps: LifecycleDeps, actor: Actor): Promise<TrashItem[]> {
  authorize(actor, 'admin.site', { kind: 'site' });
  return listTrash(deps, null);
}

export async function restoreVideo(deps: LifecycleDeps, actor: Actor, videoId: string): Promise<{ homeCourseId: string }> {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  const now = deps.now();
  const result = await ldb(deps)
    .transaction()
    .execute(async (tx) => {
      const row = await lockLifecycleRow(tx, videoId);
      if (!row || !row.trashed_at) throw new NotFoundError('This video is not in the trash');
      const isOwner = actor.kind === 'user' && actor.userId === row.owner_id;
      if (!isOwner && !(actor.kind === 'user' && actor.isSiteAdmin) && actor.kind !== 'system') throw new ForbiddenError('Only the owner of the video or an administrator can restore it');
      await tx
        .updateTable('videos')
        .set({ trashed_at: null, trash_warning_sent_at: null, trash_warning_for: null, purge_warning_sent_at: null, purge_warning_for: null, updated_at: sql`now()` })
        .where('id', '=', row.id)
        .execute();
      await insertEvent(tx, { videoId: row.id, videoTitle: row.title, ownerId: row.owner_id, action: 'restore', reason: isOwner ? 'owner' : 'admin', actorId: actorUserId(actor), at: now, details: { trashedAt: row.trashed_at } });
      return { homeCourseId: row.home_course_id };
    });
  deps.onTrashChanged?.(videoId, false);
  deps.log.info({ videoId }, 'video restored from the trash');
  return result;
}

export async function loadPurgeConfirmation(deps: LifecycleDeps, actor: Actor, videoId: string): Promise<{ id: string; title: string }> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const v = await findVideo(deps.db, videoId);
  if (!v || !v.trashed_at) throw new NotFoundError('This video is not in the trash');
  return { id: v.id, title: v.title };
}

/** "Purge now": only from the trash, never under a legal hold, with the same file checks as the sweep. */
export async function purgeNow(deps: LifecycleDeps, actor: Actor, videoId: string): Promise<void> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const outcome = await ldb(deps)
    .transaction()
    .execute(async (tx) => {
      const row = await lockLifecycleRow(tx, videoId);
      if (!row || !row.trashed_at) throw new NotFoundError('This video is not in the trash');
      if (row.legal_hold || row.owner_hold) throw new ConflictError('This video is under a legal hold and cannot be deleted; release the hold first', 'legal_hold');
      return purgeLockedVideo(tx, { db: ldb(deps), blobStore: deps.media.blobStore, log: deps.log }, { row, now: deps.now(), reason: 'admin-purge-now', actorId: actorUserId(actor) });
    });
  if (outcome.action === 'purge-failed') throw new ConflictError('Some files of the video could not be deleted from storage, so the video was kept. The problem is logged; try again later.', 'purge_failed');
}
