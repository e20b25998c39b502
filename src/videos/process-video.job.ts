// Turns an uploaded source into the HLS ladder, poster and storyboard. Payload: the video id only.
// The pipeline is in processing.ts; this is the queue's view of it.
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { processVideo } from './processing.js';

const retry = { limit: 2, delaySeconds: 30, backoff: true };

export const processVideoJob = defineJob({
  name: 'process-video',
  payload: z.object({ videoId: z.uuid() }),
  retry,
  expireInSeconds: 6 * 3600,
  async run(payload, ctx, info) {
    await processVideo(
      { db: ctx.db, media: ctx.media, log: ctx.log },
      payload.videoId,
      { attempt: info.attempt, isLastAttempt: info.attempt > retry.limit, signal: info.signal },
    );
  },
});
