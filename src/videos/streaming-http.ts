// Pure HTTP pieces of media serving: which stored key a media URL names, the Range header
// (RFC 9110 §14), If-None-Match (RFC 9110 §13.1.2), and Cache-Control for each kind of file.
import type { ByteRange } from '../adapters/storage/blob-store.js';
import { NotFoundError } from '../http/errors.js';

export type MediaPath = { key: string; kind: 'playlist' | 'segment' | 'poster' | 'storyboard' | 'source' };

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

/**
 * The stored key for the path below /media/<token>/<videoId>/. Only hls/…, poster.jpg, storyboard/…
 * and source/… (downloads) exist; anything else, and any path trick (.., an encoded slash that
 * decoded into a segment, dot files), is simply not found.
 */
export function resolveMediaPath(videoId: string, segments: readonly string[]): MediaPath {
  const bad = () => new NotFoundError('No such media file. Reload the page to get fresh links.');
  if (segments.length === 0 || segments.length > 4 || !segments.every((s) => SEGMENT.test(s) && !s.includes('..'))) throw bad();
  const [head, ...rest] = segments;
  const key = `videos/${videoId}/${segments.join('/')}`;
  if (head === 'poster.jpg' && rest.length === 0) return { key, kind: 'poster' };
  if (rest.length === 0) throw bad();
  if (head === 'hls') return { key, kind: key.endsWith('.m3u8') ? 'playlist' : 'segment' };
  if (head === 'storyboard') return { key, kind: 'storyboard' };
  if (head === 'source' && rest.length === 1) return { key, kind: 'source' };
  throw bad();
}

/** One byte range, or undefined when there is none or it is not one we honour (then 200 with all). */
export function parseRangeHeader(header: string | undefined): ByteRange | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [, from, to] = m as unknown as [string, string, string];
  if (from === '') return { suffix: Number(to) };
  const start = Number(from);
  return to === '' ? { start } : { start, end: Number(to) };
}

/** Does If-None-Match name this (strong) ETag? A weak comparison, as §13.1.2 asks for GET. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => bare(t) === bare(etag));
}

/** Playlists must be re-read (their URIs carry tokens); the rest may be reused as long as the token lives. */
export function cacheControlFor(kind: MediaPath['kind'], ttlSeconds: number): string {
  return kind === 'playlist' ? 'no-cache' : `private, max-age=${ttlSeconds}`;
}
