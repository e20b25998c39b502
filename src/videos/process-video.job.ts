// Turns an uploaded source into the HLS ladder, poster and storyboard. Payload: the video id only.
// The pipeline is in processing.ts; this is the queue's view of it.
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/define-job.js';
import { isShutdownAbort } from '../jobs/job-queue.js';
import { processVideo } from './processing.js';

const retry = { limit: 2, delaySeconds: 30, backoff: true };
const payload = z.object({ videoId: z.uuid() });
/** When a shutdown cut off the last attempt, a fresh job runs this long after (once a worker is back). */
const AFTER_SHUTDOWN_DELAY_MS = 60_000;

export const processVideoJob: JobDefinition<typeof payload> = defineJob({
  name: 'process-video',
  payload,
  retry,
  // A killed worker's job is failed (and so retried) by the processing watchdog within minutes; this
  // expiry is only the last resort for a watchdog that does not run.
  expireInSeconds: 6 * 3600,
  async run(p, ctx, info) {
    try {
      await processVideo(
        { db: ctx.db, media: ctx.media, log: ctx.log, workRoot: ctx.processing.workDir },
        p.videoId,
        { attempt: info.attempt, isLastAttempt: info.attempt > retry.limit, signal: info.signal },
      );
    } catch (err) {
      // A shutdown is not the video's failure: when it cut off the last attempt, pg-boss will not retry,
      // so a fresh job keeps the video (still `processing`) from being stranded.
      if (isShutdownAbort(info.signal) && info.attempt > retry.limit) {
        await ctx.queue.send(processVideoJob, p, { startAfter: new Date(Date.now() + AFTER_SHUTDOWN_DELAY_MS) });
      }
      throw err;
    }
  },
});
