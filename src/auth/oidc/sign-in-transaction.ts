// The browser's half of a direct sign-in in flight: state, nonce, PKCE code_verifier and the page to
// return to, kept in one short-lived, HMAC-signed, httpOnly cookie (SameSite=Lax: the callback is a
// top-level navigation from the IdP, never an iframe). Nothing is stored on the server until the IdP's
// answer is verified, so an abandoned sign-in leaves nothing behind.
import { z } from 'zod';
import { hmac, safeEqual } from '../hmac.js';
import { SignInRefusedError } from './sign-in-errors.js';

export const TRANSACTION_COOKIE = 'luento_oidc_tx';
export const TRANSACTION_TTL_MS = 10 * 60_000;

export type SignInTransaction = { state: string; nonce: string; codeVerifier: string; returnTo: string; expiresAt: number };

const sealed = z.object({
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  codeVerifier: z.string().min(43).max(128),
  returnTo: z.string().max(2000),
  expiresAt: z.number().int(),
});

export function sealTransaction(key: Buffer, tx: SignInTransaction): string {
  const body = Buffer.from(JSON.stringify(tx)).toString('base64url');
  return `${body}.${hmac(key, body)}`;
}

/** The transaction the cookie carries, verified; refuses a missing, forged or expired one. */
export function openTransaction(key: Buffer, value: string | undefined, now: Date): SignInTransaction {
  if (!value) throw new SignInRefusedError('transaction_missing', 'No sign-in is in progress in this browser (the cookie is missing: expired, blocked, or opened in another browser)');
  const [body, signature, ...rest] = value.split('.');
  if (!body || !signature || rest.length > 0 || !safeEqual(hmac(key, body), signature)) throw new SignInRefusedError('transaction_invalid', 'The sign-in cookie was not issued by Luento');
  let parsed: z.infer<typeof sealed>;
  try {
    parsed = sealed.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw new SignInRefusedError('transaction_invalid', 'The sign-in cookie is malformed');
  }
  if (parsed.expiresAt <= now.getTime()) throw new SignInRefusedError('transaction_expired', 'The sign-in took longer than 10 minutes');
  return parsed;
}

/**
 * The page to land on after signing in: only a path on this site. Another origin (`https://…`,
 * `//evil`), a backslash (browsers read `/\evil` as `//evil`), control characters or a carried session
 * token are refused rather than quietly replaced, so a tampered link is visible.
 */
export function parseReturnPath(candidate: unknown, fallback: string): string {
  if (candidate === undefined || candidate === '') return fallback;
  if (typeof candidate !== 'string' || candidate.length > 2000 || !candidate.startsWith('/') || candidate.startsWith('//') || /[\\\s\p{Cc}]/u.test(candidate))
    throw new SignInRefusedError('return_path_invalid', 'The page to return to after signing in must be a path on this site');
  const u = new URL(candidate, 'http://luento.invalid');
  if (u.origin !== 'http://luento.invalid' || u.searchParams.has('st')) throw new SignInRefusedError('return_path_invalid', 'The page to return to after signing in must be a path on this site');
  return u.pathname + u.search;
}
