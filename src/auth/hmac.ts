// Short HMAC-SHA256 signatures for values the server hands out and must recognise later (login state,
// CSRF tokens). Keys are derived per purpose from the site secret.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function isHmacValid(key: Buffer, value: string, signature: string): boolean {
  const want = Buffer.from(hmac(key, value));
  const given = Buffer.from(signature);
  return want.length === given.length && timingSafeEqual(want, given);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
