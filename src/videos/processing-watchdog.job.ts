// Every minute: fails the process-video jobs whose worker died (stale heartbeat), so pg-boss retries them
// within minutes instead of after the 6 h expiry. The logic is in processing-watchdog.ts.
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { failStalledProcessing } from './processing-watchdog.js';


/** Stalled means no heartbeat for PROCESSING_STALL_SECONDS (config.media.processing.stallSeconds). */
export const processingWatchdogJob = defineJob({
  name: 'processing-watchdog',
  payload: z.object({}),
  // The next minute's run is the retry.
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  expireInSeconds: 5 * 60,
  schedule: '* * * * *',
  async run(_p, ctx) {
    const failed = await failStalledProcessing({ db: ctx.db, queue: ctx.queue, log: ctx.log, blobStore: ctx.media.blobStore, now: ctx.now }, { stallSeconds: ctx.processing.stallSeconds });
    if (failed.length > 0) ctx.log.info({ failed: failed.length }, 'processing watchdog failed stalled jobs');
  },
});
