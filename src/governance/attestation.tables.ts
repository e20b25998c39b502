// Kysely table types of the attestation statements (migration 065), joined into src/db/schema.ts.
import type { Generated } from 'kysely';

export interface AttestationStatementsTable {
  version: string;
  text_fi: string;
  text_sv: string;
  text_en: string;
  released_at: Generated<Date>;
}

export type AttestationTables = { attestation_statements: AttestationStatementsTable };
