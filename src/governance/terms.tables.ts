// Kysely table types of the terms of use (migration 061).
import type { Generated } from 'kysely';

export interface TermsVersionsTable {
  version: number;
  body_fi: string;
  body_sv: string;
  body_en: string;
  requires_acceptance: Generated<boolean>;
  published_at: Generated<Date>;
  published_by: string | null;
}

export interface TermsAcceptancesTable {
  user_id: string;
  version: number;
  accepted_at: Generated<Date>;
}

export interface TermsTables {
  terms_versions: TermsVersionsTable;
  terms_acceptances: TermsAcceptancesTable;
}
