// The audit trail of launches: refused launches and logins (with their reason code), disabled accounts
// refused at launch, and role changes that a launch brings (a course role, or site admin, that differs
// from before). Called from src/lti/ with the launch's own transaction.
import type { ErrorRequestHandler } from 'express';
import type { AppRole } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { LaunchRefusedError } from '../lti/launch-errors.js';
import { recordAudit } from './audit.js';
import { renderAccountDisabled } from './user-access-page.js';

export class UserDisabledLaunchError extends LaunchRefusedError {
  constructor(readonly userId: string) {
    super('user_disabled', 'This account has been disabled by a site administrator');
  }
}

export type AccountBeforeLaunch = { userId: string; isDisabled: boolean; isSiteAdmin: boolean; courseRole: AppRole | null };

/** The account as it was before this launch: read first, so the launch's upserts can be compared with it. */
export async function readAccountBeforeLaunch(db: Db, k: { platformId: string; sub: string; deploymentId: string; contextId: string }): Promise<AccountBeforeLaunch | undefined> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('courses as c', (j) => j.on('c.platform_id', '=', k.platformId).on('c.deployment_id', '=', k.deploymentId).on('c.context_id', '=', k.contextId))
    .leftJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'u.id').onRef('m.course_id', '=', 'c.id'))
    .select(['u.id', 'u.site_role', 'u.disabled_at', 'm.role'])
    .where('u.platform_id', '=', k.platformId)
    .where('u.sub', '=', k.sub)
    .executeTakeFirst();
  return row && { userId: row.id, isDisabled: row.disabled_at !== null, isSiteAdmin: row.site_role === 'admin', courseRole: row.role };
}

/** Refuses the launch of a disabled account, before anything is written. */
export function refuseDisabledAccount(before: AccountBeforeLaunch | undefined): void {
  if (before?.isDisabled) throw new UserDisabledLaunchError(before.userId);
}

/** Records role.changed when a known user's course role or site admin status differs from before. */
export async function auditLaunchRoleChanges(
  trx: Db,
  o: { before: AccountBeforeLaunch | undefined; courseId: string; courseRole: AppRole; isSiteAdmin: boolean; ltiRoles: readonly string[]; now: Date },
): Promise<void> {
  const b = o.before;
  if (!b) return;
  if (b.courseRole !== null && b.courseRole !== o.courseRole)
    await recordAudit(trx, { action: 'role.changed', actorId: null, subject: { kind: 'user', id: b.userId }, reason: 'lti_launch', details: { courseId: o.courseId, from: b.courseRole, to: o.courseRole, ltiRoles: o.ltiRoles }, at: o.now });
  if (b.isSiteAdmin !== o.isSiteAdmin)
    await recordAudit(trx, { action: 'role.changed', actorId: null, subject: { kind: 'user', id: b.userId }, reason: 'lti_launch', details: { siteAdmin: { from: b.isSiteAdmin, to: o.isSiteAdmin }, ltiRoles: o.ltiRoles }, at: o.now });
}

/**
 * Error middleware of the LTI router: every refused login or launch is audited with its reason code
 * (the error middleware logs it too), and a disabled account gets its own page naming the support contact.
 */
export function auditLaunchRefusals(deps: { db: Db; now: () => Date }): ErrorRequestHandler {
  return async (err, req, res, next) => {
    if (!(err instanceof LaunchRefusedError)) return next(err);
    const isLogin = req.path.startsWith('/lti/login');
    const userId = err instanceof UserDisabledLaunchError ? err.userId : null;
    try {
      await recordAudit(deps.db, {
        action: isLogin ? 'login.refused' : 'launch.refused',
        actorId: userId,
        subject: userId ? { kind: 'user', id: userId } : undefined,
        reason: err.reason,
        details: { message: err.message.slice(0, 500), path: req.path },
        ip: req.ip ?? null,
        at: deps.now(),
      });
    } catch (auditErr) {
      // The refusal still stands and is still logged; a failing audit write must not turn it into a 500.
      req.log.error({ err: auditErr }, 'could not audit a refused launch');
    }
    if (!(err instanceof UserDisabledLaunchError) || req.accepts(['html', 'json']) === 'json') return next(err);
    req.log.warn({ code: err.code, userId }, 'request refused');
    await renderAccountDisabled(res, deps.db);
  };
}

