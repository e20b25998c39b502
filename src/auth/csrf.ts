// Session cookies are SameSite=None (they must work in the LMS iframe), so cross-site form posts carry
// them. Every state-changing form of a cookie session must therefore carry the CSRF token. A session
// carried by token needs none: the token itself is the secret a forged form cannot know.
import type { RequestHandler } from 'express';
import { AppError } from '../http/errors.js';
import { safeEqual } from './hmac.js';
import { sessionLocals } from './session.middleware.js';

export const CSRF_FIELD = '_csrf';

export const requireCsrf: RequestHandler = (req, res, next) => {
  const locals = sessionLocals(res);
  if (!locals.session || locals.sessionToken) {
    next();
    return;
  }
  const given = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (typeof given !== 'string' || !locals.csrfToken || !safeEqual(given, locals.csrfToken)) {
    next(new AppError('csrf_failed', 403, 'The form is missing its CSRF token or it does not match this session', 'error.csrf'));
    return;
  }
  next();
};
