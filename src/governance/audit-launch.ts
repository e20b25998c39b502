// The audit trail of launches: refused launches and logins (with their reason code) and disabled accounts
// refused at launch. Role changes that a launch brings (a course role, or site admin, that differs from
// before) are audited by the launch's own statement (src/lti/launch-complete.ts).
import type { ErrorRequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { LaunchRefusedError } from '../lti/launch-errors.js';
import { recordAudit } from './audit.js';
import { createRefusalAuditLimit } from './refusal-audit-limit.js';
import { renderAccountDisabled } from './user-access-page.js';

export class UserDisabledLaunchError extends LaunchRefusedError {
  constructor(readonly userId: string) {
    super('user_disabled', 'This account has been disabled by a site administrator');
  }
}

/**
 * Error middleware of the LTI router: every refused login or launch is audited with its reason code
 * (the error middleware logs it too), and a disabled account gets its own page naming the support contact.
 * Refusals of unknown senders are audited only up to a rate (refusal-audit-limit.ts); a disabled
 * account's refusal always is.
 */
export function auditLaunchRefusals(deps: { db: Db; now: () => Date }): ErrorRequestHandler {
  const limit = createRefusalAuditLimit({ now: () => deps.now().getTime() });
  return async (err, req, res, next) => {
    if (!(err instanceof LaunchRefusedError)) return next(err);
    const isLogin = req.path.startsWith('/lti/login');
    const userId = err instanceof UserDisabledLaunchError ? err.userId : null;
    if (!userId && !limit.allow(req.ip ?? '')) {
      req.log.warn({ code: err.code, reason: err.reason }, 'refusal not audited: too many refusals from this address this minute');
      return next(err);
    }
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

