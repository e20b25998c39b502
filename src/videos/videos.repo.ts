// SQL of the videos feature. Returns typed objects; transactions are passed in explicitly.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { StoredRendition, VideoLanguage, VideoStatus, VideosTable } from './videos.tables.js';

export type Video = Selectable<VideosTable>;

export async function insertVideo(
  db: Db,
  v: { ownerId: string; homeCourseId: string; title: string; description: string; language: VideoLanguage; sourceName: string; sourceBytes: number; statementVersion: string },
): Promise<Video> {
  // Joins the caller's transaction when there is one, so an audit event commits with this change.
  const run = <T>(fn: (t: Db) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return run(async (tx) => {
    const video = await tx
      .insertInto('videos')
      .values({
        owner_id: v.ownerId,
        home_course_id: v.homeCourseId,
        title: v.title,
        description: v.description,
        language: v.language,
        source_name: v.sourceName,
        source_bytes: v.sourceBytes,
        source_key: null,
        duration_seconds: null,
        width: null,
        height: null,
        failure_code: null,
        failure_message: null,
        published_at: null,
        last_viewed_at: null,
        retain_until: null,
        trashed_at: null,
        trash_warning_sent_at: null,
        trash_warning_for: null,
        purge_warning_sent_at: null,
        purge_warning_for: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.insertInto('video_attestations').values({ video_id: video.id, user_id: v.ownerId, statement_version: v.statementVersion }).execute();
    return video;
  });
}

export async function findVideo(db: Db, id: string): Promise<Video | undefined> {
  // Ids come from URLs: anything that is not a uuid simply is not found (instead of a SQL error).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Is the video shown in this course (its home, or placed there by Deep Linking)? */
export async function isVideoInCourse(db: Db, videoId: string, courseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('videos')
    .select('id')
    .where('id', '=', videoId)
    .where((eb) =>
      eb.or([
        eb('home_course_id', '=', courseId),
        eb.exists(eb.selectFrom('video_placements').select('video_id').whereRef('video_placements.video_id', '=', 'videos.id').where('course_id', '=', courseId)),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export type VideoListFilter = { courseId: string; onlyPublished: boolean; search?: string; status?: VideoStatus; limit?: number };

export async function listCourseVideos(db: Db, f: VideoListFilter): Promise<Array<Video & { owner_name: string }>> {
  let q = db
    .selectFrom('videos')
    .innerJoin('users', 'users.id', 'videos.owner_id')
    .selectAll('videos')
    .select('users.name as owner_name')
    .where('videos.trashed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('videos.home_course_id', '=', f.courseId),
        eb.exists(eb.selectFrom('video_placements').select('video_id').whereRef('video_placements.video_id', '=', 'videos.id').where('course_id', '=', f.courseId)),
      ]),
    );
  if (f.onlyPublished) q = q.where('videos.status', '=', 'published');
  if (f.status) q = q.where('videos.status', '=', f.status);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('videos.title', 'ilike', like), eb('videos.description', 'ilike', like)]));
  }
  return q.orderBy('videos.created_at', 'desc').limit(f.limit ?? 200).execute();
}

export async function listOwnedVideos(db: Db, ownerId: string, limit = 200): Promise<Video[]> {
  return db.selectFrom('videos').selectAll().where('owner_id', '=', ownerId).where('trashed_at', 'is', null).orderBy('created_at', 'desc').limit(limit).execute();
}

/** Moves a video from one status to another only if it is still in the expected one (no lost updates). */
export async function transitionVideo(db: Db, id: string, from: VideoStatus | readonly VideoStatus[], to: VideoStatus, extra: Partial<Record<keyof VideosTable, unknown>> = {}): Promise<Video | undefined> {
  const froms = Array.isArray(from) ? from : [from as VideoStatus];
  return db
    .updateTable('videos')
    .set({ ...(extra as object), status: to, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', froms)
    .returningAll()
    .executeTakeFirst();
}

export async function updateVideoDetails(db: Db, id: string, d: { title: string; description: string; language: VideoLanguage; allowDownload: boolean; asrOptOut?: boolean }): Promise<Video | undefined> {
  return db
    .updateTable('videos')
    .set({ title: d.title, description: d.description, language: d.language, allow_download: d.allowDownload, ...(d.asrOptOut === undefined ? {} : { asr_opt_out: d.asrOptOut }), updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function setProcessingPercent(db: Db, id: string, percent: number): Promise<void> {
  await db.updateTable('videos').set({ processing_percent: Math.max(0, Math.min(100, Math.round(percent))) }).where('id', '=', id).where('status', '=', 'processing').execute();
}

export async function recordProcessed(db: Db, id: string, r: { durationSeconds: number; width: number | null; height: number | null; isAudioOnly: boolean; renditions: StoredRendition[] }): Promise<Video | undefined> {
  return transitionVideo(db, id, 'processing', 'ready', {
    duration_seconds: r.durationSeconds,
    width: r.width,
    height: r.height,
    is_audio_only: r.isAudioOnly,
    renditions: JSON.stringify(r.renditions),
    processing_percent: 100,
    failure_code: null,
    failure_message: null,
  });
}

export async function sumOwnerSourceBytes(db: Db, ownerId: string): Promise<number> {
  const row = await db.selectFrom('videos').select(sql<string>`coalesce(sum(source_bytes), 0)`.as('total')).where('owner_id', '=', ownerId).executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function trashVideo(db: Db, id: string, now: Date): Promise<Video | undefined> {
  return db.updateTable('videos').set({ trashed_at: now, updated_at: sql`now()` }).where('id', '=', id).where('trashed_at', 'is', null).returningAll().executeTakeFirst();
}

export async function placeVideo(db: Db, p: { videoId: string; courseId: string; placedBy: string | null }): Promise<void> {
  await db.insertInto('video_placements').values({ video_id: p.videoId, course_id: p.courseId, placed_by: p.placedBy }).onConflict((oc) => oc.doNothing()).execute();
}
