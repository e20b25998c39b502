// Kysely table types of erasures (migration 068), joined into src/db/schema.ts.
import type { Generated } from 'kysely';

export interface UserErasuresTable {
  user_id: string;
  erased_at: Generated<Date>;
  erased_by: string | null;
}

export type PrivacyTables = { user_erasures: UserErasuresTable };
