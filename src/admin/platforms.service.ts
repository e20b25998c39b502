// Platform registration by a site admin (admin page or CLI): active at once. Also approval of pending
// dynamic registrations and disabling.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { NotFoundError } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import type { PlatformStatus } from '../lti/lti.tables.js';
import { findPlatformById, listPlatforms, setPlatformStatus, upsertPlatform, type Platform } from '../lti/platforms.repo.js';
import { recordAudit, type AuditAction } from '../governance/audit.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const newPlatformInput = z.object({
  name: z.string().trim().max(200).default(''),
  issuer: httpUrl,
  clientId: z.string().trim().min(1, 'is required').max(255),
  authUrl: httpUrl,
  tokenUrl: httpUrl,
  jwksUrl: httpUrl,
  deploymentIds: z.array(z.string().trim().min(1).max(255)).min(1, 'at least one deployment id is required'),
});
export type NewPlatformInput = z.input<typeof newPlatformInput>;

export type PlatformChangeDeps = { db: Db; onPlatformsChanged: () => Promise<void> };

export async function addPlatform(deps: PlatformChangeDeps, actor: Actor, input: unknown): Promise<Platform> {
  authorize(actor, 'platform.manage', { kind: 'site' });
  const p = parseInput(newPlatformInput, input);
  const platform = await deps.db.transaction().execute(async (trx) => {
    const saved = await upsertPlatform(trx, { ...p, status: 'active', source: 'admin' });
    await recordAudit(trx, { action: 'platform.registered', actorId: actor.kind === 'user' ? actor.userId : null, subject: { kind: 'platform', id: saved.id }, details: { issuer: saved.issuer, clientId: saved.clientId, source: 'admin', deploymentIds: p.deploymentIds } });
    return saved;
  });
  await deps.onPlatformsChanged();
  return platform;
}

export async function changePlatformStatus(deps: PlatformChangeDeps, actor: Actor, opts: { id: string; status: PlatformStatus }): Promise<void> {
  authorize(actor, 'platform.manage', { kind: 'site' });
  const before = /^\d{1,18}$/.test(opts.id) ? await findPlatformById(deps.db, opts.id) : undefined;
  if (!before) throw new NotFoundError(`No platform with id ${opts.id}`);
  const action: AuditAction = opts.status === 'disabled' ? 'platform.disabled' : before.status === 'pending' ? 'platform.approved' : 'platform.changed';
  await deps.db.transaction().execute(async (trx) => {
    if (!(await setPlatformStatus(trx, opts.id, opts.status))) throw new NotFoundError(`No platform with id ${opts.id}`);
    await recordAudit(trx, { action, actorId: actor.kind === 'user' ? actor.userId : null, subject: { kind: 'platform', id: opts.id }, details: { from: before.status, to: opts.status } });
  });
  await deps.onPlatformsChanged();
}

export async function listPlatformsForAdmin(deps: { db: Db }, actor: Actor) {
  authorize(actor, 'platform.manage', { kind: 'site' });
  return listPlatforms(deps.db);
}

/** What an LMS admin pastes into Moodle (Site administration → Plugins → External tool → Manage tools). */
export function toolSetupValues(publicUrl: string) {
  return {
    toolUrl: `${publicUrl}/lti/launch`,
    loginUrl: `${publicUrl}/lti/login`,
    redirectUrl: `${publicUrl}/lti/launch`,
    deepLinkUrl: `${publicUrl}/lti/launch`,
    jwksUrl: `${publicUrl}/lti/jwks`,
    registrationUrl: `${publicUrl}/lti/register`,
  };
}
