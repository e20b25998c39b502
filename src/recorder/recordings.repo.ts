// SQL of browser recordings (migration 070).
import type { Db } from '../db/database.js';
import type { RecordingLayout } from './recorder.tables.js';
import type { Trim } from './recording-trim.js';

export type NewRecording = { videoId: string; layout: RecordingLayout; recordedMs: number; trim: Trim | null; isRecovered: boolean };

export async function insertRecording(db: Db, r: NewRecording): Promise<void> {
  await db
    .insertInto('recordings')
    .values({
      video_id: r.videoId,
      layout: r.layout,
      recorded_ms: r.recordedMs,
      trim_start_ms: r.trim?.startMs ?? 0,
      trim_end_ms: r.trim?.endMs ?? null,
      is_recovered: r.isRecovered,
    })
    .execute();
}

/** What processing must do first for a video that came from the recorder; null when it did not. */
export async function findRecordingProcessing(db: Db, videoId: string): Promise<{ trim: Trim | null; isRecovered: boolean } | null> {
  const row = await db.selectFrom('recordings').select(['trim_start_ms', 'trim_end_ms', 'is_recovered']).where('video_id', '=', videoId).executeTakeFirst();
  if (!row) return null;
  const isCut = row.trim_start_ms > 0 || row.trim_end_ms !== null;
  return { trim: isCut ? { startMs: row.trim_start_ms, endMs: row.trim_end_ms } : null, isRecovered: row.is_recovered };
}

/** Undoes a video created a moment ago whose recording row could not be written (no bytes were sent yet). */
export async function removeUnstartedVideo(db: Db, videoId: string): Promise<void> {
  await db.deleteFrom('videos').where('id', '=', videoId).where('status', '=', 'uploading').execute();
}
