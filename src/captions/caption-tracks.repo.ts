// Queries of caption tracks for serving and playing: the current WebVTT of one track (the media route),
// and what the player and the learner's badge need about a video's tracks.
import type { Db } from '../db/database.js';
import type { CaptionSource } from './captions.tables.js';

/** The current version's WebVTT, unless the video is in the trash. */
export async function readServedVtt(db: Db, videoId: string, language: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('caption_tracks as t')
    .innerJoin('caption_versions as v', (j) => j.onRef('v.track_id', '=', 't.id').onRef('v.version', '=', 't.current_version'))
    .innerJoin('videos as vid', 'vid.id', 't.video_id')
    .select('v.vtt')
    .where('t.video_id', '=', videoId)
    .where('t.language', '=', language)
    .where('vid.trashed_at', 'is', null)
    .executeTakeFirst();
  return row?.vtt;
}

export type PlayerTrackRow = { language: string; source: CaptionSource; version: number; isReviewed: boolean };

export async function listPlayerTracks(db: Db, videoId: string): Promise<PlayerTrackRow[]> {
  const rows = await db.selectFrom('caption_tracks').select(['language', 'source', 'current_version', 'reviewed_at']).where('video_id', '=', videoId).orderBy('language').execute();
  return rows.map((r) => ({ language: r.language, source: r.source, version: r.current_version, isReviewed: r.reviewed_at !== null }));
}
