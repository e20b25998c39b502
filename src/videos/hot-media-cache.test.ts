import { Readable } from 'node:stream';
import type { BlobRead } from '../adapters/storage/blob-store.js';
import { BlobNotFoundError } from '../adapters/storage/storage-errors.js';
import { createHotMediaCache } from './hot-media-cache.js';

function blobOf(key: string, text: string, etag = 'e1'): BlobRead {
  const bytes = Buffer.from(text);
  return { key, size: bytes.length, etag, contentType: 'video/iso.segment', range: null, stream: Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]) };
}

function setup(o: { maxBytes?: number; maxEntryBytes?: number } = {}) {
  let t = 0;
  const opens: string[] = [];
  const files = new Map<string, string>([['a', 'aaaaaaaaaa'], ['b', 'bbbbbbbbbb'], ['c', 'cccccccccc'], ['big', 'x'.repeat(100)]]);
  const cache = createHotMediaCache({ maxBytes: o.maxBytes ?? 25, maxEntryBytes: o.maxEntryBytes ?? 50, ttlMs: 1000, now: () => t });
  const open = (key: string) => async () => {
    opens.push(key);
    const text = files.get(key);
    if (text === undefined) throw new BlobNotFoundError(key);
    return blobOf(key, text);
  };
  return { cache, open, opens, files, advance: (ms: number) => (t += ms) };
}

test('a hit within the freshness window reads nothing; after it, the object is read again', async () => {
  const s = setup();
  expect((await s.cache.read('a', s.open('a')))?.bytes.toString()).toBe('aaaaaaaaaa');
  await s.cache.read('a', s.open('a'));
  expect(s.opens).toEqual(['a']);
  s.advance(1000);
  s.files.set('a', 'AAAAAAAAAA');
  expect((await s.cache.read('a', s.open('a')))?.bytes.toString()).toBe('AAAAAAAAAA');
  expect(s.opens).toEqual(['a', 'a']);
});

test('the least recently used entries leave when the budget is exceeded', async () => {
  const s = setup({ maxBytes: 25 });
  await s.cache.read('a', s.open('a'));
  await s.cache.read('b', s.open('b'));
  await s.cache.read('a', s.open('a'));
  await s.cache.read('c', s.open('c'));
  expect(s.cache.stats()).toEqual({ entries: 2, bytes: 20 });
  await s.cache.read('a', s.open('a'));
  await s.cache.read('b', s.open('b'));
  expect(s.opens).toEqual(['a', 'b', 'c', 'b']);
});

test('objects over the entry limit are not cached, and not opened again while that is known', async () => {
  const s = setup({ maxEntryBytes: 50 });
  expect(await s.cache.read('big', s.open('big'))).toBeNull();
  expect(await s.cache.read('big', s.open('big'))).toBeNull();
  expect(s.opens).toEqual(['big']);
  expect(s.cache.stats().bytes).toBe(0);
});

test('concurrent misses share one read', async () => {
  const s = setup();
  const got = await Promise.all([1, 2, 3].map(() => s.cache.read('a', s.open('a'))));
  expect(got.map((g) => g?.size)).toEqual([10, 10, 10]);
  expect(s.opens).toEqual(['a']);
});

test('a vanished object is an error, and its stale entry is dropped', async () => {
  const s = setup();
  await s.cache.read('a', s.open('a'));
  s.advance(1000);
  s.files.delete('a');
  await expect(s.cache.read('a', s.open('a'))).rejects.toBeInstanceOf(BlobNotFoundError);
  expect(s.cache.stats()).toEqual({ entries: 0, bytes: 0 });
});
