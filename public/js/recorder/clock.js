// The recording clock: time recorded, not counting pauses. Pure over an injected now().
export function createClock(now = () => performance.now()) {
  let startedAt = null;
  let pausedAt = null;
  let pausedTotal = 0;
  return {
    start() {
      startedAt = now();
      pausedAt = null;
      pausedTotal = 0;
    },
    pause() {
      if (startedAt !== null && pausedAt === null) pausedAt = now();
    },
    resume() {
      if (pausedAt !== null) {
        pausedTotal += now() - pausedAt;
        pausedAt = null;
      }
    },
    elapsedMs() {
      if (startedAt === null) return 0;
      return Math.max(0, (pausedAt ?? now()) - startedAt - pausedTotal);
    },
  };
}

/** 0:05, 12:34, 1:02:03. */
export function formatClock(ms) {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The MediaRecorder type this browser can make: WebM with VP8 or VP9 and Opus. A canvas composite is
 * recorded as VP9: Chromium's VP8 encoder kept only 8 of 120 frames of a 1280×720 canvas here (VP9 kept
 * 110), while it records camera and screen tracks well at less CPU than VP9.
 */
export function pickMimeType(kind, isSupported = (t) => window.MediaRecorder.isTypeSupported(t)) {
  const vp8 = 'video/webm;codecs=vp8,opus';
  const vp9 = 'video/webm;codecs=vp9,opus';
  const byKind = {
    audio: ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'],
    composite: [vp9, vp8, 'video/webm', 'video/mp4'],
    video: [vp8, vp9, 'video/webm', 'video/mp4'],
  };
  const candidates = byKind[kind];
  return candidates.find((t) => isSupported(t)) || '';
}
