// A bounded memory cache of the media bytes many viewers fetch at once (a class watching the same
// lecture asks for the same segments within seconds). Local disk only: in S3 mode the bytes never pass
// through the app. nginx answers such requests with sendfile from the page cache; Node has no sendfile,
// and a read through the thread pool per request was the largest cost of serving a segment
// (docs/design/videos.md, "Serving segments"). Entries are re-read after `ttlMs`, so a reprocessed or
// purged video is served stale for at most that long, and only to holders of a valid token.
import type { BlobRead } from '../adapters/storage/blob-store.js';

export type HotMedia = { bytes: Buffer; size: number; etag: string; contentType: string };

export type HotMediaCacheOptions = {
  /** Total budget for cached bytes; least recently used entries go first. */
  maxBytes: number;
  /** Larger objects (a source download, a long audio-only rendition) are streamed, never cached. */
  maxEntryBytes: number;
  ttlMs: number;
  now?: () => number;
};

type Entry = HotMedia & { loadedAt: number };

export type HotMediaCache = {
  /**
   * The object's bytes from memory, loaded through `open` on a miss; null when it is too large to
   * cache (the caller streams it). Errors of `open` (not found) pass through.
   */
  read(key: string, open: () => Promise<BlobRead>): Promise<HotMedia | null>;
  stats(): { entries: number; bytes: number };
};

export function createHotMediaCache(o: HotMediaCacheOptions): HotMediaCache {
  const now = o.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently used first.
  const entries = new Map<string, Entry>();
  const tooLarge = new Map<string, number>();
  const loading = new Map<string, Promise<HotMedia | null>>();
  let total = 0;

  const remove = (key: string): void => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    total -= e.size;
  };

  const insert = (key: string, e: Entry): void => {
    remove(key);
    entries.set(key, e);
    total += e.size;
    for (const [k] of entries) {
      if (total <= o.maxBytes) break;
      remove(k);
    }
  };

  async function load(key: string, open: () => Promise<BlobRead>): Promise<HotMedia | null> {
    let blob: BlobRead;
    try {
      blob = await open();
    } catch (err) {
      remove(key);
      throw err;
    }
    if (blob.size > o.maxEntryBytes || blob.size > o.maxBytes) {
      blob.stream.destroy();
      if (tooLarge.size >= 10_000) tooLarge.clear();
      tooLarge.set(key, now());
      return null;
    }
    const bytes = Buffer.allocUnsafe(blob.size);
    let at = 0;
    for await (const chunk of blob.stream as AsyncIterable<Buffer>) at += chunk.copy(bytes, at);
    // The file changed size while being read (replaced): serve what was read, but do not keep it.
    if (at !== blob.size) return { bytes: bytes.subarray(0, at), size: at, etag: blob.etag, contentType: blob.contentType };
    const entry: Entry = { bytes, size: blob.size, etag: blob.etag, contentType: blob.contentType, loadedAt: now() };
    insert(key, entry);
    return entry;
  }

  return {
    async read(key, open) {
      const t = now();
      const hit = entries.get(key);
      if (hit && t - hit.loadedAt < o.ttlMs) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const skippedAt = tooLarge.get(key);
      if (skippedAt !== undefined && t - skippedAt < o.ttlMs) return null;
      tooLarge.delete(key);
      // Concurrent misses of one key share one read.
      let pending = loading.get(key);
      if (!pending) {
        pending = load(key, open).finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
    stats: () => ({ entries: entries.size, bytes: total }),
  };
}
