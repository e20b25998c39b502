// Thin LTI routes: JWKS, OIDC login initiation, launch, and the platform-storage confirmation.
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { isHmacValid, safeEqual } from '../auth/hmac.js';
import { iframeCookie, SESSION_COOKIE, STATE_COOKIE } from '../auth/cookies.js';
import { withSessionToken } from '../auth/session.middleware.js';
import { readCookie } from '../http/request-context.js';
import { renderPage } from '../http/render.js';
import type { Translate } from '../i18n/i18n.js';
import { completeLaunch, type CompletedLaunch } from './launch-complete.js';
import { LaunchRefusedError } from './launch-errors.js';
import { verifyLaunch, type LaunchDeps } from './launch.js';
import type { LtiDeps } from './lti-deps.js';
import { LOGIN_STATE_TTL_MS, parseLoginParams, startLogin } from './login.js';
import { auditLaunchRefusals } from '../governance/audit-launch.js';

export type LtiRouteDeps = { db: Db; lti: LtiDeps; publicUrl: string; now: () => Date };

// A launch form carries an id_token of a few kB; leave room for the oversized-token check to speak.
const form = express.urlencoded({ extended: false, limit: '256kb' });
const confirmInput = z.object({ state: z.string().min(1), value: z.string().default('') });

export function ltiRoutes(deps: LtiRouteDeps): Router {
  const r = Router();
  const isHttps = deps.publicUrl.startsWith('https://');
  const launchDeps = (): LaunchDeps => ({ db: deps.db, platformsByIssuer: deps.lti.platforms.byIssuer, platformKeys: deps.lti.platformKeys, stateKey: deps.lti.stateKey, embedTokens: deps.lti.embedTokens, now: deps.now() });

  r.get('/lti/jwks', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await deps.lti.toolKeys.jwks());
  });

  const login = async (req: express.Request, res: Response) => {
    const params = parseLoginParams(req.method === 'POST' ? req.body : req.query);
    const started = await startLogin({ db: deps.db, platformsByIssuer: deps.lti.platforms.byIssuer, stateKey: deps.lti.stateKey, redirectUri: `${deps.publicUrl}/lti/launch`, now: deps.now(), params });
    res.cookie(STATE_COOKIE, started.state, iframeCookie(isHttps, { path: '/lti', maxAge: LOGIN_STATE_TTL_MS }));
    res.set('Cache-Control', 'no-store');
    if (started.storage) {
      // LTI Client Side postMessages: keep the proof in the platform's storage, then go on by GET.
      const t = res.locals.t as Translate;
      await renderPage(res, 'lti/storage', { title: t('lti.storage.checking'), mode: 'put', storage: started.storage, next: started.authRedirect });
      return;
    }
    // A top-level 302 (never a form post): Moodle keeps the launch in its session cookie (LTI-NOTES).
    res.redirect(302, started.authRedirect);
  };
  r.get('/lti/login', login);
  r.post('/lti/login', form, login);

  r.post('/lti/launch', form, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const idToken = typeof body.id_token === 'string' ? body.id_token : undefined;
    const state = typeof body.state === 'string' ? body.state : undefined;
    const verified = await verifyLaunch(launchDeps(), { idToken, state, stateCookie: readCookie(req.headers.cookie, STATE_COOKIE) });
    if (verified.needsStorageCheck) {
      // Everything else is verified; wait for the browser to show the secret it stored at login.
      await deps.db.updateTable('lti_login_states').set({ pending_launch: JSON.stringify({ idToken }) }).where('state_id', '=', verified.loginStateId).execute();
      const t = res.locals.t as Translate;
      await renderPage(res, 'lti/storage', { title: t('lti.storage.checking'), mode: 'get', storage: verified.needsStorageCheck, state, next: '/lti/launch/confirm' });
      return;
    }
    finishLaunch(res, await completeLaunch(deps.db, { launch: verified, now: deps.now(), idleMs: deps.lti.sessionIdleMs }), isHttps);
  });

  r.post('/lti/launch/confirm', form, async (req, res) => {
    const input = confirmInput.safeParse(req.body);
    if (!input.success) throw new LaunchRefusedError('storage_check_failed', 'The confirmation lacks its state');
    const [id, sig] = input.data.state.split('.');
    if (!id || !sig || !isHmacValid(deps.lti.stateKey, id, sig)) throw new LaunchRefusedError('state_invalid', 'The state was not issued by Luento');
    const row = await deps.db.selectFrom('lti_login_states').select(['browser_secret', 'pending_launch']).where('state_id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    const pending = z.object({ idToken: z.string() }).safeParse(row?.pending_launch);
    if (!row || !pending.success) throw new LaunchRefusedError('state_invalid', 'No launch waits for this state');
    if (!safeEqual(input.data.value, row.browser_secret)) throw new LaunchRefusedError('storage_check_failed', 'The value in the platform storage does not match this login');
    const verified = await verifyLaunch(launchDeps(), { idToken: pending.data.idToken, state: input.data.state, stateCookie: undefined });
    finishLaunch(res, await completeLaunch(deps.db, { launch: verified, now: deps.now(), idleMs: deps.lti.sessionIdleMs }), isHttps);
  });
  r.use(auditLaunchRefusals({ db: deps.db, now: deps.now }));
  return r;
}

function finishLaunch(res: Response, done: CompletedLaunch, isHttps: boolean): void {
  res.clearCookie(STATE_COOKIE, iframeCookie(isHttps, { path: '/lti' }));
  res.cookie(SESSION_COOKIE, done.sessionToken, iframeCookie(isHttps));
  // The token also rides in the landing URL: if the cookie was blocked, the page carries it on.
  res.redirect(303, withSessionToken(done.landingPath, done.sessionToken));
}
