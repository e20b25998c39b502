// What the player and the learner's badge get from a video's caption tracks: one query, labels in the
// reader's language (the player adds "automatic" to unreviewed speech-recognition tracks).
import type { Db } from '../db/database.js';
import type { Video } from '../videos/videos.repo.js';
import { listPlayerTracks } from './caption-tracks.repo.js';
import { captionBadge, isAutomaticTrack, languageName, sortTracksForPlayer, type CaptionBadge } from './caption-tracks.js';

export type PlayerCaptionTrack = { language: string; label: string; version: number; isAutomatic: boolean };
export type PlayerCaptions = { tracks: PlayerCaptionTrack[]; badge: CaptionBadge | undefined };

export async function loadPlayerCaptions(db: Db, video: Pick<Video, 'id' | 'language'>, locale: string): Promise<PlayerCaptions> {
  const rows = await listPlayerTracks(db, video.id);
  const tracks = rows.map((r) => ({ language: r.language, label: languageName(r.language, locale), version: r.version, isAutomatic: isAutomaticTrack(r) }));
  return { tracks: sortTracksForPlayer(video.language, tracks), badge: captionBadge(video.language, rows) };
}
