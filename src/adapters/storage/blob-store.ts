// The storage port: plain data in and out. Implementations: local disk (default) and S3-compatible.
// Keys are relative paths (videos/<id>/hls/v0/seg_001.m4s); a key ending in "/" is a folder prefix.
import type { Readable } from 'node:stream';

/** Inclusive byte positions as in HTTP (RFC 9110 §14.1.2): { start, end? } or the last `suffix` bytes. */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export type BlobSource = { file: string } | { stream: Readable } | { bytes: Uint8Array };

export type BlobInfo = { key: string; size: number; etag: string };

export type BlobRead = BlobInfo & {
  stream: Readable;
  contentType: string;
  /** The bytes being sent, inclusive; null when the whole object is. */
  range: { start: number; end: number } | null;
};

export interface BlobStore {
  /** Stores atomically: readers see the old object or the new one, never a part. */
  put(key: string, source: BlobSource, opts?: { contentType?: string }): Promise<BlobInfo>;
  /** Throws BlobNotFoundError, or RangeNotSatisfiableError for a range past the end. */
  get(key: string, range?: ByteRange): Promise<BlobRead>;
  /** Every object below a folder prefix ("videos/42/"), sorted by key; "" lists the whole store. */
  list(prefix: string): Promise<BlobInfo[]>;
  /** Deletes one object, or everything below a folder prefix ending in "/". Returns how many. */
  delete(keyOrPrefix: string): Promise<number>;
  /** A URL a browser can GET for ttlSeconds, or null when the app must serve the bytes itself (local disk). */
  signedUrl(key: string, ttlSeconds: number): Promise<string | null>;
}

const CONTENT_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt; charset=utf-8',
  jpg: 'image/jpeg',
  json: 'application/json',
};

/** The Content-Type for a key by its extension (HLS: RFC 8216 §4; fMP4 segments: video/iso.segment). */
export function contentTypeForKey(key: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Resolves a range against an object's size; throws the caller's 416 error when it starts past the end. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } | 'unsatisfiable' {
  if ('suffix' in range) {
    if (range.suffix <= 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - range.suffix), end: size - 1 };
  }
  if (range.start < 0 || range.start >= size || (range.end !== undefined && range.end < range.start)) return 'unsatisfiable';
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
