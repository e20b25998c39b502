// Staff direct sign-in: the sign-in page, the redirect to the university's IdP, its callback, and
// sign-out. Mounted before the terms gate, like the LTI launch: a sign-in must complete and then land on
// the gate, and signing out must work before the terms are accepted.
import express, { Router, type CookieOptions } from 'express';
import type { OidcConfig } from '../../config-oidc.js';
import type { Db } from '../../db/database.js';
import { readCookie } from '../../http/request-context.js';
import { renderPage } from '../../http/render.js';
import type { Translate } from '../../i18n/i18n.js';
import type { Logger } from '../../logger.js';
import { deriveKey } from '../../lti/secret-box.js';
import { iframeCookie, SESSION_COOKIE } from '../cookies.js';
import { requireCsrf } from '../csrf.js';
import { sessionLocals } from '../session.middleware.js';
import { completeDirectSignIn } from './direct-sign-in.js';
import { isDirectSession } from './direct-session.js';
import { createOidcClient } from './oidc-client.js';
import { SignInRefusedError } from './sign-in-errors.js';
import { signInRefusals } from './sign-in-refusals.js';
import { openTransaction, parseReturnPath, sealTransaction, TRANSACTION_COOKIE, TRANSACTION_TTL_MS } from './sign-in-transaction.js';
import { decideStaffAccess, profileFromClaims } from './staff-claims.js';

export type SignInRouteDeps = { db: Db; log: Logger; now: () => Date; oidc: OidcConfig | undefined; publicUrl: string; secretKey: string; idleMs: number };

/** Where a direct sign-in lands unless the sign-in link named a page: the person's recordings. */
export const DIRECT_LANDING_PATH = '/me/videos';

export function signInRoutes(deps: SignInRouteDeps): Router {
  const r = Router();
  const isHttps = deps.publicUrl.startsWith('https://');
  const callbackPath = '/auth/oidc/callback';
  const oidc = deps.oidc;
  const client = oidc && createOidcClient(oidc, { redirectUri: `${deps.publicUrl}${callbackPath}`, log: deps.log, now: deps.now });
  const txKey = deriveKey(deps.secretKey, 'oidc-transaction');
  // A top-level, first-party flow: Lax is enough and keeps the cookie off cross-site subrequests.
  const txCookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: isHttps, path: '/auth/oidc' };
  const sessionCookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: isHttps, path: '/' };

  r.get('/signin', async (req, res) => {
    const t = res.locals.t as Translate;
    const { actor, session } = sessionLocals(res);
    const next = typeof req.query.next === 'string' ? req.query.next : '';
    await renderPage(res, 'signin/signin', {
      title: t('signin.title'),
      isConfigured: oidc !== undefined,
      providerName: oidc?.displayName ?? t('signin.defaultProvider'),
      loginUrl: `/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}`,
      isSignedIn: actor.kind === 'user' && isDirectSession(session),
      isSignedOut: req.query.signedOut === '1',
    });
  });

  r.get('/auth/oidc/login', async (req, res) => {
    if (!client) throw new SignInRefusedError('not_configured', 'Direct sign-in is not configured (OIDC_ISSUER is unset)');
    const returnTo = parseReturnPath(req.query.next, DIRECT_LANDING_PATH);
    const started = await client.startSignIn();
    const expiresAt = deps.now().getTime() + TRANSACTION_TTL_MS;
    res.cookie(TRANSACTION_COOKIE, sealTransaction(txKey, { state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, returnTo, expiresAt }), { ...txCookie, maxAge: TRANSACTION_TTL_MS });
    res.set('Cache-Control', 'no-store');
    res.redirect(302, started.url.href);
  });

  r.get(callbackPath, async (req, res) => {
    if (!client || !oidc) throw new SignInRefusedError('not_configured', 'Direct sign-in is not configured (OIDC_ISSUER is unset)');
    res.set('Cache-Control', 'no-store');
    // Single use in this browser: whatever happens next, the transaction is spent.
    res.clearCookie(TRANSACTION_COOKIE, txCookie);
    const tx = openTransaction(txKey, readCookie(req.headers.cookie, TRANSACTION_COOKIE), deps.now());
    const query = new URL(req.originalUrl, 'http://luento.invalid').searchParams;
    if (!query.has('code') && !query.has('error')) throw new SignInRefusedError('callback_invalid', 'The callback carries neither a code nor an error');
    if (query.get('state') !== tx.state) throw new SignInRefusedError('state_mismatch', 'The state in the callback is not the one this browser sent');
    // The redirect_uri sent to the token endpoint is this URL without its query (RFC 6749 §4.1.3).
    const claims = await client.finishSignIn(new URL(`${deps.publicUrl}${callbackPath}?${query}`), tx);
    const profile = profileFromClaims(claims);
    const access = decideStaffAccess(claims, oidc);
    if (!access.isStaff) throw new SignInRefusedError('not_staff', `The ${oidc.staff.claim} claim names none of ${oidc.staff.values.join(', ')}`, { sub: profile.sub, email: profile.email, locale: profile.locale });
    const done = await completeDirectSignIn(deps.db, { issuer: oidc.issuer, clientId: oidc.clientId, profile, access, now: deps.now(), idleMs: deps.idleMs });
    req.log.info({ userId: done.userId, linkedBy: done.linkedBy }, 'direct sign-in');
    // A top-level launch may have left a partitioned session cookie of the same name: it would shadow this one.
    if (isHttps) res.clearCookie(SESSION_COOKIE, iframeCookie(isHttps));
    res.cookie(SESSION_COOKIE, done.sessionToken, sessionCookie);
    res.redirect(303, tx.returnTo);
  });

  r.post('/auth/signout', express.urlencoded({ extended: false, limit: '4kb' }), requireCsrf, async (_req, res) => {
    const { session } = sessionLocals(res);
    if (session) await deps.db.deleteFrom('sessions').where('token_hash', '=', session.tokenHash).execute();
    // Both shapes the session cookie may have: a direct sign-in's (Lax) and a launch's (iframe).
    res.clearCookie(SESSION_COOKIE, sessionCookie);
    if (isHttps) res.clearCookie(SESSION_COOKIE, iframeCookie(isHttps));
    res.redirect(303, '/signin?signedOut=1');
  });

  r.use(signInRefusals({ db: deps.db, now: deps.now, issuer: oidc?.issuer }));
  return r;
}
