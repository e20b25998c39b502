// The sign of life of a running process-video attempt: videos.processing_heartbeat_at, written on a
// timer of its own (not from ffmpeg's progress, which can be silent for a long time on a long source).
// The processing watchdog fails the job of a video whose heartbeat went stale (a killed worker).
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';

export const HEARTBEAT_INTERVAL_MS = 15_000;

export type Heartbeat = { stop: () => Promise<void> };

/** Writes the heartbeat now (database clock), while the video is still processing. */
export async function writeHeartbeat(db: Db, videoId: string): Promise<void> {
  await db.updateTable('videos').set({ processing_heartbeat_at: sql<Date>`now()` }).where('id', '=', videoId).where('status', '=', 'processing').execute();
}

/** Beats every intervalMs until stop(); one write at a time, a failed write is logged and the next one tried. */
export function startHeartbeat(opts: { db: Db; videoId: string; intervalMs: number; log: Logger }): Heartbeat {
  let inFlight: Promise<void> = Promise.resolve();
  let isWriting = false;
  const timer = setInterval(() => {
    if (isWriting) return;
    isWriting = true;
    inFlight = writeHeartbeat(opts.db, opts.videoId)
      .catch((err: unknown) => opts.log.warn({ err, videoId: opts.videoId }, 'could not write the processing heartbeat'))
      .finally(() => {
        isWriting = false;
      });
  }, opts.intervalMs);
  // A beat must never keep a stopping process alive.
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
}
