// Turns an uploaded source into the HLS ladder, poster and storyboard. Payload: the video id only.
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';

export const processVideoJob = defineJob({
  name: 'process-video',
  payload: z.object({ videoId: z.uuid() }),
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  expireInSeconds: 6 * 3600,
  async run() {
    // Implemented by the processing work (see docs/design/videos.md); until then a job fails loudly.
    throw new Error('process-video is not implemented yet');
  },
});
