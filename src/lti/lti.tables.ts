// Kysely table types of the LTI feature (migrations 010–012).
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export type PlatformStatus = 'active' | 'pending' | 'disabled';
export type PlatformSource = 'admin' | 'dynamic' | 'demo';

export interface LtiToolKeysTable {
  kid: string;
  public_jwk: Json<Record<string, string>>;
  private_key_enc: string;
  created_at: Generated<Date>;
  retire_at: Date | null;
}

export interface LtiPlatformsTable {
  id: Generated<string>;
  issuer: string;
  client_id: string;
  name: Generated<string>;
  auth_url: string;
  token_url: string;
  jwks_url: string;
  status: Generated<PlatformStatus>;
  source: Generated<PlatformSource>;
  role_mappings: ColumnType<Record<string, string>, string | undefined, string>;
  origin: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LtiDeploymentsTable {
  id: Generated<string>;
  platform_id: string;
  deployment_id: string;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Date>;
}

export interface LtiLoginStatesTable {
  state_id: string;
  nonce: string;
  platform_id: string;
  browser_secret: string;
  storage_target: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
  pending_launch: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface LtiUsedTokensTable {
  issuer: string;
  token_id: string;
  expires_at: Date;
}

export interface LtiTables {
  lti_tool_keys: LtiToolKeysTable;
  lti_platforms: LtiPlatformsTable;
  lti_deployments: LtiDeploymentsTable;
  lti_login_states: LtiLoginStatesTable;
  lti_used_tokens: LtiUsedTokensTable;
}
