// SQL of the speech-recognition run of a video (caption_asr_runs: the latest run only) and the few facts
// the ASR use cases need about a video and its course.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AsrRunStatus } from './captions.tables.js';

export type AsrRun = {
  videoId: string;
  language: string;
  status: AsrRunStatus;
  percent: number;
  engine: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestedAt: Date;
  finishedAt: Date | null;
};

export async function findAsrRun(db: Db, videoId: string): Promise<AsrRun | undefined> {
  const r = await db.selectFrom('caption_asr_runs').selectAll().where('video_id', '=', videoId).executeTakeFirst();
  if (!r) return undefined;
  return {
    videoId: r.video_id,
    language: r.language,
    status: r.status,
    percent: r.percent,
    engine: r.engine,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    requestedAt: r.requested_at,
    finishedAt: r.finished_at,
  };
}

/**
 * Starts a new run (queued), replacing the previous one's outcome. Returns false when a run is already
 * queued or running for the video: one request at a time, so double clicks do not queue two jobs.
 */
export async function queueAsrRun(db: Db, r: { videoId: string; language: string; requestedBy: string | null; now: Date }): Promise<boolean> {
  const fresh = { language: r.language, status: 'queued' as const, percent: 0, engine: null, error_code: null, error_message: null, requested_by: r.requestedBy, requested_at: r.now, started_at: null, finished_at: null };
  const row = await db
    .insertInto('caption_asr_runs')
    .values({ video_id: r.videoId, ...fresh })
    .onConflict((oc) => oc.column('video_id').doUpdateSet(fresh).where('caption_asr_runs.status', 'not in', ['queued', 'running']))
    .returning('video_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A queued run that never got its job (the enqueue failed) is put back, so a later request can queue again. */
export async function deleteQueuedAsrRun(db: Db, videoId: string): Promise<void> {
  await db.deleteFrom('caption_asr_runs').where('video_id', '=', videoId).where('status', '=', 'queued').execute();
}

export async function markAsrRunning(db: Db, r: { videoId: string; engine: string | null; now: Date }): Promise<void> {
  await db.updateTable('caption_asr_runs').set({ status: 'running', engine: r.engine, percent: 5, started_at: r.now, error_code: null, error_message: null }).where('video_id', '=', r.videoId).execute();
}

export async function setAsrPercent(db: Db, videoId: string, percent: number): Promise<void> {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  await db.updateTable('caption_asr_runs').set({ percent: p }).where('video_id', '=', videoId).where('status', '=', 'running').execute();
}

export async function finishAsrRun(db: Db, r: { videoId: string; status: Exclude<AsrRunStatus, 'queued' | 'running'>; errorCode?: string; errorMessage?: string; now: Date }): Promise<void> {
  await db
    .updateTable('caption_asr_runs')
    .set({ status: r.status, percent: r.status === 'done' ? 100 : sql<number>`percent`, error_code: r.errorCode ?? null, error_message: r.errorMessage ?? null, finished_at: r.now })
    .where('video_id', '=', r.videoId)
    .execute();
}

/** Puts a run whose attempt failed (and will be retried by the queue) back to queued. */
export async function requeueAsrRun(db: Db, videoId: string): Promise<void> {
  await db.updateTable('caption_asr_runs').set({ status: 'queued', percent: 0 }).where('video_id', '=', videoId).where('status', '=', 'running').execute();
}

/** courses.asr_on_publish of the video's home course (null: follow the site). */
export async function findCourseAsrSetting(db: Db, courseId: string): Promise<boolean | null> {
  const row = await db.selectFrom('courses').select('asr_on_publish').where('id', '=', courseId).executeTakeFirst();
  return row?.asr_on_publish ?? null;
}
