// Headers for a tool that lives inside LMS iframes: the framing is allowed by CSP frame-ancestors for
// the registered platforms (plus a configured list), never by a blanket X-Frame-Options DENY.
import { randomBytesPooled } from '../auth/hmac.js';
import type { RequestHandler } from 'express';

export type SecurityHeaderOptions = {
  /** Origins allowed to frame Luento; read on every request, so newly registered platforms apply at once. */
  frameAncestors: () => readonly string[];
  /** Extra origins the browser fetches media from (S3 or CDN in scaled mode). */
  mediaOrigins?: readonly string[];
  isHttps: boolean;
};

export function buildContentSecurityPolicy(opts: { nonce: string; frameAncestors: readonly string[]; mediaOrigins: readonly string[] }): string {
  const media = opts.mediaOrigins.join(' ');
  const ancestors = ["'self'", ...opts.frameAncestors].join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}'`,
    "style-src 'self'",
    `img-src 'self' data: blob: ${media}`.trim(),
    `media-src 'self' blob: ${media}`.trim(),
    `connect-src 'self' ${media}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    // Deep Linking answers by posting a form to the platform, so platforms are valid form targets.
    `form-action 'self' ${opts.frameAncestors.join(' ')}`.trim(),
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

export function securityHeaders(opts: SecurityHeaderOptions): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytesPooled(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.setHeader(
      'Content-Security-Policy',
      buildContentSecurityPolicy({ nonce, frameAncestors: opts.frameAncestors(), mediaOrigins: opts.mediaOrigins ?? [] }),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Session tokens may travel in URLs when cookies are blocked; never leak them to other sites.
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self)');
    if (opts.isHttps) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
