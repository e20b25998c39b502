// The automatic-captions job. Payload: the video id only; the run row (caption_asr_runs) says which
// language and who asked. Runs as the system actor; a stale job (video gone, run answered) exits quietly.
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/define-job.js';
import { runAsrForVideo } from './asr-pipeline.js';

const retry = { limit: 2, delaySeconds: 30, backoff: true };
const payload = z.object({ videoId: z.uuid() });

export const asrCaptionsJob: JobDefinition<typeof payload> = defineJob({
  name: 'asr-captions',
  payload,
  retry,
  // Recognition runs at about real time on one core (whisper) or faster (pocketsphinx); a 3-hour lecture fits.
  expireInSeconds: 4 * 3600,
  async run(p, ctx, info) {
    await runAsrForVideo({ db: ctx.db, media: ctx.media, log: ctx.log, now: ctx.now, workRoot: ctx.processing.workDir }, p.videoId, { isLastAttempt: info.attempt > retry.limit, signal: info.signal });
  },
});
