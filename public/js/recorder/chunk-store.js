// Crash safety: every MediaRecorder chunk goes into IndexedDB the moment it arrives, next to a small
// record of the recording (when it started, its layout and MIME type, the time recorded so far). After a
// tab crash or a reload, what was written is still there and can be put together and uploaded; a
// Matroska/WebM stream cut after any chunk is a valid stream. Uploaded or discarded recordings are removed.
const DB_NAME = 'luento-recorder';
const VERSION = 1;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'));
  });
}

export async function openChunkStore() {
  if (!('indexedDB' in window)) return null;
  const open = indexedDB.open(DB_NAME, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('recordings', { keyPath: 'id' });
    db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
  };
  let db;
  try {
    db = await promised(open);
  } catch {
    return null; // blocked (private mode in some browsers, or storage disabled in the LMS frame)
  }
  const chunkRange = (id) => window.IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
  return {
    /** Starts a recording record; `meta` is { courseId, layout, mimeType, startedAt }. */
    async begin(meta) {
      const id = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const tx = db.transaction('recordings', 'readwrite');
      tx.objectStore('recordings').put({ ...meta, id, elapsedMs: 0, isStopped: false, videoId: null });
      await done(tx);
      return id;
    },
    /** Writes one chunk and the time recorded so far, in one transaction. */
    async append(id, seq, blob, elapsedMs) {
      const tx = db.transaction(['chunks', 'recordings'], 'readwrite');
      tx.objectStore('chunks').put({ recordingId: id, seq, blob });
      const recs = tx.objectStore('recordings');
      const rec = await promised(recs.get(id));
      if (rec) recs.put({ ...rec, elapsedMs });
      await done(tx);
    },
    async update(id, changes) {
      const tx = db.transaction('recordings', 'readwrite');
      const recs = tx.objectStore('recordings');
      const rec = await promised(recs.get(id));
      if (rec) recs.put({ ...rec, ...changes });
      await done(tx);
    },
    /** Recordings not uploaded yet, newest first. */
    async unfinished() {
      const tx = db.transaction('recordings', 'readonly');
      const all = await promised(tx.objectStore('recordings').getAll());
      return all.sort((a, b) => b.startedAt - a.startedAt);
    },
    /** The recording's bytes as one Blob (chunks in order), or null when nothing was written. */
    async assemble(id) {
      const tx = db.transaction(['chunks', 'recordings'], 'readonly');
      const rec = await promised(tx.objectStore('recordings').get(id));
      const chunks = await promised(tx.objectStore('chunks').getAll(chunkRange(id)));
      if (!rec || chunks.length === 0) return null;
      return { record: rec, blob: new Blob(chunks.map((c) => c.blob), { type: rec.mimeType }) };
    },
    async remove(id) {
      const tx = db.transaction(['chunks', 'recordings'], 'readwrite');
      tx.objectStore('chunks').delete(chunkRange(id));
      tx.objectStore('recordings').delete(id);
      await done(tx);
    },
  };
}
