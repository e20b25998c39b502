import { assertBlobKey, assertBlobPrefix } from './blob-key.js';
import { contentTypeForKey, resolveRange } from './blob-store.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('blob keys', () => {
  it.each([
    ['videos/42/hls/v0/seg_001.m4s', 'ok'],
    ['videos/42/captions/fi.asr.vtt', 'ok'],
    ['a', 'ok'],
    ['', 'storage_key_invalid'],
    ['videos/42/', 'storage_key_invalid'],
    ['../x', 'storage_key_invalid'],
    ['a/../../x', 'storage_key_invalid'],
    ['a/./x', 'storage_key_invalid'],
    ['/etc/passwd', 'storage_key_invalid'],
    ['C:/windows', 'storage_key_invalid'],
    ['a\\..\\x', 'storage_key_invalid'],
    ['a/\0', 'storage_key_invalid'],
    ['a//b', 'storage_key_invalid'],
    ['.tmp/x', 'storage_key_invalid'],
    ['a/.hidden', 'storage_key_invalid'],
    ['a/b c', 'storage_key_invalid'],
    ['a/%2e%2e/x', 'storage_key_invalid'],
    [`a/${'x'.repeat(1100)}`, 'storage_key_invalid'],
  ])('key %j → %s', (key, expected) => expect(codeOf(() => assertBlobKey(key))).toBe(expected));

  it.each([
    ['videos/42/', false, 'ok'],
    ['', true, 'ok'],
    ['', false, 'storage_key_invalid'],
    ['videos/42', false, 'storage_key_invalid'],
    ['../', false, 'storage_key_invalid'],
    ['/videos/', false, 'storage_key_invalid'],
  ])('prefix %j (root allowed: %p) → %s', (prefix, allowRoot, expected) => expect(codeOf(() => assertBlobPrefix(prefix, { allowRoot }))).toBe(expected));
});

describe('resolveRange', () => {
  it.each([
    [{ start: 0 }, 10, { start: 0, end: 9 }],
    [{ start: 2, end: 5 }, 10, { start: 2, end: 5 }],
    [{ start: 8, end: 100 }, 10, { start: 8, end: 9 }],
    [{ suffix: 3 }, 10, { start: 7, end: 9 }],
    [{ suffix: 30 }, 10, { start: 0, end: 9 }],
    [{ start: 10 }, 10, 'unsatisfiable'],
    [{ start: 5, end: 4 }, 10, 'unsatisfiable'],
    [{ suffix: 0 }, 10, 'unsatisfiable'],
    [{ start: 0 }, 0, 'unsatisfiable'],
  ])('%j of %p bytes → %j', (range, size, expected) => expect(resolveRange(range, size)).toEqual(expected));
});

describe('contentTypeForKey', () => {
  it.each([
    ['v/master.m3u8', 'application/vnd.apple.mpegurl'],
    ['v/v0/seg_000.m4s', 'video/iso.segment'],
    ['v/storyboard.vtt', 'text/vtt; charset=utf-8'],
    ['v/sprite_001.JPG', 'image/jpeg'],
    ['v/source', 'application/octet-stream'],
  ])('%s → %s', (key, type) => expect(contentTypeForKey(key)).toBe(type));
});
