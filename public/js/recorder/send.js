// Sends a finished recording: the JSON call that creates its video (with layout, length and trim), then
// the bytes through the upload's tus endpoint with tus-js-client (window.tus), as the upload page does.
// A recording recovered after a reload in mid-upload continues its earlier upload (uploadUrl).
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000];
const CHUNK_BYTES = 64 * 1024 * 1024;

export async function createRecordingVideo({ url, authHeaders, csrf, body }) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    body: JSON.stringify(csrf ? { ...body, _csrf: csrf } : body),
    headers: { ...authHeaders, 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((json.error && json.error.message) || res.statusText);
  return json;
}

export function reasonOf(err) {
  const res = err && err.originalResponse;
  const body = res && typeof res.getBody === 'function' ? String(res.getBody() || '').trim() : '';
  return body || (err && err.message) || String(err);
}

/** Resolves when the last byte is stored; onProgress(sent, total). */
export function sendBytes({ blob, videoId, fileName, authHeaders, uploadUrl, onProgress, onRetry }) {
  return new Promise((resolve, reject) => {
    const upload = new window.tus.Upload(blob, {
      endpoint: new URL('/uploads', window.location.href).href,
      uploadUrl: uploadUrl || null,
      metadata: { videoId, filename: fileName, filetype: blob.type || 'video/webm' },
      headers: authHeaders,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: false,
      onProgress,
      onSuccess: () => resolve(),
      onError: reject,
      onShouldRetry(err) {
        const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
        const isRetryable = status === 0 || status >= 500 || status === 423 || status === 429;
        if (isRetryable) onRetry();
        return isRetryable;
      },
    });
    upload.start();
  });
}
