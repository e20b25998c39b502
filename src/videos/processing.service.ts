// Retrying failed processing: the owner (or a course manager) sends a failed video back to the queue.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { ConflictError } from '../http/errors.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { processVideoJob } from './process-video.job.js';
import { transitionVideo, type Video } from './videos.repo.js';
import { loadVideoAccess, type VideosDeps } from './videos.service.js';

export async function retryProcessing(deps: VideosDeps & { queue: JobSender; log: Logger }, actor: Actor, videoId: string): Promise<Video> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'video.edit', resource);
  if (video.status !== 'failed') throw new ConflictError(`Only a video whose processing failed can be retried; this one is ${video.status}.`, 'not_failed');
  if (!video.source_key) throw new ConflictError('The uploaded file was not a usable video and was removed. Upload the video again.', 'source_removed');
  const moved = await transitionVideo(deps.db, videoId, 'failed', 'processing', { processing_percent: 0, failure_code: null, failure_message: null });
  if (!moved) throw new ConflictError('The video changed meanwhile; reload the page and try again.', 'stale_video');
  try {
    await deps.queue.send(processVideoJob, { videoId });
  } catch (err) {
    // Not left "processing" with no job to do it: back to failed, with the reason as it was.
    await transitionVideo(deps.db, videoId, 'processing', 'failed', { failure_code: video.failure_code, failure_message: video.failure_message });
    throw err;
  }
  deps.log.info({ videoId, by: actor.kind === 'user' ? actor.userId : actor.kind }, 'video processing retried');
  return moved;
}
