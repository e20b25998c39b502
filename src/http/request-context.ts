import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { localeFromAcceptLanguage, normalizeLocale, translator, type Translate } from '../i18n/i18n.js';
import type { Locale } from '../i18n/define-messages.js';
import { redactUrl, type Logger } from '../logger.js';

export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
  });
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
