// BlobStore on a local folder. Writes go to ROOT/.tmp and are renamed into place, so a reader never sees
// half an object and a crash leaves only temp files (cleared when the store is opened).
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, assertBlobPrefix, isPrefix } from './blob-key.js';
import { contentTypeForKey, resolveRange, type BlobInfo, type BlobRead, type BlobSource, type BlobStore, type ByteRange } from './blob-store.js';
import { BlobNotFoundError, RangeNotSatisfiableError } from './storage-errors.js';

const TMP = '.tmp';

/** A strong validator from size and modification time, as nginx does; an atomic replace changes both. */
function etagOf(s: { size: number; mtimeMs: number }): string {
  return `"${Math.floor(s.mtimeMs).toString(16)}-${s.size.toString(16)}"`;
}

function sourceStream(source: BlobSource): Readable {
  if ('file' in source) return createReadStream(source.file);
  if ('bytes' in source) return Readable.from([Buffer.from(source.bytes)]);
  return source.stream;
}

export class LocalBlobStore implements BlobStore {
  private constructor(private readonly root: string) {}

  /** Opens (creates) the store's root folder and clears temp files a crash left behind. */
  static async open(opts: { root: string }): Promise<LocalBlobStore> {
    const root = path.resolve(opts.root);
    await rm(path.join(root, TMP), { recursive: true, force: true });
    await mkdir(path.join(root, TMP), { recursive: true });
    return new LocalBlobStore(root);
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, source: BlobSource, _opts?: { contentType?: string }): Promise<BlobInfo> {
    const target = this.pathOf(assertBlobKey(key));
    const temp = path.join(this.root, TMP, randomUUID());
    try {
      await pipeline(sourceStream(source), createWriteStream(temp, { flags: 'wx' }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const s = await stat(target);
    return { key, size: s.size, etag: etagOf(s) };
  }

  async get(key: string, range?: ByteRange): Promise<BlobRead> {
    const file = this.pathOf(assertBlobKey(key));
    const s = await stat(file).catch(() => null);
    if (!s?.isFile()) throw new BlobNotFoundError(key);
    const resolved = range ? resolveRange(range, s.size) : null;
    if (resolved === 'unsatisfiable') throw new RangeNotSatisfiableError(s.size);
    // Open the file we stat'ed: a replace after this point does not mix two versions in one response.
    // 256 KiB reads: HLS segments are around a megabyte, and fewer, larger reads serve them faster.
    const stream = createReadStream(file, { ...(resolved ?? {}), highWaterMark: 256 * 1024 });
    return { key, size: s.size, etag: etagOf(s), contentType: contentTypeForKey(key), range: resolved, stream };
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    const dir = this.pathOf(assertBlobPrefix(prefix, { allowRoot: true }).replace(/\/$/, ''));
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const infos: BlobInfo[] = [];
    for (const e of entries) {
      if (!e.isFile()) continue;
      const rel = path.relative(this.root, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      if (rel.startsWith(`${TMP}/`)) continue;
      const s = await stat(path.join(e.parentPath, e.name)).catch(() => null);
      if (s) infos.push({ key: rel, size: s.size, etag: etagOf(s) });
    }
    return infos.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(keyOrPrefix: string): Promise<number> {
    if (!isPrefix(keyOrPrefix)) {
      const file = this.pathOf(assertBlobKey(keyOrPrefix));
      return unlink(file).then(() => 1, (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EPERM') return 0;
        throw err;
      });
    }
    const prefix = assertBlobPrefix(keyOrPrefix, { allowRoot: false });
    const count = (await this.list(prefix)).length;
    await rm(this.pathOf(prefix.slice(0, -1)), { recursive: true, force: true });
    return count;
  }

  async signedUrl(key: string, _ttlSeconds: number): Promise<string | null> {
    assertBlobKey(key);
    return null;
  }
}
