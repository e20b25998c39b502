// The daily lifecycle sweep as a scheduled job (03:15 UTC). Runs as the system; idempotent, so a retry
// after a crash continues where the last run stopped (see sweep.ts and lifecycle-steps.ts).
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { loadLifecycleSettings } from './lifecycle-settings.js';
import { runSweep } from './sweep.js';

export const lifecycleSweepJob = defineJob({
  name: 'lifecycle-sweep',
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  expireInSeconds: 2 * 60 * 60,
  schedule: '15 3 * * *',
  async run(_payload, ctx) {
    const settings = await loadLifecycleSettings(ctx.db);
    await runSweep({ db: ctx.db, blobStore: ctx.media.blobStore, mailer: ctx.media.mailer, log: ctx.log }, { settings, now: ctx.now() });
  },
});
