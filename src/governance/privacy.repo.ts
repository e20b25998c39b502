// SQL of a person's data: what an export contains, and the erasure's anonymising writes. Every query is
// keyed by the one user id, so an export cannot pick up anyone else's rows.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export async function findUserProfile(db: Db, userId: string) {
  if (!/^\d{1,18}$/.test(userId)) return undefined;
  return db
    .selectFrom('users')
    .leftJoin('lti_platforms', 'lti_platforms.id', 'users.platform_id')
    .leftJoin('user_erasures', 'user_erasures.user_id', 'users.id')
    .select(['users.id', 'users.sub', 'users.name', 'users.email', 'users.locale', 'users.preferred_locale', 'users.site_role', 'users.created_at', 'users.last_login_at'])
    .select(['lti_platforms.issuer as platformIssuer', 'user_erasures.erased_at as erasedAt'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function listMemberships(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('courses', 'courses.id', 'memberships.course_id')
    .select(['courses.id as courseId', 'courses.title as courseTitle', 'memberships.role', 'memberships.updated_at as updatedAt'])
    .where('memberships.user_id', '=', userId)
    .orderBy('courses.id')
    .execute();
}

/** Terms acceptances (migration 061), read without that feature's types so either can change alone. */
export async function listTermsAcceptances(db: Db, userId: string): Promise<Array<{ version: number; acceptedAt: Date }>> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('terms_acceptances')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const rows = await sql<{ version: number; accepted_at: Date }>`SELECT version, accepted_at FROM terms_acceptances WHERE user_id = ${userId} ORDER BY accepted_at`.execute(db);
  return rows.rows.map((r) => ({ version: r.version, acceptedAt: r.accepted_at }));
}

export async function listUserViews(db: Db, userId: string) {
  return db
    .selectFrom('views')
    .leftJoin('videos', 'videos.id', 'views.video_id')
    .select(['views.video_id as videoId', 'videos.title as videoTitle', 'views.started_at as startedAt', 'views.ended_at as endedAt', 'views.watched_seconds as watchedSeconds', 'views.position_seconds as positionSeconds'])
    .where('views.user_id', '=', userId)
    .orderBy('views.started_at')
    .execute();
}

export async function listUserReports(db: Db, userId: string) {
  return db
    .selectFrom('video_reports')
    .select(['id', 'video_id as videoId', 'category', 'details', 'status', 'created_at as createdAt', 'resolved_at as resolvedAt'])
    .where('reporter_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function listUserAttestations(db: Db, userId: string) {
  return db.selectFrom('video_attestations').select(['video_id as videoId', 'statement_version as version', 'accepted_at as acceptedAt']).where('user_id', '=', userId).orderBy('accepted_at').execute();
}

export async function listOwnedVideosForExport(db: Db, userId: string) {
  return db
    .selectFrom('videos')
    .select(['id', 'title', 'description', 'language', 'status', 'created_at as createdAt', 'published_at as publishedAt', 'trashed_at as trashedAt'])
    .where('owner_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function listCoEditedVideos(db: Db, userId: string) {
  return db.selectFrom('video_editors').innerJoin('videos', 'videos.id', 'video_editors.video_id').select(['videos.id', 'videos.title', 'video_editors.added_at as addedAt']).where('video_editors.user_id', '=', userId).execute();
}

/** Trashes the user's live videos (the lifecycle purges them later, or an admin restores them); returns how many. */
export async function trashOwnedVideos(db: Db, userId: string, now: Date): Promise<number> {
  const r = await db.updateTable('videos').set({ trashed_at: now, updated_at: sql`now()` }).where('owner_id', '=', userId).where('trashed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Removes or anonymises everything that points at the person, then blanks the person: views and reports
 * lose their author, sessions, memberships, co-editing and mail to them go, audit events they caused
 * lose actor and IP (the audit trigger allows exactly that), and the users row keeps only its id.
 */
export async function anonymiseUser(db: Db, u: { userId: string; sub: string; email: string | null; name: string }): Promise<void> {
  const id = u.userId;
  // Matched as whole JSON strings ("…" with quotes), so a short value cannot hit unrelated text.
  const mentions = [u.sub, u.email, u.name.length >= 3 ? u.name : null].filter((s): s is string => !!s).map((s) => JSON.stringify(s));
  const mentioned = (column: string) => sql.join(mentions.map((m) => sql`strpos(coalesce(${sql.ref(column)}::text, ''), ${m}) > 0`), sql` OR `);
  await db.updateTable('views').set({ user_id: null }).where('user_id', '=', id).execute();
  await db.updateTable('video_reports').set({ reporter_id: null, details: '(erased)' }).where('reporter_id', '=', id).execute();
  await db.deleteFrom('video_editors').where('user_id', '=', id).execute();
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  // Direct sign-in identities (080): a later sign-in with the same IdP account starts a new, empty person.
  await db.deleteFrom('user_identities').where('user_id', '=', id).execute();
  await db.deleteFrom('memberships').where('user_id', '=', id).execute();
  await db.deleteFrom('lifecycle_notices').where('to_user_id', '=', id).execute();
  // A login in flight may hold the person's id_token claims.
  await sql`DELETE FROM lti_login_states WHERE ${mentioned('pending_launch')}`.execute(db);
  // The audit trigger (060) lets an update change actor, IP and details only while it clears the actor.
  await sql`UPDATE audit_events SET actor_id = NULL, ip = NULL,
    details = CASE WHEN ${mentioned('details')} THEN '{"erased": true}'::jsonb ELSE details END
    WHERE actor_id = ${id} OR ${mentioned('details')}`.execute(db);
  await db
    .updateTable('users')
    .set({ name: '', email: null, sub: `erased:${id}`, locale: null, preferred_locale: null, caption_style: null, disabled_reason: '' })
    .where('id', '=', id)
    .execute();
}
