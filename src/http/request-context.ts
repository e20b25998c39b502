import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { localeFromAcceptLanguage, normalizeLocale, translator, type Translate } from '../i18n/i18n.js';
import type { Locale } from '../i18n/define-messages.js';
import { redactUrl, type Logger } from '../logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** This request's id (X-Request-Id), in every log line and error page. */
    id: string;
    /** A child of the app logger carrying the request id, made when something first logs for the request. */
    log: Logger;
  }
}

const ignoredPaths = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives each request an id (the proxy's X-Request-Id when it is sane) and a logger, and logs one line when
 * the response is finished: method, path (secrets redacted), status and time, at warn for 4xx and error
 * for 5xx. It does what pino-http did here for a third of its cost (issue 3's launch throughput): the
 * child logger is made only when a handler logs.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ reqId: id })), configurable: true });
    if (ignoredPaths.has(req.path)) return next();
    const start = performance.now();
    res.on('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level]({ reqId: id, req: { method: req.method, url: redactUrl(req.originalUrl) }, res: { statusCode: status }, responseTime: Math.round(performance.now() - start) }, 'request completed');
    });
    next();
  };
}

/**
 * Chooses the UI locale: an explicit choice (`luento_locale` cookie or, later, the user's setting),
 * then the LTI launch locale that the session carries, then Accept-Language, then the site default.
 */
export function localeMiddleware(defaultLocale: Locale): RequestHandler {
  return (req, res, next) => {
    const fromCookie = normalizeLocale(readCookie(req.headers.cookie, 'luento_locale'));
    const fromSession = normalizeLocale(res.locals.sessionLocale as string | undefined);
    const locale = fromCookie ?? fromSession ?? localeFromAcceptLanguage(req.headers['accept-language']) ?? defaultLocale;
    res.locals.locale = locale;
    res.locals.t = translator(locale);
    // The language form returns here; the path keeps a carried session token (?st=).
    res.locals.returnTo = req.method === 'GET' ? req.originalUrl : '/';
    next();
  };
}

/** The request's UI language, as localeMiddleware chose it (en before it ran). */
export function localeOf(res: Response): Locale {
  const locale: unknown = res.locals.locale;
  return locale === 'fi' || locale === 'sv' ? locale : 'en';
}

/** The translator for the request's UI language. */
export function translatorOf(res: Response): Translate {
  return (res.locals.t as Translate | undefined) ?? translator(localeOf(res));
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
