// SQL of "My recordings": a person's live videos in every course (owned and co-edited), newest first,
// paged by keyset; and what each row shows beside it (caption tracks, exemptions, placements).
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { CaptionTrackSummary } from '../captions/caption-deadline.js';
import type { VideoLanguage, VideoStatus } from './videos.tables.js';

/** Keyset position: created_at with microseconds (as PostgreSQL keeps it), then the id. */
export type RecordingsCursor = { createdAt: string; id: string };

export type RecordingRow = {
  id: string;
  title: string;
  status: VideoStatus;
  language: VideoLanguage;
  ownerId: string;
  homeCourseId: string;
  courseTitle: string;
  createdAt: Date;
  publishedAt: Date | null;
  lastViewedAt: Date | null;
  retainUntil: Date | null;
  trashWarningSentAt: Date | null;
  trashWarningFor: Date | null;
  isOnLegalHold: boolean;
  cursor: RecordingsCursor;
};

/** One page (limit rows, and one more to tell whether there is a next page). */
export async function listRecordingsPage(db: Db, o: { userId: string; after?: RecordingsCursor; limit: number }): Promise<RecordingRow[]> {
  let q = db
    .selectFrom('videos as v')
    .innerJoin('courses as c', 'c.id', 'v.home_course_id')
    .select(['v.id', 'v.title', 'v.status', 'v.language', 'v.owner_id', 'v.home_course_id', 'c.title as course_title', 'v.created_at', 'v.published_at', 'v.last_viewed_at', 'v.retain_until', 'v.trash_warning_sent_at', 'v.trash_warning_for'])
    .select(sql<string>`to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_key'))
    .select((eb) => eb.or([eb('v.legal_hold', '=', true), eb.exists(eb.selectFrom('owner_legal_holds as h').select('h.owner_id').whereRef('h.owner_id', '=', 'v.owner_id'))]).as('on_hold'))
    .where('v.trashed_at', 'is', null)
    .where((eb) => eb.or([eb('v.owner_id', '=', o.userId), eb.exists(eb.selectFrom('video_editors as e').select('e.video_id').whereRef('e.video_id', '=', 'v.id').where('e.user_id', '=', o.userId))]));
  if (o.after) q = q.where(sql<boolean>`(v.created_at, v.id) < (${o.after.createdAt}::timestamptz, ${o.after.id}::uuid)`);
  const rows = await q.orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').limit(o.limit + 1).execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    language: r.language,
    ownerId: r.owner_id,
    homeCourseId: r.home_course_id,
    courseTitle: r.course_title,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    lastViewedAt: r.last_viewed_at,
    retainUntil: r.retain_until,
    trashWarningSentAt: r.trash_warning_sent_at,
    trashWarningFor: r.trash_warning_for,
    isOnLegalHold: Boolean(r.on_hold),
    cursor: { createdAt: r.created_key, id: r.id },
  }));
}

export type CaptionFacts = { tracks: CaptionTrackSummary[]; hasTextAlternative: boolean; isExempt: boolean };

/** Caption tracks, text alternatives and exemptions of the listed videos, read in three indexed queries. */
export async function captionFactsByVideo(db: Db, videoIds: readonly string[]): Promise<Map<string, CaptionFacts>> {
  const facts = new Map<string, CaptionFacts>(videoIds.map((id) => [id, { tracks: [], hasTextAlternative: false, isExempt: false }]));
  if (videoIds.length === 0) return facts;
  const [tracks, alternatives, exemptions] = await Promise.all([
    db.selectFrom('caption_tracks').select(['video_id', 'language', 'source', 'reviewed_at']).where('video_id', 'in', videoIds).execute(),
    db.selectFrom('caption_text_alternatives').select('video_id').where('video_id', 'in', videoIds).execute(),
    db.selectFrom('caption_exemptions').select('video_id').where('video_id', 'in', videoIds).execute(),
  ]);
  for (const t of tracks) facts.get(t.video_id)?.tracks.push({ language: t.language, source: t.source, isReviewed: t.reviewed_at !== null });
  for (const a of alternatives) facts.get(a.video_id)!.hasTextAlternative = true;
  for (const e of exemptions) facts.get(e.video_id)!.isExempt = true;
  return facts;
}

/** Which of the videos a course shows by placement (Deep Linking), for an actor launched in that course. */
export async function placedInCourse(db: Db, videoIds: readonly string[], courseId: string): Promise<Set<string>> {
  if (videoIds.length === 0) return new Set();
  const rows = await db.selectFrom('video_placements').select('video_id').where('video_id', 'in', videoIds).where('course_id', '=', courseId).execute();
  return new Set(rows.map((r) => r.video_id));
}
