// Error middleware of the sign-in router: every refused direct sign-in is logged with its reason code,
// audited (auth.oidc.refused, after the sign-in's own transaction rolled back), and answered with a page
// a person understands, in their language; 5xx pages too, since "the IdP is down" is worth saying.
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Db } from '../../db/database.js';
import { recordAudit } from '../../governance/audit.js';
import { renderAccountDisabled } from '../../governance/user-access-page.js';
import { readCookie } from '../../http/request-context.js';
import { renderPage } from '../../http/render.js';
import { translator, normalizeLocale, type Translate } from '../../i18n/i18n.js';
import { SignInRefusedError } from './sign-in-errors.js';

/**
 * The page speaks the person's language: their explicit choice or session first, then the locale the IdP
 * names for them (the brief's order), and only then the browser's, which localeMiddleware already applied.
 */
function useIdpLocale(req: Request, res: Response, idpLocale: string | undefined): void {
  const l = normalizeLocale(idpLocale);
  if (!l || normalizeLocale(readCookie(req.headers.cookie, 'luento_locale')) || normalizeLocale(res.locals.sessionLocale as string | undefined)) return;
  res.locals.locale = l;
  res.locals.t = translator(l);
}

export function signInRefusals(deps: { db: Db; now: () => Date; issuer: string | undefined }): ErrorRequestHandler {
  return async (err, req, res, next) => {
    if (!(err instanceof SignInRefusedError)) return next(err);
    const level = err.status >= 500 ? 'error' : 'warn';
    req.log[level]({ code: err.reason, reason: err.message, err: err.status >= 500 ? err.cause : undefined, userId: err.who.userId }, 'direct sign-in refused');
    try {
      await recordAudit(deps.db, {
        action: 'auth.oidc.refused',
        actorId: err.who.userId ?? null,
        subject: err.who.userId ? { kind: 'user', id: err.who.userId } : undefined,
        reason: err.reason,
        details: { message: err.message.slice(0, 500), path: req.path, issuer: deps.issuer, ...(err.who.sub ? { sub: err.who.sub } : {}), ...(err.who.email ? { email: err.who.email } : {}) },
        ip: req.ip ?? null,
        at: deps.now(),
      });
    } catch (auditErr) {
      // The refusal still stands and is logged; a failing audit write must not turn it into another error.
      req.log.error({ err: auditErr }, 'could not audit a refused direct sign-in');
    }
    if (req.accepts(['html', 'json']) === 'json') {
      res.status(err.status).json({ error: { code: err.reason, message: err.message, requestId: String(req.id ?? '') } });
      return;
    }
    useIdpLocale(req, res, err.who.locale);
    // The language form returns to the sign-in page, not to a spent callback.
    res.locals.returnTo = '/signin';
    if (err.reason === 'user_disabled') return renderAccountDisabled(res, deps.db);
    const t = res.locals.t as Translate;
    await renderPage(
      res,
      'signin/refused',
      {
        title: err.reason === 'not_staff' ? t('signin.refused.notStaffTitle') : t('signin.refused.title'),
        message: t(err.messageKey ?? 'signin.refused.restart'),
        code: err.reason,
        requestId: String(req.id ?? ''),
        canRetry: err.reason !== 'not_staff' && err.reason !== 'not_configured',
      },
      err.status,
    );
  };
}
