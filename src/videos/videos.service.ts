// Video use cases. Each starts with authorize(actor, action, resource); the resource's course is the
// actor's own course when the video is shown there, so a teacher manages what their course shows.
import { authorize } from '../auth/authorize.js';
import { isAllowed, type Actor, type Resource } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { AppError, BadRequestError, NotFoundError, PayloadTooLargeError } from '../http/errors.js';
import { assertVideoAttested, auditAttestation, checkConfirmedVersion } from '../governance/attestation-checks.js';
import type { CurrentAttestation } from '../governance/attestation-current.js';
import { findTakedown } from '../governance/moderation.repo.js';
import { editorIdsByVideo, listEditorIds } from '../governance/ownership.repo.js';
import { assertTransition } from './video-status.js';
import { findVideo, insertVideo, isVideoInCourse, listCourseVideos, sumOwnerSourceBytes, transitionVideo, trashVideo, updateVideoDetails, type Video } from './videos.repo.js';
import type { VideoLanguage, VideoStatus } from './videos.tables.js';
import { recordAudit } from '../governance/audit.js';

export type UploadLimits = { maxUploadBytes: number; userQuotaBytes: number };
export type VideosDeps = {
  db: Db;
  now: () => Date;
  limits: UploadLimits;
  /** The rights-and-consent statement uploads confirm now (src/governance/attestation-current.ts). */
  attestation: CurrentAttestation;
  /** Runs after a publication is committed (automatic captions, src/captions/asr.service.ts); must not throw. */
  onPublished?: (video: Video) => Promise<void>;
  /** Tells this process's media block list at once that a video went to the trash (its media links stop). */
  onTrashChanged?: (videoId: string, isTrashed: boolean) => void;
};

export type VideoAccess = { video: Video; resource: Extract<Resource, { kind: 'video' }> };

/** Loads a video for an actor; trashed and unknown videos are simply not found. */
export async function loadVideoAccess(db: Db, actor: Actor, videoId: string): Promise<VideoAccess> {
  const video = await findVideo(db, videoId);
  if (!video || video.trashed_at) throw new NotFoundError('No such video');
  const actorCourse = actor.kind === 'user' ? actor.course?.courseId : undefined;
  const shownInActorCourse = actorCourse !== undefined && (actorCourse === video.home_course_id || (await isVideoInCourse(db, video.id, actorCourse)));
  const courseId = shownInActorCourse ? actorCourse : video.home_course_id;
  return { video, resource: { kind: 'video', courseId, ownerId: video.owner_id, editorIds: await listEditorIds(db, video.id) } };
}

/**
 * Who may watch: anyone with video.view in a course that shows the video (unpublished ones only for
 * those who may see unpublished), or the holder of an embed session naming exactly this video.
 */
export async function loadWatchableVideo(db: Db, actor: Actor, videoId: string, embedVideoId?: string): Promise<VideoAccess> {
  const access = await loadVideoAccess(db, actor, videoId);
  const isEmbedGrant = embedVideoId === videoId && actor.kind === 'user';
  if (!isEmbedGrant) authorize(actor, 'video.view', access.resource);
  if (access.video.status !== 'published') authorize(actor, 'video.viewUnpublished', access.resource);
  await assertNotTakenDown(db, actor, access);
  return access;
}

/** A video hidden by a moderator (src/governance/moderation*) plays nowhere; those who may edit it learn why. */
export class VideoTakenDownError extends AppError {
  constructor(reason: string | undefined) {
    const why = reason ? `A moderator hid this video after a report. The reason given: ${reason}` : 'A moderator hid this video after a report.';
    super('video_taken_down', 403, why, 'moderation.takenDown');
  }
}

async function assertNotTakenDown(db: Db, actor: Actor, access: VideoAccess): Promise<void> {
  const takedown = await findTakedown(db, access.video.id);
  if (takedown) throw new VideoTakenDownError(isAllowed(actor, 'video.edit', access.resource) ? takedown.reason : undefined);
}

export type LibraryItem = Video & { owner_name: string; can: { edit: boolean; publish: boolean; delete: boolean } };

export async function listLibrary(deps: VideosDeps, actor: Actor, courseId: string, filter: { search?: string; status?: VideoStatus }): Promise<{ items: LibraryItem[]; canUpload: boolean; canSeeUnpublished: boolean }> {
  const course = { kind: 'course', courseId } as const;
  authorize(actor, 'course.view', course);
  const canSeeUnpublished = isAllowed(actor, 'video.viewUnpublished', course);
  const rows = await listCourseVideos(deps.db, { courseId, onlyPublished: !canSeeUnpublished, search: filter.search, status: canSeeUnpublished ? filter.status : undefined });
  const editors = await editorIdsByVideo(deps.db, rows.map((v) => v.id));
  const items = rows.map((v) => {
    const r = { kind: 'video', courseId, ownerId: v.owner_id, editorIds: editors.get(v.id) ?? [] } as const;
    return { ...v, can: { edit: isAllowed(actor, 'video.edit', r), publish: isAllowed(actor, 'video.publish', r), delete: isAllowed(actor, 'video.delete', r) } };
  });
  return { items, canUpload: isAllowed(actor, 'video.upload', course), canSeeUnpublished };
}

export type NewUpload = { courseId: string; title: string; description: string; language: VideoLanguage; fileName: string; fileBytes: number; attestsRightsAndConsent: boolean; attestationVersion?: string };

export async function createUpload(deps: VideosDeps, actor: Actor, input: NewUpload): Promise<Video> {
  authorize(actor, 'video.upload', { kind: 'course', courseId: input.courseId });
  if (actor.kind !== 'user') throw new BadRequestError('Only a person can upload');
  if (!input.attestsRightsAndConsent)
    throw new BadRequestError('Confirm that you hold the rights to this recording and that everyone who appears in it has consented', undefined, 'attestation_required');
  const statementVersion = await checkConfirmedVersion(deps.attestation, input.attestationVersion);
  if (input.fileBytes > deps.limits.maxUploadBytes)
    throw new PayloadTooLargeError(`The file is ${formatBytes(input.fileBytes)}; the largest allowed upload is ${formatBytes(deps.limits.maxUploadBytes)}`);
  const used = await sumOwnerSourceBytes(deps.db, actor.userId);
  if (used + input.fileBytes > deps.limits.userQuotaBytes)
    throw new PayloadTooLargeError(`This upload would take you over your storage quota of ${formatBytes(deps.limits.userQuotaBytes)} (${formatBytes(used)} used)`);
  const userId = actor.userId;
  return deps.db.transaction().execute(async (trx) => {
    const video = await insertVideo(trx, {
      ownerId: userId,
      homeCourseId: input.courseId,
      title: input.title,
      description: input.description,
      language: input.language,
      sourceName: input.fileName,
      sourceBytes: input.fileBytes,
      statementVersion,
    });
    await recordAudit(trx, { action: 'video.uploaded', actorId: userId, subject: { kind: 'video', id: video.id }, details: { courseId: input.courseId, fileName: input.fileName, fileBytes: input.fileBytes, statementVersion } });
    await auditAttestation(trx, { videoId: video.id, userId, version: statementVersion });
    return video;
  });
}

export async function updateDetails(deps: VideosDeps, actor: Actor, videoId: string, d: { title: string; description: string; language: VideoLanguage; allowDownload: boolean; asrOptOut?: boolean }): Promise<Video> {
  const { resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'video.edit', resource);
  const updated = await updateVideoDetails(deps.db, videoId, d);
  if (!updated) throw new NotFoundError('No such video');
  return updated;
}

export async function setPublished(deps: VideosDeps, actor: Actor, videoId: string, publish: boolean): Promise<Video> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'video.publish', resource);
  const to: VideoStatus = publish ? 'published' : 'ready';
  assertTransition(video.status, to);
  if (publish) await assertVideoAttested(deps.db, videoId);
  const now = deps.now();
  // Publication counts as a view for retention, so a new, unwatched video is not trashed early.
  const extra = publish ? { published_at: now, last_viewed_at: video.last_viewed_at && video.last_viewed_at > now ? video.last_viewed_at : now } : {};
  const published = await deps.db.transaction().execute(async (trx) => {
    const updated = await transitionVideo(trx, videoId, video.status, to, extra);
    if (!updated) throw new BadRequestError('The video changed meanwhile; reload and try again', undefined, 'stale_video');
    await recordAudit(trx, { action: publish ? 'video.published' : 'video.unpublished', actorId: actor.kind === 'user' ? actor.userId : null, subject: { kind: 'video', id: videoId }, details: { from: video.status } });
    return updated;
  });
  if (publish) await deps.onPublished?.(published);
  return published;
}

/** Deleting moves the video to the trash; the lifecycle feature restores or purges it. */
export async function deleteToTrash(deps: VideosDeps, actor: Actor, videoId: string): Promise<void> {
  const { resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'video.delete', resource);
  await trashVideo(deps.db, videoId, deps.now());
  deps.onTrashChanged?.(videoId, true);
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
