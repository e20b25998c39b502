// Screen with the camera as picture-in-picture, drawn on a canvas whose stream is recorded. Frames are
// paced by a worker's timer, because a page's requestAnimationFrame stops (and its timers slow to once a
// second) while the recording teacher looks at another tab or window.
const MAX_WIDTH = 1920;
const FPS = 30;

function videoOf(stream) {
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.srcObject = stream;
  v.play().catch(() => undefined);
  return v;
}

function pipRect(canvas, cam, corner) {
  const w = Math.round(canvas.width * 0.25);
  const h = Math.round((w * (cam.videoHeight || 9)) / (cam.videoWidth || 16));
  const m = Math.round(canvas.width * 0.02);
  const x = corner.endsWith('left') ? m : canvas.width - w - m;
  const y = corner.startsWith('top') ? m : canvas.height - h - m;
  return { x, y, w, h };
}

/** Returns { stream, stop }; getCorner() is read on every frame, so the corner can change while recording. */
export async function startComposite(screenStream, cameraStream, getCorner) {
  const screen = videoOf(screenStream);
  const cam = videoOf(cameraStream);
  await new Promise((resolve) => (screen.readyState >= 1 ? resolve() : screen.addEventListener('loadedmetadata', resolve, { once: true })));
  const canvas = document.createElement('canvas');
  const scale = Math.min(1, MAX_WIDTH / (screen.videoWidth || 1280));
  // Even sizes: the encoders (and yuv420p later) need them.
  canvas.width = Math.round(((screen.videoWidth || 1280) * scale) / 2) * 2;
  canvas.height = Math.round(((screen.videoHeight || 720) * scale) / 2) * 2;
  const g = canvas.getContext('2d');
  const draw = () => {
    g.drawImage(screen, 0, 0, canvas.width, canvas.height);
    if (cam.readyState >= 2) {
      const r = pipRect(canvas, cam, getCorner());
      g.drawImage(cam, r.x, r.y, r.w, r.h);
    }
  };
  // captureStream(0) with requestFrame(): each drawn frame is pushed to the recorder explicitly. With
  // captureStream(30) Chromium takes frames only when it paints the page, which a hidden or headless
  // page does rarely (measured: 26 frames in 4 s, against 120 this way).
  const stream = canvas.captureStream(0);
  const [track] = stream.getVideoTracks();
  const tick = () => {
    draw();
    if (track.readyState === 'live') track.requestFrame();
  };
  tick();
  const ticker = new window.Worker('/static/js/recorder/tick-worker.js');
  ticker.onmessage = tick;
  ticker.postMessage({ intervalMs: Math.round(1000 / FPS) });
  return {
    stream,
    stop() {
      ticker.terminate();
      for (const t of stream.getTracks()) t.stop();
      screen.srcObject = null;
      cam.srcObject = null;
    },
  };
}
