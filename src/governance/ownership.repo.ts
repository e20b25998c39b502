// SQL of ownership: co-editors, staff look-ups and transfers. Transactions are passed in explicitly.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/database.js';

export type Person = { userId: string; name: string; email: string | null };

export async function listEditorIds(db: Db, videoId: string): Promise<string[]> {
  const rows = await db.selectFrom('video_editors').select('user_id').where('video_id', '=', videoId).execute();
  return rows.map((r) => r.user_id);
}

/** Co-editors of many videos at once (the library's `can` flags), as video id → user ids. */
export async function editorIdsByVideo(db: Db, videoIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (videoIds.length === 0) return map;
  const rows = await db.selectFrom('video_editors').select(['video_id', 'user_id']).where('video_id', 'in', videoIds).execute();
  for (const r of rows) map.set(r.video_id, [...(map.get(r.video_id) ?? []), r.user_id]);
  return map;
}

export async function listEditors(db: Db, videoId: string): Promise<Array<Person & { addedAt: Date }>> {
  return db
    .selectFrom('video_editors')
    .innerJoin('users', 'users.id', 'video_editors.user_id')
    .select(['users.id as userId', 'users.name as name', 'users.email as email', 'video_editors.added_at as addedAt'])
    .where('video_editors.video_id', '=', videoId)
    .orderBy('users.name')
    .execute();
}

export async function findPerson(db: Db, userId: string): Promise<Person | undefined> {
  if (!/^\d{1,18}$/.test(userId)) return undefined;
  return db.selectFrom('users').select(['id as userId', 'name', 'email']).where('id', '=', userId).executeTakeFirst();
}

/**
 * Staff: a site admin, a creator or manager in some course, or someone who signed in directly through
 * the university's identity provider (only staff may: src/auth/oidc/).
 */
function isStaffMember(eb: ExpressionBuilder<Database, 'users'>) {
  return eb.or([
    eb('site_role', '=', 'admin'),
    eb.exists(eb.selectFrom('memberships').select('user_id').whereRef('memberships.user_id', '=', 'users.id').where('role', 'in', ['creator', 'manager'])),
    eb.exists(eb.selectFrom('user_identities').select('user_id').whereRef('user_identities.user_id', '=', 'users.id')),
  ]);
}

/** Whether a user is staff (isStaffMember), never an erased account. */
export async function isStaff(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('user_erasures').select('user_id').whereRef('user_erasures.user_id', '=', 'users.id'))))
    .where(isStaffMember)
    .executeTakeFirst();
  return row !== undefined;
}

/** Staff whose name or e-mail contains the text (case-insensitive), for the co-editor and transfer pickers. */
export async function searchStaff(db: Db, text: string, limit = 20): Promise<Person[]> {
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('users')
    .select(['id as userId', 'name', 'email'])
    .where((eb) => eb.or([eb(sql`lower(name)`, 'like', like), eb(sql`lower(coalesce(email, ''))`, 'like', like)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('user_erasures').select('user_id').whereRef('user_erasures.user_id', '=', 'users.id'))))
    .where(isStaffMember)
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function insertEditor(db: Db, e: { videoId: string; userId: string; addedBy: string | null }): Promise<boolean> {
  const r = await db.insertInto('video_editors').values({ video_id: e.videoId, user_id: e.userId, added_by: e.addedBy }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteEditor(db: Db, videoId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('video_editors').where('video_id', '=', videoId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Moves one video to a new owner if it still has the expected one (no lost updates); the new owner stops being a co-editor. */
export async function setOwner(db: Db, o: { videoId: string; fromUserId: string; toUserId: string }): Promise<boolean> {
  const r = await db.updateTable('videos').set({ owner_id: o.toUserId, updated_at: sql`now()` }).where('id', '=', o.videoId).where('owner_id', '=', o.fromUserId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await deleteEditor(db, o.videoId, o.toUserId);
  return true;
}

/** Every video of one owner (trashed ones too, so lifecycle notices reach the new owner) to another; returns their ids. */
export async function setOwnerOfAll(db: Db, o: { fromUserId: string; toUserId: string }): Promise<string[]> {
  const rows = await db.updateTable('videos').set({ owner_id: o.toUserId, updated_at: sql`now()` }).where('owner_id', '=', o.fromUserId).returning('id').execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) await db.deleteFrom('video_editors').where('user_id', '=', o.toUserId).where('video_id', 'in', ids).execute();
  return ids;
}
