import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from './errors.js';
import { renderPage } from './render.js';
import { translator } from '../i18n/i18n.js';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}`));
};

/** Normalises anything thrown into an AppError; body-parser and other library errors keep their status. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string; expose?: boolean };
  const status = e.status ?? e.statusCode;
  if (status === 413) return new AppError('payload_too_large', 413, 'Request body too large', 'error.payload_too_large');
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppError(e.type ?? 'bad_request', status, e.expose && e.message ? e.message : 'Bad request', 'error.bad_request');
  return new AppError('internal', 500, 'Internal server error', 'error.internal');
}

/** One place that turns errors into a page (HTML) or JSON, chosen by the Accept header. */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  const appError = toAppError(err);
  const log = req.log;
  if (appError.status >= 500) log.error({ err }, 'request failed');
  else log.warn({ code: appError.code, reason: appError.message, details: appError.details }, 'request refused');
  if (res.headersSent) {
    next(err);
    return;
  }
  const requestId = String(req.id ?? '');
  const wantsJson = req.accepts(['html', 'json']) === 'json' || req.path.startsWith('/api/');
  if (wantsJson) {
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message, details: appError.details, requestId } });
    return;
  }
  const t = (res.locals.t as ReturnType<typeof translator> | undefined) ?? translator('en');
  const message = appError.status >= 500 ? t('error.internal') : appError.messageKey ? t(appError.messageKey) : appError.message;
  // The specific English reason helps the person (or their LMS admin) fix a 4xx; 5xx details stay in the log.
  const detail = appError.status < 500 && appError.messageKey ? appError.message : undefined;
  renderPage(res, 'errors/error', { title: t('error.title'), message, detail, code: appError.code, requestId }, appError.status).catch(
    (renderErr: unknown) => {
      log.error({ err: renderErr }, 'error page failed to render');
      if (!res.headersSent) res.status(appError.status).type('text').send(`${appError.status} ${appError.code}: ${message}`);
    },
  );
};
