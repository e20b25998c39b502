// Kysely table type of the site audit log (migration 060).
import type { ColumnType, Generated } from 'kysely';

export interface AuditEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  action: string;
  actor_id: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  reason: Generated<string>;
  details: ColumnType<unknown, string | undefined, string>;
  ip: string | null;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
}
