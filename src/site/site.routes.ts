import express, { Router } from 'express';
import { z } from 'zod';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { setSessionLocale } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { setPreferredLocale } from '../users/users.repo.js';

const localeForm = z.object({
  locale: z.enum(['fi', 'sv', 'en']),
  // Only a local path: an absolute URL here would be an open redirect.
  returnTo: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site')
    .default('/'),
});

export function siteRoutes(opts: { db: Db; isHttps: boolean }): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const t = res.locals.t as Translate;
    await renderPage(res, 'site/home', { title: t('home.title') });
  });
  // The explicit language choice wins over the launch locale and the browser's languages.
  r.post('/locale', express.urlencoded({ extended: false, limit: '4kb' }), requireCsrf, async (req, res) => {
    const input = parseInput(localeForm, req.body);
    // A signed-in user's choice is kept on the user and the session, because the cookie below is
    // often refused inside an LMS iframe.
    const { session } = sessionLocals(res);
    if (session) {
      await setPreferredLocale(opts.db, session.userId, input.locale);
      await setSessionLocale(opts.db, session.tokenHash, input.locale);
    }
    res.cookie('luento_locale', input.locale, {
      maxAge: 365 * 24 * 3600 * 1000,
      httpOnly: true,
      path: '/',
      ...(opts.isHttps ? { sameSite: 'none', secure: true, partitioned: true } : { sameSite: 'lax' }),
    });
    res.redirect(303, input.returnTo);
  });
  return r;
}
