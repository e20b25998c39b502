// Pure: which keys a BlobStore accepts. Keys are relative paths with forward slashes
// (videos/<id>/hls/v0/seg_001.m4s). Anything that could leave the store's root on disk, or mean
// something else on S3, is refused before it reaches a file system or a bucket.
import { BlobKeyInvalidError } from './storage-errors.js';

const MAX_KEY_LENGTH = 1024; // S3's limit, in UTF-8 bytes
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.=+@,-]*$/;

function checkSegments(text: string, segments: string[]): void {
  for (const s of segments) {
    if (s === '') throw new BlobKeyInvalidError('empty path segment (// or a leading /)', text);
    if (s === '..' || s === '.') throw new BlobKeyInvalidError('"." and ".." segments are not allowed', text);
    // A leading dot also keeps keys away from the local store's own temporary folder (.tmp).
    if (!SAFE_SEGMENT.test(s)) throw new BlobKeyInvalidError(`segment ${JSON.stringify(s)} has characters outside A-Z a-z 0-9 _ - . = + @ , or starts with "."`, text);
  }
}

function checkText(text: string): void {
  if (typeof text !== 'string') throw new BlobKeyInvalidError('not a string', String(text));
  if (text.includes('\0')) throw new BlobKeyInvalidError('contains NUL', text);
  if (text.includes('\\')) throw new BlobKeyInvalidError('contains a backslash', text);
  if (text.startsWith('/') || /^[A-Za-z]:/.test(text)) throw new BlobKeyInvalidError('absolute paths are not allowed', text);
  if (Buffer.byteLength(text) > MAX_KEY_LENGTH) throw new BlobKeyInvalidError(`longer than ${MAX_KEY_LENGTH} bytes`, text);
}

/** An object key: at least one segment, no trailing slash. */
export function assertBlobKey(text: string): string {
  checkText(text);
  if (text === '' || text.endsWith('/')) throw new BlobKeyInvalidError('a key names one object and must not be empty or end with "/"', text);
  checkSegments(text, text.split('/'));
  return text;
}

/** A folder prefix: "" (everything, only where allowed) or segments ending with "/". */
export function assertBlobPrefix(text: string, opts: { allowRoot: boolean }): string {
  checkText(text);
  if (text === '') {
    if (!opts.allowRoot) throw new BlobKeyInvalidError('the whole store cannot be addressed here', text);
    return text;
  }
  if (!text.endsWith('/')) throw new BlobKeyInvalidError('a prefix names a folder and must end with "/"', text);
  checkSegments(text, text.slice(0, -1).split('/'));
  return text;
}

export function isPrefix(keyOrPrefix: string): boolean {
  return keyOrPrefix.endsWith('/');
}
