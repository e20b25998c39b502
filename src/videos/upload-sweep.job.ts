// Cleans up abandoned uploads: a video still `uploading` with no progress for the idle period loses its
// partial tus file and its row (nothing was published, processed or watched). Idempotent; runs daily
// as the system. Progress is videos.updated_at, which the tus server bumps while bytes arrive.
import type { DataStore } from '@tus/server';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { defaultRetry, defineJob } from '../jobs/define-job.js';
import type { Logger } from '../logger.js';

/** At most this many per run, so one run stays short; the next run takes the rest. */
const BATCH = 500;

export type UploadSweepDeps = { db: Db; store: Pick<DataStore, 'remove'>; now: Date; idleMs: number; log: Logger; dryRun?: boolean };

export async function sweepAbandonedUploads(d: UploadSweepDeps): Promise<{ videoIds: string[] }> {
  const cutoff = new Date(d.now.getTime() - d.idleMs);
  const stale = await d.db.selectFrom('videos').select('id').where('status', '=', 'uploading').where('updated_at', '<', cutoff).orderBy('updated_at').limit(BATCH).execute();
  const videoIds: string[] = [];
  for (const { id } of stale) {
    if (d.dryRun) {
      videoIds.push(id);
      continue;
    }
    // Delete the row first (only if still idle and uploading), so a client resuming right now is refused
    // rather than writing into a file that is about to go.
    const gone = await d.db.deleteFrom('videos').where('id', '=', id).where('status', '=', 'uploading').where('updated_at', '<', cutoff).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) continue;
    await d.store.remove(id).catch(() => undefined); // never started, or already removed: nothing to delete
    videoIds.push(id);
  }
  if (videoIds.length > 0 || d.dryRun) d.log.info({ count: videoIds.length, videoIds, dryRun: d.dryRun === true }, 'abandoned uploads swept');
  return { videoIds };
}

export const uploadSweepJob = defineJob({
  name: 'upload-sweep',
  payload: z.object({ dryRun: z.boolean().optional() }),
  retry: defaultRetry,
  schedule: '17 3 * * *',
  async run(payload, ctx) {
    const { store, idleHours } = ctx.uploads;
    await sweepAbandonedUploads({ db: ctx.db, store, now: ctx.now(), idleMs: idleHours * 3600_000, log: ctx.log, dryRun: payload.dryRun });
  },
});
