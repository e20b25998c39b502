// Kysely table types of users (migration 013).
import type { Generated } from 'kysely';

export type SiteRole = 'user' | 'admin';

export interface UsersTable {
  id: Generated<string>;
  /** null: a staff member who only signs in directly (OIDC, migration 080); see user_identities. */
  platform_id: string | null;
  sub: string;
  name: Generated<string>;
  email: string | null;
  locale: string | null;
  preferred_locale: string | null;
  site_role: Generated<SiteRole>;
  /** The player's caption style (size, colour, background), migration 050; null: defaults. */
  caption_style: unknown;
  created_at: Generated<Date>;
  last_login_at: Generated<Date>;
  /** Set while a site admin has disabled the account (migration 062); launches are refused. */
  disabled_at: Generated<Date | null>;
  disabled_reason: Generated<string>;
  disabled_by: Generated<string | null>;
}

export interface UsersTables {
  users: UsersTable;
}
