// View reporting: POSTs JSON to data-view-url. `start` when playback first starts, `progress` after every
// `heartbeatSeconds` of media actually played, `end` on 'ended' or when the page goes away. The numbers
// are truthful (seeks are not counted as watching); the server decides what counts as a view.
//
// Body: { event: 'start'|'progress'|'end', viewId, videoId, position, watchedSeconds, duration }
// viewId is random per playback session, so the server can join start, progress and end.
const MAX_TICK_SECONDS = 4;

function newViewId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const round = (seconds) => Math.round((Number.isFinite(seconds) ? seconds : 0) * 10) / 10;

export function bindViewReporting({ video, url, headers, videoId, heartbeatSeconds }) {
  let session = null;

  const send = (event, isUnloading = false) => {
    const body = JSON.stringify({
      event, viewId: session.id, videoId, position: round(video.currentTime), watchedSeconds: round(session.watched), duration: round(video.duration),
    });
    // sendBeacon survives the page going away but cannot carry headers; when the page authenticates
    // with a header (no cookies in the LMS iframe), a keepalive fetch does the same job with them.
    if (isUnloading && Object.keys(headers).length === 0 && typeof navigator.sendBeacon === 'function') {
      navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }));
      return;
    }
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body, keepalive: isUnloading, credentials: 'same-origin' })
      .catch(() => undefined);
  };

  video.addEventListener('playing', () => {
    if (session) return;
    session = { id: newViewId(), watched: 0, sinceBeat: 0, last: video.currentTime };
    send('start');
  });
  video.addEventListener('timeupdate', () => {
    if (!session || video.seeking) return;
    const delta = video.currentTime - session.last;
    session.last = video.currentTime;
    if (video.paused || delta <= 0 || delta > MAX_TICK_SECONDS * Math.max(1, video.playbackRate)) return;
    session.watched += delta;
    session.sinceBeat += delta;
    if (session.sinceBeat < heartbeatSeconds) return;
    session.sinceBeat = 0;
    send('progress');
  });
  video.addEventListener('seeked', () => {
    if (session) session.last = video.currentTime;
  });
  const finish = (isUnloading) => {
    if (!session) return;
    send('end', isUnloading);
    session = null;
  };
  video.addEventListener('ended', () => finish(false));
  window.addEventListener('pagehide', () => finish(true));
}
