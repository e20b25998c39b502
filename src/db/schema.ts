// The typed shape of the database for Kysely. Each feature declares its tables in its own
// `*.tables.ts` file; this interface joins them. Keep it in step with the SQL migrations.
import type { Generated } from 'kysely';
import type { AuthTables } from '../auth/auth.tables.js';
import type { CoursesTables } from '../courses/courses.tables.js';
import type { LtiTables } from '../lti/lti.tables.js';
import type { UsersTables } from '../users/users.tables.js';
import type { VideosTables } from '../videos/videos.tables.js';
import type { LifecycleTables } from '../lifecycle/lifecycle.tables.js';
import type { CaptionsTables } from '../captions/captions.tables.js';
import type { AuditTables } from '../governance/audit.tables.js';
import type { RecorderTables } from '../recorder/recorder.tables.js';
import type { TermsTables } from '../governance/terms.tables.js';
import type { AttestationTables } from '../governance/attestation.tables.js';
import type { OwnershipTables } from '../governance/ownership.tables.js';
import type { ModerationTables } from '../governance/moderation.tables.js';
import type { PrivacyTables } from '../governance/privacy.tables.js';
import type { OidcTables } from '../auth/oidc/oidc.tables.js';

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface AppSettingsTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

export interface Database extends LtiTables, UsersTables, CoursesTables, AuthTables, VideosTables, LifecycleTables, CaptionsTables, AuditTables, TermsTables, AttestationTables, OwnershipTables, ModerationTables, PrivacyTables, RecorderTables, OidcTables {
  schema_migrations: SchemaMigrationsTable;
  app_settings: AppSettingsTable;
}
