// The typed shape of the database for Kysely. Each feature declares its tables in its own
// `*.tables.ts` file; this interface joins them. Keep it in step with the SQL migrations.
import type { Generated } from 'kysely';

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface AppSettingsTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

export interface Database {
  schema_migrations: SchemaMigrationsTable;
  app_settings: AppSettingsTable;
}
