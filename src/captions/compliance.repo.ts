// SQL of the caption compliance reports and the reminder sweep. The caption state of each published
// video is computed in SQL (mirroring captionStatus in caption-deadline.ts) only to filter, count, sort
// and page; what a row shows is decided by the pure captionCompliance from the rows read here.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { CaptionSubject, CaptionStatus } from './caption-deadline.js';
import type { CaptionSource } from './captions.tables.js';

const DAY_MS = 86_400_000;

export type ComplianceScope = { courseId?: string; ownerId?: string };
export type ComplianceFilter = ComplianceScope & { status?: CaptionStatus; isOverdueOnly?: boolean };
/** Keyset position: satisfied videos sort after the rest; then by publication (oldest deadline first). */
export type ComplianceCursor = { isSatisfied: boolean; publishedAt: string; id: string };

export type ComplianceVideoRow = {
  id: string;
  title: string;
  language: string;
  publishedAt: Date;
  ownerId: string;
  ownerName: string;
  courseId: string;
  courseTitle: string;
  hasTextAlternative: boolean;
  isExempt: boolean;
  cursor: ComplianceCursor;
};

/** The state expression; an 'other'-language video counts a track in any language as its own. */
const ownTrack = (reviewed: boolean) =>
  sql`EXISTS (SELECT 1 FROM caption_tracks t WHERE t.video_id = v.id AND (t.language = v.language OR v.language = 'other')${reviewed ? sql` AND t.reviewed_at IS NOT NULL` : sql``})`;
const isExemptSql = sql`EXISTS (SELECT 1 FROM caption_exemptions e WHERE e.video_id = v.id)`;
const hasAltSql = sql`EXISTS (SELECT 1 FROM caption_text_alternatives a WHERE a.video_id = v.id)`;
const stateSql = sql`CASE
    WHEN ${isExemptSql} THEN 'exempt'
    WHEN ${ownTrack(true)} THEN 'reviewed'
    WHEN ${hasAltSql} THEN 'text-alternative'
    WHEN ${ownTrack(false)} THEN 'automatic-draft'
    ELSE 'none' END`;

function scopeSql(s: ComplianceScope): RawBuilder<unknown> {
  const parts = [sql`v.status = 'published' AND v.published_at IS NOT NULL AND v.trashed_at IS NULL`];
  if (s.courseId) parts.push(sql`(v.home_course_id = ${s.courseId} OR EXISTS (SELECT 1 FROM video_placements p WHERE p.video_id = v.id AND p.course_id = ${s.courseId}))`);
  if (s.ownerId) parts.push(sql`v.owner_id = ${s.ownerId}`);
  return sql.join(parts, sql` AND `);
}

/** Published, live videos of the scope with their state: one statement, indexed subqueries per row. */
const scopedCte = (s: ComplianceScope) => sql`WITH scoped AS (
    SELECT v.id, v.title, v.language, v.published_at, v.owner_id, v.home_course_id, u.name AS owner_name, c.title AS course_title,
      ${stateSql} AS state, ${hasAltSql} AS has_alt, ${isExemptSql} AS is_exempt
    FROM videos v JOIN users u ON u.id = v.owner_id JOIN courses c ON c.id = v.home_course_id
    WHERE ${scopeSql(s)}
  ), keyed AS (SELECT *, state IN ('reviewed', 'text-alternative', 'exempt') AS satisfied FROM scoped)`;

type RawRow = {
  id: string;
  title: string;
  language: string;
  published_at: Date;
  owner_id: string;
  owner_name: string;
  home_course_id: string;
  course_title: string;
  state: CaptionStatus;
  has_alt: boolean;
  is_exempt: boolean;
  satisfied: boolean;
  at_key: string;
};

function toRow(r: RawRow): ComplianceVideoRow {
  return {
    id: r.id,
    title: r.title,
    language: r.language,
    publishedAt: r.published_at,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    courseId: r.home_course_id,
    courseTitle: r.course_title,
    hasTextAlternative: r.has_alt,
    isExempt: r.is_exempt,
    cursor: { isSatisfied: r.satisfied, publishedAt: r.at_key, id: r.id },
  };
}

/** One page of the report, most urgent first: overdue (oldest deadline first), then by days left, then satisfied. */
export async function listComplianceRows(db: Db, o: { filter: ComplianceFilter; deadlineDays: number; now: Date; after?: ComplianceCursor; limit: number }): Promise<ComplianceVideoRow[]> {
  const f = o.filter;
  const conds = [sql`TRUE`];
  if (f.status) conds.push(sql`state = ${f.status}`);
  if (f.isOverdueOnly) conds.push(sql`NOT satisfied AND published_at <= ${new Date(o.now.getTime() - o.deadlineDays * DAY_MS)}`);
  // published_at travels as text, so the cursor keeps PostgreSQL's microseconds (a JS Date has ms only).
  if (o.after) conds.push(sql`(satisfied, published_at, id) > (${o.after.isSatisfied}, ${o.after.publishedAt}::timestamptz, ${o.after.id}::uuid)`);
  const res = await sql<RawRow>`${scopedCte(f)}
    SELECT *, published_at::text AS at_key FROM keyed WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY satisfied, published_at, id LIMIT ${o.limit}`.execute(db);
  return res.rows.map(toRow);
}

export type TrackSummaryRow = { videoId: string; language: string; source: CaptionSource; isReviewed: boolean };

/** The caption tracks of these videos, in one query. */
export async function listTrackSummaries(db: Db, videoIds: readonly string[]): Promise<Map<string, TrackSummaryRow[]>> {
  const byVideo = new Map<string, TrackSummaryRow[]>();
  if (videoIds.length === 0) return byVideo;
  const rows = await db.selectFrom('caption_tracks').select(['video_id', 'language', 'source', 'reviewed_at']).where('video_id', 'in', videoIds).orderBy('language').execute();
  for (const r of rows) {
    const list = byVideo.get(r.video_id) ?? [];
    list.push({ videoId: r.video_id, language: r.language, source: r.source, isReviewed: r.reviewed_at !== null });
    byVideo.set(r.video_id, list);
  }
  return byVideo;
}

/** The pure function's input for a video; for an 'other'-language video any track is in its language. */
export function subjectOf(v: { language: string; publishedAt: Date; hasTextAlternative: boolean; isExempt: boolean }, tracks: readonly TrackSummaryRow[]): CaptionSubject {
  const isOther = v.language === 'other';
  return {
    language: v.language,
    publishedAt: v.publishedAt,
    tracks: tracks.map((t) => ({ language: isOther ? 'other' : t.language, source: t.source, isReviewed: t.isReviewed })),
    hasTextAlternative: v.hasTextAlternative,
    isExempt: v.isExempt,
  };
}

export type ComplianceCounts = { total: number; overdue: number; dueSoon: number; satisfied: number };

/** Counts of the scope (course and owner filters; not the status filters), for the summary on top. */
export async function countCompliance(db: Db, o: { scope: ComplianceScope; deadlineDays: number; dueSoonDays: number; now: Date }): Promise<ComplianceCounts> {
  const overdueBefore = new Date(o.now.getTime() - o.deadlineDays * DAY_MS);
  const dueSoonBefore = new Date(o.now.getTime() - (o.deadlineDays - o.dueSoonDays) * DAY_MS);
  const res = await sql<{ total: string; overdue: string; due_soon: string; satisfied: string }>`${scopedCte(o.scope)}
    SELECT count(*) AS total,
      count(*) FILTER (WHERE NOT satisfied AND published_at <= ${overdueBefore}) AS overdue,
      count(*) FILTER (WHERE NOT satisfied AND published_at > ${overdueBefore} AND published_at <= ${dueSoonBefore}) AS due_soon,
      count(*) FILTER (WHERE satisfied) AS satisfied
    FROM keyed`.execute(db);
  const r = res.rows[0];
  return { total: Number(r?.total ?? 0), overdue: Number(r?.overdue ?? 0), dueSoon: Number(r?.due_soon ?? 0), satisfied: Number(r?.satisfied ?? 0) };
}

export type ReminderCandidate = ComplianceVideoRow & { ownerEmail: string | null; ownerLocale: string | null; sentKinds: string[] };

/**
 * Unsatisfied videos whose reminder moment has come and whose "missed" reminder for the current deadline
 * is not sent yet, by id in keyset batches.
 */
export async function scanReminderCandidates(db: Db, o: { deadlineDays: number; remindDaysBefore: number; now: Date; afterId: string | null; limit: number }): Promise<ReminderCandidate[]> {
  const remindFrom = new Date(o.now.getTime() - (o.deadlineDays - o.remindDaysBefore) * DAY_MS);
  const deadlineOf = sql`(published_at + make_interval(days => ${o.deadlineDays}))`;
  const res = await sql<RawRow & { owner_email: string | null; owner_locale: string | null; sent_kinds: string[] }>`${scopedCte({})}
    SELECT k.*, k.published_at::text AS at_key, u.email AS owner_email, coalesce(u.preferred_locale, u.locale) AS owner_locale,
      coalesce((SELECT array_agg(s.kind) FROM caption_reminders_sent s WHERE s.video_id = k.id AND s.deadline = ${deadlineOf}), '{}') AS sent_kinds
    FROM keyed k JOIN users u ON u.id = k.owner_id
    WHERE NOT k.satisfied AND k.published_at <= ${remindFrom} ${o.afterId ? sql`AND k.id > ${o.afterId}::uuid` : sql``}
      AND NOT EXISTS (SELECT 1 FROM caption_reminders_sent s WHERE s.video_id = k.id AND s.kind = 'deadline-missed' AND s.deadline = ${deadlineOf})
    ORDER BY k.id LIMIT ${o.limit}`.execute(db);
  return res.rows.map((raw) => ({ ...toRow(raw), ownerEmail: raw.owner_email, ownerLocale: raw.owner_locale, sentKinds: raw.sent_kinds }));
}

export type FilterOption = { id: string; label: string };

/** Courses and owners that have published videos, for the admin filters (capped; a huge site filters by id). */
export async function listFilterOptions(db: Db, limit = 500): Promise<{ courses: FilterOption[]; owners: FilterOption[] }> {
  const live = sql`v.status = 'published' AND v.trashed_at IS NULL`;
  const courses = await sql<FilterOption>`SELECT c.id, coalesce(nullif(c.title, ''), c.context_id) AS label FROM courses c
    WHERE EXISTS (SELECT 1 FROM videos v WHERE v.home_course_id = c.id AND ${live}) ORDER BY label, c.id LIMIT ${limit}`.execute(db);
  const owners = await sql<FilterOption>`SELECT u.id, coalesce(nullif(u.name, ''), u.email, u.sub) AS label FROM users u
    WHERE EXISTS (SELECT 1 FROM videos v WHERE v.owner_id = u.id AND ${live}) ORDER BY label, u.id LIMIT ${limit}`.execute(db);
  return { courses: courses.rows, owners: owners.rows };
}
