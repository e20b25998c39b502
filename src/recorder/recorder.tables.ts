// Kysely table type of browser recordings (migration 070).
import type { Generated } from 'kysely';

export const recordingLayouts = ['camera', 'screen', 'screen-camera', 'audio'] as const;
export type RecordingLayout = (typeof recordingLayouts)[number];

export interface RecordingsTable {
  video_id: string;
  layout: RecordingLayout;
  recorded_ms: number;
  trim_start_ms: Generated<number>;
  trim_end_ms: number | null;
  is_recovered: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface RecorderTables {
  recordings: RecordingsTable;
}
