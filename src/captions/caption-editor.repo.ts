// The caption editor's own queries: the version history with the names of who saved each version (the
// VTT itself stays in the database until a version is restored), and one version's VTT.
import type { Db } from '../db/database.js';
import type { CaptionSource } from './captions.tables.js';

export type VersionSummary = { version: number; source: CaptionSource; cueCount: number; createdByName: string | null; createdAt: Date };

/** Newest first; at most `limit` versions (autosave makes many). */
export async function listVersionSummaries(db: Db, trackId: string, limit = 100): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom('caption_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.source', 'v.cue_count', 'v.created_at', 'u.name as created_by_name'])
    .where('v.track_id', '=', trackId)
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ version: r.version, source: r.source, cueCount: r.cue_count, createdByName: r.created_by_name, createdAt: r.created_at }));
}

export async function readVersion(db: Db, trackId: string, version: number): Promise<{ vtt: string; source: CaptionSource } | undefined> {
  return db.selectFrom('caption_versions').select(['vtt', 'source']).where('track_id', '=', trackId).where('version', '=', version).executeTakeFirst();
}

/** Locks the track's row for the rest of the transaction and returns its current version. */
export async function lockTrackVersion(db: Db, trackId: string): Promise<number | undefined> {
  const row = await db.selectFrom('caption_tracks').select('current_version').where('id', '=', trackId).forUpdate().executeTakeFirst();
  return row?.current_version;
}
