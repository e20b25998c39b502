// Use cases of the browser recorder. A recording becomes a video through the upload's own use case
// (createUpload: the same permission, attestation, size and quota rules) and then the same tus upload
// and processing; the recorder adds only what it knows: layout, measured length, trim, recovery.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { findCourseById } from '../courses/courses.repo.js';
import type { Db } from '../db/database.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { createUpload, type VideosDeps } from '../videos/videos.service.js';
import type { Video } from '../videos/videos.repo.js';
import type { VideoLanguage } from '../videos/videos.tables.js';
import { insertRecording, removeUnstartedVideo } from './recordings.repo.js';
import type { RecordingLayout } from './recorder.tables.js';
import { checkTrim } from './recording-trim.js';

/** Upper bound of the recorder's maximum-length setting, in minutes (it is also a sanity check on recordedMs). */
export const MAX_RECORDING_MINUTES = 240;

export type NewRecordingInput = {
  courseId: string;
  title: string;
  description: string;
  language: VideoLanguage;
  fileBytes: number;
  mimeType: string;
  attestsRightsAndConsent: boolean;
  attestationVersion?: string | undefined;
  layout: RecordingLayout;
  recordedMs: number;
  trimStartMs?: number | undefined;
  trimEndMs?: number | undefined;
  isRecovered: boolean;
};

/** Only those who may upload to the course may open its recorder; the recording goes to that course. */
export async function openRecorder(db: Db, actor: Actor, courseId: string): Promise<{ courseTitle: string }> {
  authorize(actor, 'video.upload', { kind: 'course', courseId });
  const course = await findCourseById(db, courseId);
  if (!course) throw new NotFoundError('No such course');
  return { courseTitle: course.title };
}

/** The name the stored source gets: the container follows the browser's MIME type. */
export function recordingFileName(mimeType: string, now: Date): string {
  const ext = /^(video|audio)\/mp4/.test(mimeType) ? 'mp4' : 'webm';
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `recording-${stamp}.${ext}`;
}

/**
 * Creates the video waiting for the recording's bytes, and the recording's row. The trim is checked
 * first, so a refusal leaves nothing behind; if the row cannot be written, the new video is removed.
 */
export async function createRecording(deps: VideosDeps & { log: Logger }, actor: Actor, input: NewRecordingInput): Promise<Video> {
  authorize(actor, 'video.upload', { kind: 'course', courseId: input.courseId });
  const checked = checkTrim(input);
  if (!checked.ok) throw new BadRequestError(checked.message, undefined, 'recording_trim_invalid');
  const video = await createUpload(deps, actor, { ...input, fileName: recordingFileName(input.mimeType, deps.now()) });
  try {
    await insertRecording(deps.db, { videoId: video.id, layout: input.layout, recordedMs: input.recordedMs, trim: checked.trim, isRecovered: input.isRecovered });
  } catch (err) {
    deps.log.error({ err, videoId: video.id }, 'recording row not written; removing its new video');
    await removeUnstartedVideo(deps.db, video.id);
    throw err;
  }
  return video;
}
