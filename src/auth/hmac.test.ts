import { randomBytesPooled, randomToken } from './hmac.js';

it('hands out pooled random bytes once each, across refills, as copies', () => {
  const seen = new Set<string>();
  // 600 tokens of 32 bytes cross the 4 KiB pool several times.
  for (let i = 0; i < 600; i++) seen.add(randomToken());
  expect(seen.size).toBe(600);
  for (const t of seen) expect(t).toMatch(/^[\w-]{43}$/);
  const a = randomBytesPooled(16);
  const copy = Buffer.from(a);
  for (let i = 0; i < 300; i++) randomBytesPooled(16);
  // The pool was refilled in place since: the bytes handed out did not change.
  expect(a.equals(copy)).toBe(true);
  expect(() => randomBytesPooled(5000)).toThrow(RangeError);
});
