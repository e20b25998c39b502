// Asking for automatic captions: on demand by a person who may edit the video's captions, and
// automatically when a video is published (when the site, course and video settings allow it).
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { AppError, ConflictError } from '../http/errors.js';
import type { Video } from '../videos/videos.repo.js';
import { loadVideoAccess } from '../videos/videos.service.js';
import { asrCaptionsJob } from './asr-captions.job.js';
import { loadAsrSitePolicy, shouldRunAsrOnPublish } from './asr-policy.js';
import { deleteQueuedAsrRun, findAsrRun, findCourseAsrSetting, finishAsrRun, queueAsrRun, type AsrRun } from './asr-runs.repo.js';
import { asrAvailability, type AsrAvailability, type CaptionsDeps } from './caption-tracks.service.js';
import { findTrack } from './captions.repo.js';

/** Speech recognition cannot caption this language here; 422 with the code the page explains. */
export class AsrUnavailableError extends AppError {
  constructor(readonly availability: Extract<AsrAvailability, { isAvailable: false }>) {
    const message =
      availability.reason === 'other_language'
        ? 'The language of this video is "other": set its language, or upload a caption file.'
        : `No speech recognition engine for the language "${availability.language}" is installed; upload a caption file instead.`;
    super(availability.reason === 'other_language' ? 'asr_other_language' : 'speech_language_unsupported', 422, message, undefined, { language: availability.language });
  }
}

async function enqueue(deps: CaptionsDeps, o: { video: Video; language: string; requestedBy: string | null }): Promise<boolean> {
  const isQueued = await queueAsrRun(deps.db, { videoId: o.video.id, language: o.language, requestedBy: o.requestedBy, now: deps.now() });
  if (!isQueued) return false;
  try {
    await deps.queue.send(asrCaptionsJob, { videoId: o.video.id });
  } catch (err) {
    // No job will answer this run: remove it, so the page offers the button again.
    await deleteQueuedAsrRun(deps.db, o.video.id);
    throw err;
  }
  return true;
}

/** On demand (the captions page's button, or its retry). Unsupported languages are refused up front. */
export async function requestAsr(deps: CaptionsDeps, actor: Actor, videoId: string): Promise<AsrRun> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'caption.edit', resource);
  if (video.status !== 'ready' && video.status !== 'published') throw new ConflictError('Automatic captions can be made once the video has been processed.', 'video_not_playable');
  const availability = asrAvailability(deps, video.language);
  if (!availability.isAvailable) throw new AsrUnavailableError(availability);
  const isQueued = await enqueue(deps, { video, language: availability.language, requestedBy: actor.kind === 'user' ? actor.userId : null });
  if (!isQueued) throw new ConflictError('Automatic captions are already being made for this video.', 'asr_busy');
  deps.log.info({ videoId, language: availability.language }, 'automatic captions requested');
  return (await findAsrRun(deps.db, videoId))!;
}

export async function readAsrProgress(deps: CaptionsDeps, actor: Actor, videoId: string): Promise<{ run: AsrRun | undefined; availability: AsrAvailability }> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'caption.edit', resource);
  return { run: await findAsrRun(deps.db, videoId), availability: asrAvailability(deps, video.language) };
}

/**
 * Called (as the system) after a video is published. Queues speech recognition when the settings allow
 * it, no track in the video's language exists, and an engine supports the language. A language without
 * an engine is recorded as 'unsupported', so the captions page says why there is no draft.
 */
export async function enqueueAsrOnPublish(deps: CaptionsDeps, video: Video): Promise<'queued' | 'skipped' | 'unsupported'> {
  const [site, course, track] = await Promise.all([loadAsrSitePolicy(deps.db), findCourseAsrSetting(deps.db, video.home_course_id), findTrack(deps.db, video.id, video.language)]);
  if (!shouldRunAsrOnPublish({ site, course, isVideoOptedOut: video.asr_opt_out, hasTrackInLanguage: track !== undefined })) return 'skipped';
  const availability = asrAvailability(deps, video.language);
  if (!availability.isAvailable) {
    if (availability.reason === 'no_engine' && (await queueAsrRun(deps.db, { videoId: video.id, language: availability.language, requestedBy: null, now: deps.now() }))) {
      const errorMessage = new AsrUnavailableError(availability).message;
      await finishAsrRun(deps.db, { videoId: video.id, status: 'unsupported', errorCode: 'speech_language_unsupported', errorMessage, now: deps.now() });
    }
    return 'unsupported';
  }
  return (await enqueue(deps, { video, language: availability.language, requestedBy: null })) ? 'queued' : 'skipped';
}

/** The videos feature's after-publish hook: a failure to queue is logged, never undoes the publication. */
export function asrOnPublishHook(deps: CaptionsDeps): (video: Video) => Promise<void> {
  return async (video) => {
    try {
      const outcome = await enqueueAsrOnPublish(deps, video);
      deps.log.info({ videoId: video.id, outcome }, 'automatic captions on publish');
    } catch (err) {
      deps.log.error({ err, videoId: video.id }, 'automatic captions could not be queued on publish');
    }
  };
}
