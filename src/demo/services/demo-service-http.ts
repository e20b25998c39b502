// HTTP plumbing shared by the demo LMS's service routes: Moodle-style paging (`limit`, `from`, and a
// `Link: rel="next"` header), body media type checks, and JSON errors. Service clients send
// `Accept: application/vnd.ims…+json`, which the app's error middleware would answer with an HTML page,
// so this router answers its own errors as JSON (and the token endpoint in RFC 6749 §5.2 form).
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import type { Logger } from '../../logger.js';
import { OAuthTokenError } from './demo-tokens.js';

const pagingQuery = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  from: z.coerce.number().int().min(0).default(0),
});

/** One page of `items`; `nextUrl` repeats the request's query with the next `from`. */
export function pageOf<T>(items: readonly T[], req: Request, opts: { baseUrl: string; pageSize: number }): { page: T[]; nextUrl?: string } {
  const q = parseInput(pagingQuery, { limit: req.query.limit, from: req.query.from });
  const limit = Math.min(q.limit ?? opts.pageSize, opts.pageSize);
  const page = items.slice(q.from, q.from + limit);
  if (q.from + limit >= items.length) return { page };
  const next = new URL(opts.baseUrl.replace(/\/+$/, '') + req.path);
  next.search = new URL(req.url, 'http://x').search;
  next.searchParams.set('from', String(q.from + limit));
  next.searchParams.set('limit', String(limit));
  return { page, nextUrl: next.toString() };
}

export function requireBodyType(mediaType: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.is(mediaType)) throw new AppError('unsupported_media_type', 415, `Send the body as ${mediaType} (got ${req.get('content-type') ?? 'none'})`);
    next();
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { status?: unknown; type?: unknown; message?: unknown; expose?: unknown };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const message = e.expose === true && typeof e.message === 'string' ? e.message : 'Bad request';
    return new AppError(typeof e.type === 'string' ? e.type : 'bad_request', e.status, message);
  }
  return new AppError('internal', 500, 'Internal server error');
}

export function serviceErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const e = toAppError(err);
    if (e.status >= 500) log.error({ err, path: req.path }, 'demo LMS service failed');
    else log.warn({ code: e.code, reason: e.message, method: req.method, path: req.path }, 'demo LMS service refused a request');
    if (res.headersSent) {
      next(err);
      return;
    }
    if (e instanceof OAuthTokenError) {
      res.status(e.status).set('cache-control', 'no-store').json({ error: e.oauthError, error_description: e.message });
      return;
    }
    // RFC 6750 §3: say why a bearer token was not enough.
    if (e.status === 401) res.set('www-authenticate', 'Bearer realm="demo-lms", error="invalid_token"');
    if (e.code === 'insufficient_scope') res.set('www-authenticate', 'Bearer realm="demo-lms", error="insufficient_scope"');
    res.status(e.status).json({ error: { code: e.code, message: e.status >= 500 ? 'Internal server error' : e.message, details: e.details } });
  };
}
