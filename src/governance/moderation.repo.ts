// SQL of reports and takedowns. Transactions are passed in explicitly.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ReportCategory, ReportStatus } from './moderation.tables.js';

export type Takedown = { videoId: string; reason: string; takenDownAt: Date };

export async function findTakedown(db: Db, videoId: string): Promise<Takedown | undefined> {
  return db.selectFrom('video_takedowns').select(['video_id as videoId', 'reason', 'taken_down_at as takenDownAt']).where('video_id', '=', videoId).executeTakeFirst();
}

/**
 * Serialises one reporter's reports (a transaction-scoped advisory lock on the user id), so two
 * requests at once cannot both slip under the rate limit. Key space 2 keeps it apart from other locks.
 */
export async function lockReporter(tx: Db, reporterId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(2, hashtext(${`report:${reporterId}`}))`.execute(tx);
}

export async function countReportsSince(db: Db, reporterId: string, since: Date): Promise<number> {
  const row = await db.selectFrom('video_reports').select((eb) => eb.fn.countAll<string>().as('n')).where('reporter_id', '=', reporterId).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasOpenReport(db: Db, videoId: string, reporterId: string): Promise<boolean> {
  const row = await db.selectFrom('video_reports').select('id').where('video_id', '=', videoId).where('reporter_id', '=', reporterId).where('status', '=', 'open').executeTakeFirst();
  return row !== undefined;
}

export async function insertReport(db: Db, r: { videoId: string; reporterId: string; category: ReportCategory; details: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('video_reports')
    .values({ video_id: r.videoId, reporter_id: r.reporterId, category: r.category, details: r.details, created_at: r.at, resolved_at: null, resolved_by: null, resolution_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type QueueReport = { id: string; videoId: string; category: ReportCategory; details: string; createdAt: Date; reporterName: string | null };
export type QueueVideo = { videoId: string; title: string; ownerName: string; takedown: Takedown | null; reports: QueueReport[] };

/** The moderation queue: videos with open reports (oldest report first), and videos taken down, with their open reports. */
export async function listQueue(db: Db, limit = 200): Promise<QueueVideo[]> {
  const videos = await db
    .selectFrom('videos')
    .innerJoin('users', 'users.id', 'videos.owner_id')
    .leftJoin('video_takedowns', 'video_takedowns.video_id', 'videos.id')
    .select(['videos.id as videoId', 'videos.title', 'users.name as ownerName', 'video_takedowns.reason as tdReason', 'video_takedowns.taken_down_at as tdAt'])
    .select((eb) => eb.selectFrom('video_reports').select(sql<Date>`min(created_at)`.as('m')).whereRef('video_reports.video_id', '=', 'videos.id').where('status', '=', 'open').as('firstOpen'))
    .where((eb) =>
      eb.or([eb('video_takedowns.video_id', 'is not', null), eb.exists(eb.selectFrom('video_reports').select('id').whereRef('video_reports.video_id', '=', 'videos.id').where('status', '=', 'open'))]),
    )
    .orderBy('firstOpen', (ob) => ob.asc().nullsLast())
    .limit(limit)
    .execute();
  const ids = videos.map((v) => v.videoId);
  const reports = ids.length
    ? await db
        .selectFrom('video_reports')
        .leftJoin('users', 'users.id', 'video_reports.reporter_id')
        .select(['video_reports.id', 'video_reports.video_id as videoId', 'category', 'details', 'video_reports.created_at as createdAt', 'users.name as reporterName'])
        .where('video_id', 'in', ids)
        .where('status', '=', 'open')
        .orderBy('video_reports.created_at')
        .execute()
    : [];
  return videos.map((v) => ({
    videoId: v.videoId,
    title: v.title,
    ownerName: v.ownerName,
    takedown: v.tdReason !== null && v.tdAt !== null ? { videoId: v.videoId, reason: v.tdReason, takenDownAt: v.tdAt } : null,
    reports: reports.filter((r) => r.videoId === v.videoId),
  }));
}

export async function insertTakedown(db: Db, t: { videoId: string; reason: string; by: string | null; at: Date }): Promise<boolean> {
  const r = await db.insertInto('video_takedowns').values({ video_id: t.videoId, reason: t.reason, taken_down_by: t.by, taken_down_at: t.at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteTakedown(db: Db, videoId: string): Promise<boolean> {
  const r = await db.deleteFrom('video_takedowns').where('video_id', '=', videoId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Closes a video's open reports with a decision; returns each closed report with its reporter. */
export async function resolveOpenReports(db: Db, r: { videoId: string; status: Exclude<ReportStatus, 'open'>; by: string | null; reason: string; at: Date }): Promise<Array<{ id: string; reporterId: string | null }>> {
  const rows = await db
    .updateTable('video_reports')
    .set({ status: r.status, resolved_by: r.by, resolution_reason: r.reason, resolved_at: r.at })
    .where('video_id', '=', r.videoId)
    .where('status', '=', 'open')
    .returning(['id', 'reporter_id'])
    .execute();
  return rows.map((x) => ({ id: x.id, reporterId: x.reporter_id }));
}
