// One behaviour for every BlobStore: run against local disk, s3rver, and any S3 endpoint from the env.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { BlobStore, ByteRange } from '../../src/adapters/storage/blob-store.js';

export type ContractTarget = {
  store: BlobStore;
  close: () => Promise<void>;
  /** For stores that keep temp files on disk: where, so the test can see none are left. */
  tempDir?: string;
};
export type ContractOptions = {
  /** s3rver answers bytes=-N wrongly (MEDIA-NOTES); real S3 and Swift do not. */
  hasCorrectSuffixRanges: boolean;
  signsUrls: boolean;
  /** s3rver serves a presigned URL whose path was changed; real S3 and Swift refuse it with 403. */
  checksPresignedSignatures: boolean;
};

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function describeBlobStoreContract(name: string, setup: () => Promise<ContractTarget>, opts: ContractOptions): void {
  describe(`BlobStore contract: ${name}`, () => {
    let target: ContractTarget;
    let store: BlobStore;
    beforeAll(async () => {
      target = await setup();
      store = target.store;
    });
    afterAll(async () => target?.close());

    const read = async (key: string, range?: ByteRange) => {
      const r = await store.get(key, range);
      return { ...r, body: (await buffer(r.stream)).toString() };
    };

    it('stores bytes, a file and a stream, and reads them back with size, ETag and content type', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'luento-blob-'));
      const file = path.join(dir, 'playlist.m3u8');
      await writeFile(file, '#EXTM3U\n');
      const a = await store.put('videos/1/a.txt', { bytes: Buffer.from('hello') });
      await store.put('videos/1/hls/master.m3u8', { file });
      await store.put('videos/1/hls/v0/seg_000.m4s', { stream: Readable.from([Buffer.from('seg'), Buffer.from('ment')]) });
      expect(a).toMatchObject({ key: 'videos/1/a.txt', size: 5, etag: expect.stringMatching(/.+/) });
      expect(await read('videos/1/a.txt')).toMatchObject({ body: 'hello', size: 5, etag: a.etag, range: null });
      expect(await read('videos/1/hls/master.m3u8')).toMatchObject({ body: '#EXTM3U\n', contentType: 'application/vnd.apple.mpegurl' });
      expect(await read('videos/1/hls/v0/seg_000.m4s')).toMatchObject({ body: 'segment', size: 7, contentType: 'video/iso.segment' });
      await rm(dir, { recursive: true, force: true });
    });

    it('replaces an object whole, with a new ETag', async () => {
      const first = await store.put('videos/2/x.vtt', { bytes: Buffer.from('WEBVTT\n') });
      const second = await store.put('videos/2/x.vtt', { bytes: Buffer.from('WEBVTT\n\nNOTE new\n') });
      expect(second.etag).not.toBe(first.etag);
      expect((await read('videos/2/x.vtt')).body).toBe('WEBVTT\n\nNOTE new\n');
    });

    it('reads byte ranges', async () => {
      await store.put('videos/3/r.bin', { bytes: Buffer.from('0123456789') });
      expect(await read('videos/3/r.bin', { start: 2, end: 5 })).toMatchObject({ body: '2345', size: 10, range: { start: 2, end: 5 } });
      expect(await read('videos/3/r.bin', { start: 7 })).toMatchObject({ body: '789', range: { start: 7, end: 9 } });
      expect(await read('videos/3/r.bin', { start: 8, end: 100 })).toMatchObject({ body: '89', range: { start: 8, end: 9 } });
      await expect(store.get('videos/3/r.bin', { start: 10 })).rejects.toMatchObject({ code: 'range_not_satisfiable', size: 10 });
    });

    (opts.hasCorrectSuffixRanges ? it : it.skip)('reads suffix ranges (bytes=-N)', async () => {
      await store.put('videos/3/s.bin', { bytes: Buffer.from('0123456789') });
      expect(await read('videos/3/s.bin', { suffix: 3 })).toMatchObject({ body: '789', range: { start: 7, end: 9 } });
      expect(await read('videos/3/s.bin', { suffix: 50 })).toMatchObject({ body: '0123456789' });
    });

    it('says when an object does not exist', async () => {
      await expect(store.get('videos/none/x.m4s')).rejects.toMatchObject({ code: 'storage_not_found', status: 404 });
    });

    it('lists a folder, sorted, without its look-alike neighbours', async () => {
      for (const k of ['lst/1/b.m4s', 'lst/1/a/z.m4s', 'lst/10/c.m4s', 'lst/1x']) await store.put(k, { bytes: Buffer.from(k) });
      expect((await store.list('lst/1/')).map((i) => i.key)).toEqual(['lst/1/a/z.m4s', 'lst/1/b.m4s']);
      expect((await store.list('lst/1/'))[1]).toMatchObject({ size: 11, etag: expect.stringMatching(/.+/) });
      expect(await store.list('lst/nothing/')).toEqual([]);
    });

    it('deletes one object, or a folder and everything in it, and nothing else', async () => {
      for (const k of ['del/1/hls/v0/seg_000.m4s', 'del/1/hls/master.m3u8', 'del/1/poster.jpg', 'del/10/keep.jpg']) await store.put(k, { bytes: Buffer.from('x') });
      expect(await store.delete('del/1/poster.jpg')).toBe(1);
      expect(await store.delete('del/1/poster.jpg')).toBe(0);
      expect(await store.delete('del/1/')).toBe(2);
      expect(await store.list('del/')).toEqual([expect.objectContaining({ key: 'del/10/keep.jpg' })]);
      await expect(store.get('del/1/hls/master.m3u8')).rejects.toMatchObject({ code: 'storage_not_found' });
    });

    it.each([
      ['../etc/passwd'], ['videos/../../x'], ['/etc/passwd'], ['videos\\1\\a'], ['videos/\0/a'], ['videos//a'], ['./a'], ['C:/x'], ['.tmp/x'], [''], ['videos/1/'],
    ])('refuses the key %j', async (key) => {
      await expect(store.put(key, { bytes: Buffer.from('x') })).rejects.toMatchObject({ code: 'storage_key_invalid', status: 400 });
      await expect(store.get(key)).rejects.toMatchObject({ code: 'storage_key_invalid' });
    });

    it('refuses prefixes with path tricks, and deleting the whole store', async () => {
      await expect(store.list('../')).rejects.toMatchObject({ code: 'storage_key_invalid' });
      await expect(store.delete('')).rejects.toMatchObject({ code: 'storage_key_invalid' });
      await expect(store.delete('videos/../')).rejects.toMatchObject({ code: 'storage_key_invalid' });
    });

    it('uploads a large object in parts and reads back the same bytes', async () => {
      const big = Buffer.alloc(11 * 1024 * 1024 + 123);
      for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
      const chunks = Array.from({ length: Math.ceil(big.length / 65536) }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
      const info = await store.put('big/source.mp4', { stream: Readable.from(chunks) });
      expect(info.size).toBe(big.length);
      const back = await store.get('big/source.mp4');
      expect(sha(await buffer(back.stream))).toBe(sha(big));
      const tail = await read('big/source.mp4', { start: big.length - 3 });
      expect(tail.range).toEqual({ start: big.length - 3, end: big.length - 1 });
    });

    it('leaves nothing behind when the source fails half-way', async () => {
      const failing = Readable.from((async function* () {
        yield Buffer.alloc(6 * 1024 * 1024, 1);
        throw new Error('client went away');
      })());
      await expect(store.put('broken/upload.mp4', { stream: failing })).rejects.toThrow('client went away');
      await expect(store.get('broken/upload.mp4')).rejects.toMatchObject({ code: 'storage_not_found' });
      expect(await store.list('broken/')).toEqual([]);
      if (target.tempDir) expect(await readdir(target.tempDir)).toEqual([]);
    });

    it(opts.signsUrls ? 'gives a presigned GET URL that works' : 'has no URLs to sign: the app serves the bytes', async () => {
      await store.put('videos/9/seg.m4s', { bytes: Buffer.from('signed bytes') });
      const url = await store.signedUrl('videos/9/seg.m4s', 60);
      if (!opts.signsUrls) return expect(url).toBeNull();
      expect(url).toMatch(/X-Amz-Expires=60/);
      const res = await fetch(url ?? '');
      expect([res.status, await res.text()]).toEqual([200, 'signed bytes']);
      if (!opts.checksPresignedSignatures) return;
      await store.put('videos/9/other.m4s', { bytes: Buffer.from('not yours') });
      const tampered = await fetch((url ?? '').replace('seg.m4s', 'other.m4s'));
      expect(tampered.status).toBe(403);
    });
  });
}
