// Kysely table types of caption tracks, versions, ASR runs, text alternatives, exemptions and
// reminders (migration 050).
import type { ColumnType, Generated } from 'kysely';

export const captionSources = ['asr', 'upload', 'edited'] as const;
export type CaptionSource = (typeof captionSources)[number];
export const asrRunStatuses = ['queued', 'running', 'done', 'failed', 'unsupported'] as const;
export type AsrRunStatus = (typeof asrRunStatuses)[number];

export interface CaptionTracksTable {
  id: Generated<string>;
  video_id: string;
  language: string;
  source: CaptionSource;
  current_version: Generated<number>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaptionVersionsTable {
  track_id: string;
  version: number;
  source: CaptionSource;
  vtt: string;
  cue_count: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaptionAsrRunsTable {
  video_id: string;
  language: string;
  status: AsrRunStatus;
  percent: Generated<number>;
  engine: string | null;
  error_code: string | null;
  error_message: string | null;
  requested_by: string | null;
  requested_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface CaptionTextAlternativesTable {
  video_id: string;
  file_name: string;
  content_type: string;
  blob_key: string;
  size_bytes: ColumnType<string, number, number>;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface CaptionExemptionsTable {
  video_id: string;
  reason: string;
  granted_by: string | null;
  granted_at: Generated<Date>;
}

export interface CaptionRemindersSentTable {
  video_id: string;
  kind: 'deadline-near' | 'deadline-missed';
  deadline: Date;
  sent_at: Generated<Date>;
}

export interface CaptionsTables {
  caption_tracks: CaptionTracksTable;
  caption_versions: CaptionVersionsTable;
  caption_asr_runs: CaptionAsrRunsTable;
  caption_text_alternatives: CaptionTextAlternativesTable;
  caption_exemptions: CaptionExemptionsTable;
  caption_reminders_sent: CaptionRemindersSentTable;
}
