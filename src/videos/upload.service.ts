// Use cases of the resumable upload around the tus protocol: who may send bytes for a video, whether the
// announced length is the one agreed at createUpload, and what happens when the last byte arrives.
import type { Readable } from 'node:stream';
import type { Actor } from '../auth/permissions.js';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import type { Db } from '../db/database.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnauthenticatedError } from '../http/errors.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { processVideoJob } from './process-video.job.js';
import { assertTransition } from './video-status.js';
import { findVideo, transitionVideo, type Video } from './videos.repo.js';
import { formatBytes, type UploadLimits } from './videos.service.js';
import { sql } from 'kysely';

/** The part of a tus data store that finishing an upload needs (FileStore and S3Store both have it). */
export type UploadSource = { read(id: string): Readable | Promise<Readable>; remove(id: string): Promise<void> };

const MAX_NAME_LENGTH = 120;

/**
 * A file name that is safe as the last segment of a blob key: no folders, no leading dots, only
 * A-Z a-z 0-9 _ - . (accents are folded, anything else becomes "_"), and at most 120 characters.
 */
export function safeSourceName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const folded = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let safe = folded
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^[._]+/, '');
  if (safe.length > MAX_NAME_LENGTH) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(safe)?.[0] ?? '';
    safe = safe.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return safe === '' || /^\.+$/.test(safe) ? 'source' : safe;
}

export function sourceKeyOf(videoId: string, fileName: string | null | undefined): string {
  return `videos/${videoId}/source/${safeSourceName(fileName)}`;
}

/**
 * Only the owner may send bytes for a video, and only while it is still waiting for them. A write
 * (PATCH) counts as progress for the abandoned-upload sweep.
 */
export async function admitUploadRequest(db: Db, actor: Actor, videoId: string, opts: { isWrite: boolean }): Promise<Video> {
  if (actor.kind !== 'user') throw new UnauthenticatedError('Not signed in: open Luento from your course again and resume the upload');
  const video = await findVideo(db, videoId);
  if (!video || video.trashed_at) throw new NotFoundError('No upload is waiting for this video; start the upload again from the upload page');
  if (video.owner_id !== actor.userId) throw new ForbiddenError('Only the person who started this upload can continue it', 'not_upload_owner');
  if (video.status !== 'uploading') throw new ConflictError('This video has already been uploaded; it is no longer waiting for a file', 'upload_already_finished');
  if (opts.isWrite) await recordUploadProgress(db, videoId);
  return video;
}

/** The announced Upload-Length must be the size given when the upload was started (which the quota counted). */
export function checkDeclaredLength(video: Video, declared: number | undefined, limits: UploadLimits): void {
  if (declared === undefined || !Number.isSafeInteger(declared)) throw new BadRequestError('The upload must announce its length (Upload-Length)', undefined, 'upload_length_required');
  if (declared > limits.maxUploadBytes)
    throw new PayloadTooLargeError(`The file is ${formatBytes(declared)}; the largest allowed upload is ${formatBytes(limits.maxUploadBytes)}`);
  const expected = Number(video.source_bytes);
  if (declared !== expected)
    throw new BadRequestError(`This file is ${declared} bytes, but the upload was started for a file of ${expected} bytes; choose the same file or start again`, undefined, 'upload_length_mismatch');
}

/** Called while bytes arrive, so the abandoned-upload sweep measures time without progress. */
export async function recordUploadProgress(db: Db, videoId: string): Promise<void> {
  await db.updateTable('videos').set({ updated_at: sql`now()` }).where('id', '=', videoId).where('status', '=', 'uploading').execute();
}

export type FinishDeps = { db: Db; blobStore: BlobStore; queue: JobSender; log: Logger };

/**
 * The last byte arrived: the file goes into the BlobStore, the video moves to processing and the
 * processing job is queued; the tus copy is removed. Probing the media is the job's work, not ours.
 */
export async function finishUpload(deps: FinishDeps, source: UploadSource, upload: { id: string; fileName: string | null | undefined }): Promise<Video> {
  const video = await findVideo(deps.db, upload.id);
  if (!video) throw new NotFoundError('The video of this upload no longer exists');
  assertTransition(video.status, 'processing');
  const key = sourceKeyOf(video.id, upload.fileName ?? video.source_name);
  await deps.blobStore.put(key, { stream: await source.read(upload.id) });
  const moved = await transitionVideo(deps.db, video.id, 'uploading', 'processing', { source_key: key, processing_percent: 0, failure_code: null, failure_message: null });
  if (!moved) {
    await deps.blobStore.delete(key);
    throw new ConflictError('The video changed while its upload finished; start the upload again', 'stale_video');
  }
  try {
    await deps.queue.send(processVideoJob, { videoId: video.id });
  } catch (err) {
    // The bytes are safe in storage: the owner sees the failure and the library's retry queues it again.
    deps.log.error({ err, videoId: video.id }, 'could not queue processing of an uploaded video');
    await transitionVideo(deps.db, video.id, 'processing', 'failed', { failure_code: 'queue_unavailable', failure_message: 'Processing could not be started; try again' });
  }
  await source.remove(upload.id).catch((err: unknown) => deps.log.warn({ err, videoId: video.id }, 'the finished tus upload could not be removed'));
  deps.log.info({ videoId: video.id, key, bytes: video.source_bytes }, 'upload finished');
  return moved;
}
