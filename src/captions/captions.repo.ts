// The caption data layer that every caption use case shares: tracks with their current version, the
// version history, and saving a new version. Callers authorize first; `db` may be a transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CaptionSource } from './captions.tables.js';

type Q = Kysely<Database>;

export type CaptionTrack = {
  id: string;
  videoId: string;
  language: string;
  source: CaptionSource;
  currentVersion: number;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  updatedAt: Date;
};

export type CaptionVersion = { version: number; source: CaptionSource; vtt: string; cueCount: number; createdBy: string | null; createdAt: Date };

const trackColumns = [
  't.id',
  't.video_id',
  't.language',
  't.source',
  't.current_version',
  't.reviewed_by',
  't.reviewed_at',
  't.updated_at',
  'r.name as reviewed_by_name',
] as const;

function toTrack(r: {
  id: string;
  video_id: string;
  language: string;
  source: CaptionSource;
  current_version: number;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  updated_at: Date;
  reviewed_by_name: string | null;
}): CaptionTrack {
  return {
    id: r.id,
    videoId: r.video_id,
    language: r.language,
    source: r.source,
    currentVersion: r.current_version,
    reviewedBy: r.reviewed_by,
    reviewedByName: r.reviewed_by_name,
    reviewedAt: r.reviewed_at,
    updatedAt: r.updated_at,
  };
}

/** The video's tracks, its own language first is up to the caller; ordered by language. */
export async function listTracks(db: Q, videoId: string): Promise<CaptionTrack[]> {
  const rows = await db
    .selectFrom('caption_tracks as t')
    .leftJoin('users as r', 'r.id', 't.reviewed_by')
    .select(trackColumns)
    .where('t.video_id', '=', videoId)
    .orderBy('t.language')
    .execute();
  return rows.map(toTrack);
}

export async function findTrack(db: Q, videoId: string, language: string): Promise<CaptionTrack | undefined> {
  const row = await db
    .selectFrom('caption_tracks as t')
    .leftJoin('users as r', 'r.id', 't.reviewed_by')
    .select(trackColumns)
    .where('t.video_id', '=', videoId)
    .where('t.language', '=', language)
    .executeTakeFirst();
  return row ? toTrack(row) : undefined;
}

/** The WebVTT of the track's current version. */
export async function readCurrentVtt(db: Q, trackId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('caption_versions as v')
    .innerJoin('caption_tracks as t', (j) => j.onRef('t.id', '=', 'v.track_id').onRef('t.current_version', '=', 'v.version'))
    .select('v.vtt')
    .where('v.track_id', '=', trackId)
    .executeTakeFirst();
  return row?.vtt;
}

export async function listVersions(db: Q, trackId: string): Promise<CaptionVersion[]> {
  const rows = await db
    .selectFrom('caption_versions')
    .select(['version', 'source', 'vtt', 'cue_count', 'created_by', 'created_at'])
    .where('track_id', '=', trackId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, source: r.source, vtt: r.vtt, cueCount: r.cue_count, createdBy: r.created_by, createdAt: r.created_at }));
}

export type SaveVersionInput = {
  videoId: string;
  language: string;
  source: CaptionSource;
  vtt: string;
  cueCount: number;
  /** null: the system (speech recognition). */
  userId: string | null;
  now: Date;
};

/**
 * Adds a version and makes it current, creating the track on its first save. The row lock on the track
 * serialises concurrent saves (two editor tabs, or an ASR run finishing during an edit). A new version
 * clears "reviewed": a person has to confirm what is now shown.
 */
export async function saveCaptionVersion(db: Q, input: SaveVersionInput): Promise<{ trackId: string; version: number }> {
  const inTransaction = <T>(fn: (tx: Q) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return inTransaction(async (tx) => {
    await tx
      .insertInto('caption_tracks')
      .values({ video_id: input.videoId, language: input.language, source: input.source, current_version: 1, created_at: input.now, updated_at: input.now })
      .onConflict((oc) => oc.columns(['video_id', 'language']).doNothing())
      .execute();
    const track = await tx
      .selectFrom('caption_tracks')
      .select(['id', 'current_version'])
      .where('video_id', '=', input.videoId)
      .where('language', '=', input.language)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const latest = await tx.selectFrom('caption_versions').select((eb) => eb.fn.max('version').as('v')).where('track_id', '=', track.id).executeTakeFirst();
    const version = (latest?.v ?? 0) + 1;
    await tx
      .insertInto('caption_versions')
      .values({ track_id: track.id, version, source: input.source, vtt: input.vtt, cue_count: input.cueCount, created_by: input.userId, created_at: input.now })
      .execute();
    await tx
      .updateTable('caption_tracks')
      .set({ current_version: version, source: input.source, reviewed_by: null, reviewed_at: null, updated_at: input.now })
      .where('id', '=', track.id)
      .execute();
    return { trackId: track.id, version };
  });
}

/** Marks the current version reviewed by a person (or clears the mark). */
export async function setTrackReviewed(db: Q, o: { trackId: string; userId: string | null; now: Date }): Promise<void> {
  await db
    .updateTable('caption_tracks')
    .set({ reviewed_by: o.userId, reviewed_at: o.userId ? o.now : null, updated_at: o.now })
    .where('id', '=', o.trackId)
    .execute();
}
