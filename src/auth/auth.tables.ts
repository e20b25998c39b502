// Kysely table types of sessions (migration 014).
import type { ColumnType, Generated } from 'kysely';

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  course_id: string | null;
  launch: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface AuthTables {
  sessions: SessionsTable;
}
