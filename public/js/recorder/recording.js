// One recording: a MediaRecorder on the chosen stream, with 1 s chunks. Each chunk is kept in memory
// for the review and written to IndexedDB at once (chunk-store.js), in order, so a crash loses at most
// the last second. Pause and resume keep one file; the clock leaves pauses out.
import { createClock } from './clock.js';

const TIMESLICE_MS = 1000;

/**
 * opts: { stream, mimeType, store (or null), meta, onTick(elapsedMs), onStorageError(err) }.
 * Returns controls: pause, resume, stop() → Promise<{ blob, elapsedMs, storeId }>, cancel.
 */
export async function startRecording(opts) {
  const clock = createClock();
  const recorder = new MediaRecorder(opts.stream, { mimeType: opts.mimeType || undefined, videoBitsPerSecond: 2_500_000, audioBitsPerSecond: 128_000 });
  const storeId = opts.store ? await opts.store.begin(opts.meta) : null;
  const chunks = [];
  let writes = Promise.resolve();
  let seq = 0;
  recorder.addEventListener('dataavailable', (event) => {
    if (!event.data || event.data.size === 0) return;
    chunks.push(event.data);
    if (!storeId) return;
    const n = seq++;
    const elapsed = clock.elapsedMs();
    writes = writes.then(() => opts.store.append(storeId, n, event.data, elapsed)).catch((err) => opts.onStorageError(err));
  });
  const ticker = setInterval(() => opts.onTick(clock.elapsedMs()), 250);
  clock.start();
  recorder.start(TIMESLICE_MS);
  const finish = () => {
    clearInterval(ticker);
    clock.pause();
    if (recorder.state === 'inactive') return Promise.resolve();
    return new Promise((resolve) => {
      recorder.addEventListener('stop', resolve, { once: true });
      recorder.stop();
    });
  };
  return {
    get state() {
      return recorder.state;
    },
    elapsedMs: () => clock.elapsedMs(),
    pause() {
      if (recorder.state !== 'recording') return;
      recorder.pause();
      clock.pause();
    },
    resume() {
      if (recorder.state !== 'paused') return;
      recorder.resume();
      clock.resume();
    },
    async stop() {
      await finish();
      await writes;
      const elapsedMs = clock.elapsedMs();
      if (storeId) await opts.store.update(storeId, { isStopped: true, elapsedMs }).catch((err) => opts.onStorageError(err));
      return { blob: new Blob(chunks, { type: recorder.mimeType || opts.mimeType }), elapsedMs, storeId, mimeType: recorder.mimeType || opts.mimeType };
    },
  };
}
