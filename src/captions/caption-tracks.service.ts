// A video's caption tracks for its captions page, and the tracks the player offers. Seeing the page
// needs video.view (learners see which captions exist); changing captions needs caption.edit.
import { chooseRecognizer } from '../adapters/speech/choose-recognizer.js';
import { isAllowed, type Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { MediaDeps } from '../media-deps.js';
import type { Video } from '../videos/videos.repo.js';
import { loadWatchableVideo } from '../videos/videos.service.js';
import { findAsrRun, type AsrRun } from './asr-runs.repo.js';
import { listTracks, type CaptionTrack } from './captions.repo.js';

export type CaptionsDeps = { db: Db; now: () => Date; queue: JobSender; log: Logger; media: Pick<MediaDeps, 'speech' | 'mediaTokenKey'> };

/** Can speech recognition caption this video's language here? */
export type AsrAvailability = { isAvailable: true; language: string } | { isAvailable: false; reason: 'other_language' | 'no_engine'; language: string };

export type CaptionTracksPage = {
  video: Video;
  courseId: string;
  tracks: CaptionTrack[];
  canEdit: boolean;
  canExempt: boolean;
  asr: { run: AsrRun | undefined; availability: AsrAvailability } | undefined;
};

export function asrAvailability(deps: Pick<CaptionsDeps, 'media'>, videoLanguage: string): AsrAvailability {
  if (videoLanguage === 'other') return { isAvailable: false, reason: 'other_language', language: videoLanguage };
  const choice = chooseRecognizer(videoLanguage, deps.media.speech);
  return choice.recognizer ? { isAvailable: true, language: choice.language } : { isAvailable: false, reason: 'no_engine', language: choice.language };
}

export async function showCaptionTracks(deps: CaptionsDeps, actor: Actor, o: { videoId: string; embedVideoId?: string }): Promise<CaptionTracksPage> {
  const { video, resource } = await loadWatchableVideo(deps.db, actor, o.videoId, o.embedVideoId);
  const canEdit = isAllowed(actor, 'caption.edit', resource);
  const tracks = await listTracks(deps.db, video.id);
  const asr = canEdit ? { run: await findAsrRun(deps.db, video.id), availability: asrAvailability(deps, video.language) } : undefined;
  return { video, courseId: resource.courseId, tracks, canEdit, canExempt: isAllowed(actor, 'caption.exempt', resource), asr };
}
