// Kysely table types of staff direct sign-in (migration 080).
import type { Generated } from 'kysely';

export interface UserIdentitiesTable {
  issuer: string;
  sub: string;
  user_id: string;
  created_at: Generated<Date>;
  last_login_at: Generated<Date>;
}

export interface OidcTables {
  user_identities: UserIdentitiesTable;
}
