// SQL of the lifecycle feature: the sweep's candidate scans, the locked reload of one video, and the
// audit, tombstone and outbox writes. Transactions are passed in explicitly.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/database.js';
import type { LifecycleAction } from './lifecycle.tables.js';
import type { RetentionState } from './retention.js';

export type LifecycleTx = Transaction<Database>;
type Executor = Db | LifecycleTx;

/** What the sweep needs of a video: its retention state plus what the audit and the mail name. */
export type LifecycleRow = {
  id: string;
  title: string;
  owner_id: string;
  home_course_id: string;
  created_at: Date;
  published_at: Date | null;
  last_viewed_at: Date | null;
  retain_until: Date | null;
  legal_hold: boolean;
  owner_hold: boolean;
  trashed_at: Date | null;
  trash_warning_sent_at: Date | null;
  trash_warning_for: Date | null;
  purge_warning_sent_at: Date | null;
  purge_warning_for: Date | null;
  /** The keyset position of the scan, exact to the microsecond (a JS Date would round it). */
  scan_key: string;
};

export function retentionStateOf(r: LifecycleRow): RetentionState {
  return {
    createdAt: r.created_at,
    publishedAt: r.published_at,
    lastViewedAt: r.last_viewed_at,
    retainUntil: r.retain_until,
    isOnLegalHold: r.legal_hold || r.owner_hold,
    trashedAt: r.trashed_at,
    trashWarning: r.trash_warning_sent_at && r.trash_warning_for ? { sentAt: r.trash_warning_sent_at, forDate: r.trash_warning_for } : null,
    purgeWarning: r.purge_warning_sent_at && r.purge_warning_for ? { sentAt: r.purge_warning_sent_at, forDate: r.purge_warning_for } : null,
  };
}

const rowColumns = sql`v.id, v.title, v.owner_id::text AS owner_id, v.home_course_id::text AS home_course_id, v.created_at, v.published_at,
  v.last_viewed_at, v.retain_until, v.legal_hold, v.trashed_at, v.trash_warning_sent_at, v.trash_warning_for,
  v.purge_warning_sent_at, v.purge_warning_for,
  EXISTS (SELECT 1 FROM owner_legal_holds h WHERE h.owner_id = v.owner_id) AS owner_hold`;

export type ScanCursor = { key: string; id: string } | null;

/**
 * Live videos that may need a step now: those whose trash date, less the warning period, has come
 * (activity + trashAfter − warn ≤ now, and any extension ends by now + warn). Walks the partial index
 * videos_lifecycle_live in keyset order; videos under any legal hold are never returned.
 */
export async function scanLiveCandidates(db: Executor, o: { activityBefore: Date; retainBefore: Date; after: ScanCursor; limit: number }): Promise<LifecycleRow[]> {
  const activity = sql`greatest(v.created_at, v.published_at, v.last_viewed_at)`;
  const after = o.after ? sql`AND (${activity}, v.id) > (${o.after.key}::timestamptz, ${o.after.id}::uuid)` : sql``;
  const res = await sql<LifecycleRow>`
    SELECT ${rowColumns}, ${activity}::text AS scan_key FROM videos v
    WHERE v.trashed_at IS NULL AND NOT v.legal_hold
      AND ${activity} <= ${o.activityBefore}
      AND (v.retain_until IS NULL OR v.retain_until <= ${o.retainBefore})
      AND NOT EXISTS (SELECT 1 FROM owner_legal_holds h WHERE h.owner_id = v.owner_id)
      ${after}
    ORDER BY ${activity}, v.id LIMIT ${o.limit}`.execute(db);
  return res.rows;
}

/** Trashed videos whose purge date, less the warning period, has come; keyset order on videos_lifecycle_trashed. */
export async function scanTrashedCandidates(db: Executor, o: { trashedBefore: Date; after: ScanCursor; limit: number }): Promise<LifecycleRow[]> {
  const after = o.after ? sql`AND (v.trashed_at, v.id) > (${o.after.key}::timestamptz, ${o.after.id}::uuid)` : sql``;
  const res = await sql<LifecycleRow>`
    SELECT ${rowColumns}, v.trashed_at::text AS scan_key FROM videos v
    WHERE v.trashed_at IS NOT NULL AND NOT v.legal_hold AND v.trashed_at <= ${o.trashedBefore}
      AND NOT EXISTS (SELECT 1 FROM owner_legal_holds h WHERE h.owner_id = v.owner_id)
      ${after}
    ORDER BY v.trashed_at, v.id LIMIT ${o.limit}`.execute(db);
  return res.rows;
}

export type LockedRow = LifecycleRow & { owner_email: string | null; owner_locale: string | null };

/** Reloads one video (with its owner's contact) and locks its row until the transaction ends; undefined when it is gone. */
export async function lockLifecycleRow(tx: LifecycleTx, videoId: string): Promise<LockedRow | undefined> {
  const res = await sql<LockedRow>`SELECT ${rowColumns}, '' AS scan_key, u.email AS owner_email, coalesce(u.preferred_locale, u.locale) AS owner_locale
    FROM videos v JOIN users u ON u.id = v.owner_id WHERE v.id = ${videoId} FOR UPDATE OF v`.execute(tx);
  return res.rows[0];
}

export type NoticeRow = { messageId: string; videoId: string; toUserId: string; toAddress: string | null; subject: string; body: string; createdAt: Date };

/**
 * A sweep step's three writes (the video's lifecycle columns, the audit event, the outbox notice) as one
 * statement, so a step costs four round trips: BEGIN, the locking SELECT, this, COMMIT.
 */
export async function recordStep(tx: LifecycleTx, o: { videoId: string; set: Record<string, Date | null>; event: NewEvent; notice: NoticeRow }): Promise<void> {
  const sets = sql.join(Object.entries(o.set).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));
  const e = o.event;
  const n = o.notice;
  await sql`
    WITH updated AS (UPDATE videos SET ${sets} WHERE id = ${o.videoId} RETURNING id),
    event AS (
      INSERT INTO lifecycle_events (video_id, video_title, owner_id, action, reason, actor_id, at, details)
      VALUES (${e.videoId}, ${e.videoTitle ?? ''}, ${e.ownerId}, ${e.action}, ${e.reason}, ${e.actorId}, ${e.at}, ${JSON.stringify(e.details ?? {})}::jsonb) RETURNING id)
    INSERT INTO lifecycle_notices (message_id, video_id, to_user_id, to_address, subject, body, created_at)
    VALUES (${n.messageId}, ${n.videoId}, ${n.toUserId}, ${n.toAddress}, ${n.subject}, ${n.body}, ${n.createdAt})
    ON CONFLICT (message_id) DO NOTHING`.execute(tx);
}

export type NewEvent = { videoId: string | null; videoTitle?: string; ownerId: string | null; action: LifecycleAction; reason: string; actorId: string | null; at: Date; details?: Record<string, unknown> };

export async function insertEvent(db: Executor, e: NewEvent): Promise<void> {
  await db
    .insertInto('lifecycle_events')
    .values({ video_id: e.videoId, video_title: e.videoTitle ?? '', owner_id: e.ownerId, action: e.action, reason: e.reason, actor_id: e.actorId, at: e.at, details: JSON.stringify(e.details ?? {}) })
    .execute();
}

export async function insertTombstone(tx: LifecycleTx, r: LifecycleRow, o: { at: Date; reason: string; purgedBy: string | null; blobsDeleted: number }): Promise<void> {
  await tx
    .insertInto('video_tombstones')
    .values({
      video_id: r.id,
      title: r.title,
      owner_id: r.owner_id,
      home_course_id: r.home_course_id,
      created_at: r.created_at,
      published_at: r.published_at,
      last_viewed_at: r.last_viewed_at,
      trashed_at: r.trashed_at,
      purged_at: o.at,
      reason: o.reason,
      purged_by: o.purgedBy,
      blobs_deleted: o.blobsDeleted,
    })
    .onConflict((oc) => oc.column('video_id').doNothing())
    .execute();
}

export async function findOwnerContact(db: Executor, userId: string): Promise<{ email: string | null; locale: string | null; name: string } | undefined> {
  return db
    .selectFrom('users')
    .select(['email', sql<string | null>`coalesce(preferred_locale, locale)`.as('locale'), 'name'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
