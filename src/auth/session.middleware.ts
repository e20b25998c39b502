// Finds the session of a request: the session cookie where the browser kept it, otherwise the session
// token carried in the link (?st=), a form field, or the X-Luento-Session header of fetch calls. Sets
// res.locals.actor (always), the launch locale, and a `link()` helper that keeps the token on links.
import type { RequestHandler, Response } from 'express';
import type { Db } from '../db/database.js';
import { readCookie } from '../http/request-context.js';
import { anonymousActor, type Actor } from './permissions.js';
import { SESSION_COOKIE } from './cookies.js';
import { hmac } from './hmac.js';
import { touchSession, type Session } from './sessions.js';

export const SESSION_PARAM = 'st';
export const SESSION_HEADER = 'x-luento-session';

export type SessionLocals = {
  actor: Actor;
  session: Session | undefined;
  /** Set only when the session came from a token rather than the cookie: links and forms must carry it. */
  sessionToken: string | undefined;
  csrfToken: string | undefined;
  link: (path: string) => string;
};

export function actorFromSession(session: Session | undefined): Actor {
  if (!session) return anonymousActor;
  return {
    kind: 'user',
    userId: session.userId,
    isSiteAdmin: session.launch.isSiteAdmin,
    course: session.courseId ? { courseId: session.courseId, role: session.launch.role } : null,
    ...(session.launch.direct && !session.courseId ? { isDirectSignIn: true } : {}),
  };
}

export function withSessionToken(path: string, token: string | undefined): string {
  if (!token) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${SESSION_PARAM}=${encodeURIComponent(token)}`;
}

function tokenFrom(query: unknown, header: string | string[] | undefined): string | undefined {
  const q = (query as Record<string, unknown>)[SESSION_PARAM];
  if (typeof q === 'string') return q;
  return typeof header === 'string' ? header : undefined;
}

export function sessionMiddleware(opts: { db: Db; idleMs: number; csrfKey: Buffer; now: () => Date }): RequestHandler {
  return async (req, res, next) => {
    const cookieToken = readCookie(req.headers.cookie, SESSION_COOKIE);
    const carried = tokenFrom(req.query, req.headers[SESSION_HEADER]);
    const now = opts.now();
    let session = cookieToken ? await touchSession(opts.db, { token: cookieToken, now, idleMs: opts.idleMs }) : undefined;
    let sessionToken: string | undefined;
    if (!session && carried) {
      session = await touchSession(opts.db, { token: carried, now, idleMs: opts.idleMs });
      if (session) sessionToken = carried;
    }
    const locals: SessionLocals = {
      actor: actorFromSession(session),
      session,
      sessionToken,
      csrfToken: session ? hmac(opts.csrfKey, session.tokenHash) : undefined,
      link: (path) => withSessionToken(path, sessionToken),
    };
    Object.assign(res.locals, locals);
    res.locals.sessionLocale = session?.launch.locale;
    next();
  };
}

export function sessionLocals(res: Response): SessionLocals {
  return res.locals as unknown as SessionLocals;
}
