import type { CookieOptions } from 'express';

export const SESSION_COOKIE = 'luento_session';
export const STATE_COOKIE = 'luento_lti_state';

/**
 * Cookies that must survive inside an LMS iframe: SameSite=None needs Secure, and Partitioned (CHIPS)
 * lets Chrome keep them when third-party cookies are blocked. On plain http (local development) browsers
 * refuse SameSite=None, so Lax is used there; the demo LMS is same-site with Luento anyway.
 */
export function iframeCookie(isHttps: boolean, extra: CookieOptions = {}): CookieOptions {
  return { httpOnly: true, path: '/', ...(isHttps ? { sameSite: 'none', secure: true, partitioned: true } : { sameSite: 'lax' }), ...extra };
}
