// A purge really removes every file: from the local disk (checked on the file system) and from S3
// (s3rver in-process, checked by listing the bucket), and leaves other videos' files alone.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { LocalBlobStore } from '../../src/adapters/storage/local-blob-store.js';
import { S3BlobStore } from '../../src/adapters/storage/s3-blob-store.js';
import type { BlobStore } from '../../src/adapters/storage/blob-store.js';
import { createLifecycleFixture, type LifecycleFixture } from './lifecycle-fixtures.js';

let f: LifecycleFixture;
beforeEach(async () => {
  f = await createLifecycleFixture();
});
afterEach(() => f.close());

const kinds = ['source/lecture.mp4', 'hls/master.m3u8', 'hls/v0/seg_001.m4s', 'captions/fi.vtt', 'storyboard/sprite.jpg', 'storyboard/storyboard.vtt'];

async function purgeTwoVideosOn(store: BlobStore): Promise<{ purged: string; kept: string }> {
  const purged = await f.makeVideo({ createdDay: 0, publishedDay: 0, title: 'Old lecture', blobs: 0 });
  const kept = await f.makeVideo({ createdDay: 800, publishedDay: 800, title: 'New lecture', blobs: 0 });
  for (const id of [purged, kept]) for (const k of kinds) await store.put(`videos/${id}/${k}`, { bytes: new TextEncoder().encode(k) });
  for (const d of [700, 730, 880, 910]) await f.sweep(d, { store });
  expect(await f.db.selectFrom('video_tombstones').select(['title', 'blobs_deleted']).where('video_id', '=', purged).executeTakeFirst()).toEqual({ title: 'Old lecture', blobs_deleted: kinds.length });
  expect(await store.list(`videos/${purged}/`)).toEqual([]);
  expect(await store.list(`videos/${kept}/`)).toHaveLength(kinds.length);
  return { purged, kept };
}

it('removes the files from the local disk', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'luento-purge-local-'));
  try {
    const store = await LocalBlobStore.open({ root });
    const { purged, kept } = await purgeTwoVideosOn(store);
    expect(existsSync(path.join(root, 'videos', purged))).toBe(false);
    expect((await readdir(path.join(root, 'videos', kept), { recursive: true })).length).toBeGreaterThanOrEqual(kinds.length);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

it('removes the objects from S3', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'luento-purge-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: 'luento-test' }] });
  const { port } = await server.run();
  const store = new S3BlobStore({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'luento-test', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', keyPrefix: 'site/', partSizeBytes: 5 * 1024 * 1024 });
  try {
    const { purged } = await purgeTwoVideosOn(store);
    const everything = (await store.list('')).map((b) => b.key);
    expect(everything.some((k) => k.includes(purged))).toBe(false);
    expect(everything).toHaveLength(kinds.length);
  } finally {
    store.close();
    server.httpServer?.closeAllConnections();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  }
});
