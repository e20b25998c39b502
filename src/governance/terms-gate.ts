// The terms gate (issue 7), mounted right after the session and locale middleware: a signed-in user
// who must accept the current terms and has not sees nothing else until they do, and a disabled user
// sees nothing at all. Its row is read with the session (touchSession), so it costs no query of its own.
// With no terms published, nothing is gated.
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../auth/permissions.js';
import { SESSION_PARAM, sessionLocals } from '../auth/session.middleware.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { mustAcceptTerms, parseTermsPolicy } from './terms-policy.js';
import type { GateRow } from './terms.repo.js';
import { renderAccountDisabled } from './user-access-page.js';

export type GateDecision = 'disabled' | 'accept' | 'open';

/** The pure decision: disabled beats everything; then the newest version that requires acceptance. */
export function decideGate(row: GateRow, actor: Actor): GateDecision {
  if (row.isDisabled) return 'disabled';
  if (row.requiredVersion === null || !mustAcceptTerms(parseTermsPolicy(row.policy), actor)) return 'open';
  return row.acceptedVersion !== null && row.acceptedVersion >= row.requiredVersion ? 'open' : 'accept';
}

/**
 * What the gate never looks at: the launch itself (it must complete, then land on the gate; a disabled
 * account is refused there), the tool's public LTI endpoints, and the demo LMS. The deep-linking picker
 * is under /lti too, but it is a page of the product, so it stays gated.
 */
export function isLaunchPath(path: string): boolean {
  return /^\/lti\/(login|launch(\/confirm)?|jwks|register)$/.test(path) || path === '/demo' || path.startsWith('/demo/');
}

/** What works before acceptance: the terms pages themselves, and the language choice (to read them in). */
export function isOpenBeforeAcceptance(path: string): boolean {
  return path === '/terms' || path.startsWith('/terms/') || path === '/locale';
}

/** A path on this site to return to after accepting: never another origin (open redirect), never the token. */
export function safeNextPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || !/^\/(?![/\\])[^\s]*$/.test(candidate) || candidate.length > 2000) return '/';
  const u = new URL(candidate, 'http://luento.invalid');
  if (u.origin !== 'http://luento.invalid') return '/';
  u.searchParams.delete(SESSION_PARAM);
  return u.pathname + u.search;
}

function isPageRequest(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const accept = req.headers.accept;
  return accept === undefined || accept.includes('text/html');
}

export class TermsNotAcceptedError extends AppError {
  constructor() {
    super('terms_not_accepted', 403, 'Accept the current terms of use before using Luento: open /terms/accept', 'terms.gate.blocked');
  }
}

export class AccountDisabledError extends AppError {
  constructor() {
    super('account_disabled', 403, 'This account has been disabled by a site administrator', 'access.disabled.message');
  }
}

async function refuseDisabled(req: Request, res: Response, db: Db): Promise<void> {
  if (!isPageRequest(req)) throw new AccountDisabledError();
  req.log.warn({ code: 'account_disabled', userId: sessionLocals(res).session?.userId }, 'request refused');
  await renderAccountDisabled(res, db);
}

export function termsGate(deps: { db: Db }): RequestHandler {
  // Named, so tests can find the gate in the app's stack and check every route mounted after it.
  return async function termsGateMiddleware(req, res, next) {
    const { session, actor, link } = sessionLocals(res);
    if (!session || actor.kind !== 'user' || isLaunchPath(req.path)) return next();
    const row = session.gate;
    // The layout's footer links to the terms once there are any.
    res.locals.hasTerms = row.latestVersion !== null;
    const decision = decideGate(row, actor);
    if (decision === 'disabled') return refuseDisabled(req, res, deps.db);
    if (decision === 'open' || isOpenBeforeAcceptance(req.path)) return next();
    if (!isPageRequest(req)) throw new TermsNotAcceptedError();
    res.redirect(303, link(`/terms/accept?next=${encodeURIComponent(safeNextPath(req.originalUrl))}`));
  } satisfies RequestHandler;
}
