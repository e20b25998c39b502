import { openTransaction, parseReturnPath, sealTransaction, type SignInTransaction } from './sign-in-transaction.js';
import { SignInRefusedError } from './sign-in-errors.js';

const key = Buffer.alloc(32, 7);
const now = new Date('2026-03-01T10:00:00Z');
const tx: SignInTransaction = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), returnTo: '/me/videos', expiresAt: now.getTime() + 600_000 };

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof SignInRefusedError ? e.reason : 'other error';
  }
  return undefined;
};

describe('the sign-in transaction cookie', () => {
  it('opens what it sealed', () => {
    expect(openTransaction(key, sealTransaction(key, tx), now)).toEqual(tx);
  });

  it.each([
    ['missing', undefined, 'transaction_missing'],
    ['empty', '', 'transaction_missing'],
    ['without signature', sealTransaction(key, tx).split('.')[0], 'transaction_invalid'],
    ['with a changed body', `${Buffer.from(JSON.stringify({ ...tx, returnTo: '//evil' })).toString('base64url')}.${sealTransaction(key, tx).split('.')[1]}`, 'transaction_invalid'],
    ['signed with another key', sealTransaction(Buffer.alloc(32, 8), tx), 'transaction_invalid'],
    ['with extra parts', `${sealTransaction(key, tx)}.x`, 'transaction_invalid'],
    ['expired', sealTransaction(key, { ...tx, expiresAt: now.getTime() }), 'transaction_expired'],
  ])('refuses a cookie %s', (_name, value, reason) => {
    expect(reasonOf(() => openTransaction(key, value, now))).toBe(reason);
  });

  it('refuses a well-signed body of the wrong shape', () => {
    expect(reasonOf(() => openTransaction(key, sealTransaction(key, { ...tx, codeVerifier: 'short' }), now))).toBe('transaction_invalid');
  });
});

describe('parseReturnPath', () => {
  it.each([
    [undefined, '/me/videos'],
    ['', '/me/videos'],
    ['/', '/'],
    ['/videos/abc/edit', '/videos/abc/edit'],
    ['/me/videos?after=x#frag', '/me/videos?after=x'],
    ['/a/../admin', '/admin'],
  ])('%j → %j', (candidate, expected) => {
    expect(parseReturnPath(candidate, '/me/videos')).toBe(expected);
  });

  it.each(['//evil.example', 'https://evil.example/', 'http:/evil', '/\\evil.example', '/ok\\..\\evil', 'javascript:alert(1)', 'me/videos', '/a b', '/a\tb', '/x\u0000', '/me?st=token', ['/'], 5, '/'.padEnd(2001, 'a')])('refuses %j', (candidate) => {
    expect(reasonOf(() => parseReturnPath(candidate, '/me/videos'))).toBe('return_path_invalid');
  });
});
