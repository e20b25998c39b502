// SQL of view recording: one row per playback session (viewId from the player), upserted.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ViewsTable } from './videos.tables.js';

export type ViewRow = Selectable<ViewsTable>;

export async function findView(db: Db, id: string): Promise<ViewRow | undefined> {
  return db.selectFrom('views').selectAll().where('id', '=', id).executeTakeFirst();
}

export type ViewWrite = {
  id: string;
  videoId: string;
  userId: string;
  courseId: string | null;
  positionSeconds: number;
  watchedSeconds: number;
  isQualifying: boolean;
  isEnd: boolean;
  now: Date;
};

/**
 * Inserts the view or updates it; watched seconds and qualification only grow. The update only
 * applies to the same viewer's view of the same video, so a guessed viewId changes nothing.
 */
export async function upsertView(db: Db, v: ViewWrite): Promise<ViewRow | undefined> {
  return db
    .insertInto('views')
    .values({
      id: v.id, video_id: v.videoId, user_id: v.userId, course_id: v.courseId, started_at: v.now, last_event_at: v.now,
      ended_at: v.isEnd ? v.now : null, position_seconds: v.positionSeconds, watched_seconds: v.watchedSeconds, is_qualifying: v.isQualifying,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          last_event_at: v.now,
          position_seconds: v.positionSeconds,
          watched_seconds: sql`greatest(views.watched_seconds, excluded.watched_seconds)`,
          is_qualifying: sql`views.is_qualifying or excluded.is_qualifying`,
          ended_at: v.isEnd ? v.now : sql`views.ended_at`,
        })
        .where('views.video_id', '=', v.videoId)
        .where('views.user_id', '=', v.userId),
    )
    .returningAll()
    .executeTakeFirst();
}

/** A qualifying view keeps the video alive for retention (ARCHITECTURE: policies as code). */
export async function touchLastViewed(db: Db, videoId: string, now: Date): Promise<void> {
  await db
    .updateTable('videos')
    .set({ last_viewed_at: sql`greatest(coalesce(last_viewed_at, ${now}), ${now})` })
    .where('id', '=', videoId)
    .execute();
}
