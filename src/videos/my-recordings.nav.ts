// The layout's "My recordings" link (and, for a direct sign-in, its sign-out button), for page requests
// (GET/HEAD wanting HTML) of signed-in people. A direct sign-in always gets the link (it is their landing
// page); anyone else while they own or co-edit a live video, which the session query read (no query here).
import type { RequestHandler } from 'express';
import { isDirectSession } from '../auth/oidc/direct-session.js';
import { sessionLocals } from '../auth/session.middleware.js';

export function myRecordingsNav(): RequestHandler {
  return (req, res, next) => {
    const { actor, session } = sessionLocals(res);
    const accept = req.headers.accept;
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && (accept === undefined || accept.includes('text/html'));
    if (!isPage || actor.kind !== 'user') return next();
    const isDirect = isDirectSession(session);
    res.locals.isDirectSignIn = isDirect;
    res.locals.showMyRecordings = isDirect || session?.user.hasRecordings === true;
    next();
  };
}
