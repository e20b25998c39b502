// Where processing puts its outputs in the BlobStore, and how a retry clears a previous attempt's.
// Every output of a video sits below videos/<id>/, next to (never inside) its source/ folder.
import path from 'node:path';
import type { BlobStore } from '../adapters/storage/blob-store.js';

export const outputKeys = (videoId: string) => ({
  hlsPrefix: `videos/${videoId}/hls/`,
  poster: `videos/${videoId}/poster.jpg`,
  storyboardPrefix: `videos/${videoId}/storyboard/`,
  sourcePrefix: `videos/${videoId}/source/`,
});

/** Deletes everything an earlier (killed or failed) attempt may have stored; the source stays. */
export async function clearOutputs(store: BlobStore, videoId: string): Promise<number> {
  const k = outputKeys(videoId);
  const counts = await Promise.all([store.delete(k.hlsPrefix), store.delete(k.poster), store.delete(k.storyboardPrefix)]);
  return counts.reduce((a, b) => a + b, 0);
}

/** Uploads files from a local folder below a key prefix, a few at a time. */
export async function putFolder(opts: { store: BlobStore; dir: string; files: readonly string[]; prefix: string; signal?: AbortSignal }): Promise<void> {
  const queue = [...opts.files];
  const worker = async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
      opts.signal?.throwIfAborted();
      await opts.store.put(`${opts.prefix}${f}`, { file: path.join(opts.dir, ...f.split('/')) });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}
