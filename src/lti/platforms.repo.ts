// SQL for platforms and deployments. Returns typed objects, never rows of other features.
import type { Db } from '../db/database.js';
import type { PlatformSource, PlatformStatus } from './lti.tables.js';
import type { CustomRoleMapping } from './roles.js';

export type Platform = {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  status: PlatformStatus;
  source: PlatformSource;
  roleMappings: Record<string, CustomRoleMapping>;
  origin: string;
};

export type NewPlatform = Omit<Platform, 'id' | 'origin' | 'roleMappings'> & { roleMappings?: Record<string, CustomRoleMapping>; deploymentIds: string[] };

const columns = ['id', 'issuer', 'client_id', 'name', 'auth_url', 'token_url', 'jwks_url', 'status', 'source', 'role_mappings', 'origin'] as const;

type Row = { id: string; issuer: string; client_id: string; name: string; auth_url: string; token_url: string; jwks_url: string; status: PlatformStatus; source: PlatformSource; role_mappings: Record<string, string>; origin: string };

function toPlatform(r: Row): Platform {
  return {
    id: r.id,
    issuer: r.issuer,
    clientId: r.client_id,
    name: r.name,
    authUrl: r.auth_url,
    tokenUrl: r.token_url,
    jwksUrl: r.jwks_url,
    status: r.status,
    source: r.source,
    roleMappings: r.role_mappings as Record<string, CustomRoleMapping>,
    origin: r.origin,
  };
}

export async function findPlatformsByIssuer(db: Db, issuer: string): Promise<Platform[]> {
  const rows = await db.selectFrom('lti_platforms').select(columns).where('issuer', '=', issuer).orderBy('id').execute();
  return rows.map(toPlatform);
}

export async function findPlatformById(db: Db, id: string): Promise<Platform | undefined> {
  const row = await db.selectFrom('lti_platforms').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toPlatform(row);
}

export async function listPlatforms(db: Db): Promise<Array<Platform & { deployments: Array<{ deploymentId: string; status: string }> }>> {
  const rows = await db.selectFrom('lti_platforms').select(columns).orderBy('id').execute();
  const deps = await db.selectFrom('lti_deployments').select(['platform_id', 'deployment_id', 'status']).orderBy('id').execute();
  return rows.map((r) => ({
    ...toPlatform(r),
    deployments: deps.filter((d) => d.platform_id === r.id).map((d) => ({ deploymentId: d.deployment_id, status: d.status })),
  }));
}

/** Inserts or updates a platform (by issuer + client id) and adds its deployments. */
export async function upsertPlatform(db: Db, p: NewPlatform): Promise<Platform> {
  const origin = new URL(p.authUrl).origin;
  // Joins the caller's transaction when there is one, so an audit event commits with this change.
  const run = <T>(fn: (t: Db) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return run(async (trx) => {
    const row = await trx
      .insertInto('lti_platforms')
      .values({
        issuer: p.issuer,
        client_id: p.clientId,
        name: p.name,
        auth_url: p.authUrl,
        token_url: p.tokenUrl,
        jwks_url: p.jwksUrl,
        status: p.status,
        source: p.source,
        role_mappings: JSON.stringify(p.roleMappings ?? {}),
        origin,
      })
      .onConflict((oc) =>
        oc.columns(['issuer', 'client_id']).doUpdateSet({ name: p.name, auth_url: p.authUrl, token_url: p.tokenUrl, jwks_url: p.jwksUrl, status: p.status, origin, updated_at: new Date() }),
      )
      .returning(columns)
      .executeTakeFirstOrThrow();
    for (const deploymentId of p.deploymentIds)
      await trx.insertInto('lti_deployments').values({ platform_id: row.id, deployment_id: deploymentId }).onConflict((oc) => oc.columns(['platform_id', 'deployment_id']).doNothing()).execute();
    return toPlatform(row);
  });
}

export async function setPlatformStatus(db: Db, id: string, status: PlatformStatus): Promise<boolean> {
  const r = await db.updateTable('lti_platforms').set({ status, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function setDeploymentStatus(db: Db, opts: { platformId: string; deploymentId: string; status: 'active' | 'disabled' }): Promise<boolean> {
  const r = await db.updateTable('lti_deployments').set({ status: opts.status }).where('platform_id', '=', opts.platformId).where('deployment_id', '=', opts.deploymentId).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listActivePlatformOrigins(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('lti_platforms').select('origin').distinct().where('status', '=', 'active').execute();
  return rows.map((r) => r.origin);
}
