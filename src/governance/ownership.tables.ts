// Kysely table types of co-editors (migration 066), joined into src/db/schema.ts.
import type { Generated } from 'kysely';

export interface VideoEditorsTable {
  video_id: string;
  user_id: string;
  added_by: string | null;
  added_at: Generated<Date>;
}

export type OwnershipTables = { video_editors: VideoEditorsTable };
