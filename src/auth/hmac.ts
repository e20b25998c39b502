// Short HMAC-SHA256 signatures for values the server hands out and must recognise later (login state,
// CSRF tokens). Keys are derived per purpose from the site secret.
import { createHash, createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';

export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function isHmacValid(key: Buffer, value: string, signature: string): boolean {
  const want = Buffer.from(hmac(key, value));
  const given = Buffer.from(signature);
  return want.length === given.length && timingSafeEqual(want, given);
}

// Random bytes are drawn from the system CSPRNG 4 KiB at a time and handed out once each, as Node does
// for randomUUID: each request needs several tokens (state, nonce, session, CSP nonce), and a call into
// the CSPRNG per token cost about 2% of a launch (issue 3). Bytes are never handed out twice.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Fresh random bytes from the pool (a copy: the pool is refilled in place). */
export function randomBytesPooled(bytes: number): Buffer {
  if (bytes > POOL_SIZE) throw new RangeError(`at most ${POOL_SIZE} random bytes at a time`);
  if (poolOffset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + bytes));
  poolOffset += bytes;
  return out;
}

export function randomToken(bytes = 32): string {
  return randomBytesPooled(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
