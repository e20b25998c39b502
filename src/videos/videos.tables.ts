// Kysely table types of videos, attestations, placements and views (migration 030).
import type { ColumnType, Generated } from 'kysely';

export const videoStatuses = ['uploading', 'processing', 'ready', 'published', 'failed'] as const;
export type VideoStatus = (typeof videoStatuses)[number];
export const videoLanguages = ['fi', 'sv', 'en', 'other'] as const;
export type VideoLanguage = (typeof videoLanguages)[number];

export type StoredRendition = { name: string; width: number; height: number; bandwidth: number };

export interface VideosTable {
  id: Generated<string>;
  owner_id: string;
  home_course_id: string;
  title: string;
  description: Generated<string>;
  language: VideoLanguage;
  status: Generated<VideoStatus>;
  allow_download: Generated<boolean>;
  source_key: string | null;
  source_name: string | null;
  source_bytes: ColumnType<string | null, number | null, number | null>;
  duration_seconds: number | null;
  width: number | null;
  height: number | null;
  is_audio_only: Generated<boolean>;
  renditions: ColumnType<StoredRendition[], string | undefined, string>;
  processing_percent: Generated<number>;
  processing_attempts: Generated<number>;
  /** Written every ~15 s while a worker processes the video (migration 031); the watchdog reads it. */
  processing_heartbeat_at: Date | null;
  failure_code: string | null;
  failure_message: string | null;
  published_at: Date | null;
  last_viewed_at: Date | null;
  retain_until: Date | null;
  legal_hold: Generated<boolean>;
  trashed_at: Date | null;
  trash_warning_sent_at: Date | null;
  trash_warning_for: Date | null;
  purge_warning_sent_at: Date | null;
  purge_warning_for: Date | null;
  /** No automatic captions on publish for this video (migration 050). */
  asr_opt_out: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VideoAttestationsTable {
  video_id: string;
  user_id: string;
  statement_version: string;
  accepted_at: Generated<Date>;
}

export interface VideoPlacementsTable {
  video_id: string;
  course_id: string;
  placed_by: string | null;
  created_at: Generated<Date>;
}

export interface ViewsTable {
  id: string;
  video_id: string;
  user_id: string | null;
  course_id: string | null;
  started_at: Generated<Date>;
  last_event_at: Generated<Date>;
  ended_at: Date | null;
  position_seconds: Generated<number>;
  watched_seconds: Generated<number>;
  is_qualifying: Generated<boolean>;
}

export interface VideosTables {
  videos: VideosTable;
  video_attestations: VideoAttestationsTable;
  video_placements: VideoPlacementsTable;
  views: ViewsTable;
}
