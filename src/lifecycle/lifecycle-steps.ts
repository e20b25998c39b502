// One lifecycle step on one video, in its own transaction: lock the row, rebuild the retention state,
// decide again (the sweep's scan may be stale), and apply exactly that step with its audit event and
// its notice. A rerun after a crash finds the step either committed (and decides `keep`) or not
// (and does it): never twice, never skipped.
import type { Db } from '../db/database.js';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import type { Logger } from '../logger.js';
import { insertEvent, insertTombstone, lockLifecycleRow, recordStep, retentionStateOf, type LifecycleRow, type LifecycleTx } from './lifecycle.repo.js';
import { composeNotice } from './notices.js';
import { decideLifecycle, type LifecycleDecision, type RetentionPolicy } from './retention.js';

export type StepDeps = { db: Db; blobStore: BlobStore; log: Logger };

export type StepOutcome = { videoId: string; action: LifecycleDecision['action'] | 'gone' | 'purge-failed'; reason: string };

const DAY_MS = 86_400_000;

export async function applyLifecycleStep(deps: StepDeps, o: { videoId: string; policy: RetentionPolicy; now: Date }): Promise<StepOutcome> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockLifecycleRow(tx, o.videoId);
    if (!row) return { videoId: o.videoId, action: 'gone', reason: 'no-such-video' };
    const d = decideLifecycle(retentionStateOf(row), o.policy, o.now);
    const owner = { email: row.owner_email, locale: row.owner_locale };
    const event = { videoId: row.id, videoTitle: row.title, ownerId: row.owner_id, actorId: null, at: o.now, reason: d.reason };
    const notice = { videoId: row.id, title: row.title, ownerId: row.owner_id, at: o.now };
    switch (d.action) {
      case 'keep':
        return { videoId: row.id, action: 'keep', reason: d.reason };
      case 'warn-trash':
        await recordStep(tx, {
          videoId: row.id,
          set: { trash_warning_sent_at: o.now, trash_warning_for: d.baseDate },
          event: { ...event, action: 'warn-trash', details: { trashOn: d.trashOn, baseDate: d.baseDate } },
          notice: composeNotice({ ...notice, kind: 'warnTrash', key: d.baseDate.toISOString(), date: d.trashOn }, owner),
        });
        break;
      case 'trash':
        await recordStep(tx, {
          videoId: row.id,
          set: { trashed_at: o.now, purge_warning_sent_at: null, purge_warning_for: null },
          event: { ...event, action: 'trash', details: { lastActivityAt: d.lastActivityAt } },
          notice: composeNotice({ ...notice, kind: 'trashed', key: o.now.toISOString(), date: new Date(o.now.getTime() + o.policy.purgeAfterDays * DAY_MS) }, owner),
        });
        break;
      case 'warn-purge':
        await recordStep(tx, {
          videoId: row.id,
          set: { purge_warning_sent_at: o.now, purge_warning_for: d.baseDate },
          event: { ...event, action: 'warn-purge', details: { purgeOn: d.purgeOn, baseDate: d.baseDate } },
          notice: composeNotice({ ...notice, kind: 'warnPurge', key: d.baseDate.toISOString(), date: d.purgeOn }, owner),
        });
        break;
      case 'purge':
        return purgeLockedVideo(tx, deps, { row, now: o.now, reason: d.reason, actorId: null });
    }
    return { videoId: row.id, action: d.action, reason: d.reason };
  });
}

/**
 * Deletes every blob under videos/<id>/ (source, renditions, captions, storyboard), checks with list that
 * nothing is left, then writes the tombstone and the event and deletes the row (placements, views and
 * requests go with it). If anything is left, nothing in the database changes: the row stays, the failure
 * is logged and audited, and the next run tries again. The caller holds the row lock.
 */
export async function purgeLockedVideo(tx: LifecycleTx, deps: StepDeps, o: { row: LifecycleRow; now: Date; reason: string; actorId: string | null }): Promise<StepOutcome> {
  const { row } = o;
  const prefix = `videos/${row.id}/`;
  let deleted = 0;
  let left: string[] = [];
  try {
    deleted = await deps.blobStore.delete(prefix);
    left = (await deps.blobStore.list(prefix)).map((b) => b.key);
  } catch (err) {
    left = [`(storage error: ${(err as Error).message})`];
  }
  if (left.length > 0) {
    deps.log.error({ videoId: row.id, left: left.slice(0, 20), leftCount: left.length }, 'purge stopped: files of the video are still in storage; the video row is kept and the next sweep retries');
    await insertEvent(deps.db, { videoId: row.id, videoTitle: row.title, ownerId: row.owner_id, action: 'purge-failed', reason: 'blobs-remain', actorId: o.actorId, at: o.now, details: { left: left.slice(0, 20), leftCount: left.length } });
    return { videoId: row.id, action: 'purge-failed', reason: 'blobs-remain' };
  }
  await insertTombstone(tx, row, { at: o.now, reason: o.reason, purgedBy: o.actorId, blobsDeleted: deleted });
  await insertEvent(tx, { videoId: row.id, videoTitle: row.title, ownerId: row.owner_id, action: 'purge', reason: o.reason, actorId: o.actorId, at: o.now, details: { blobsDeleted: deleted, trashedAt: row.trashed_at } });
  await tx.deleteFrom('videos').where('id', '=', row.id).execute();
  deps.log.info({ videoId: row.id, blobsDeleted: deleted, reason: o.reason }, 'video purged');
  return { videoId: row.id, action: 'purge', reason: o.reason };
}
