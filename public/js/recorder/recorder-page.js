// The recorder page: choose and preview sources, count down, record with pause, resume, timer and a
// maximum length, then review and upload (review.js). Chunks go to IndexedDB as they arrive
// (chunk-store.js), so an unfinished recording is offered for recovery when the page opens again.
import { format } from '../upload/progress.js';
import { acquireCamera, acquireMicrophone, acquireScreen, canCapture, fillDeviceSelect, isAllowedHere, loadPrefs, savePrefs, showPreview, startLevelMeter, stopStream } from './capture.js';
import { openChunkStore } from './chunk-store.js';
import { formatClock, pickMimeType } from './clock.js';
import { startComposite } from './compositor.js';
import { startRecording } from './recording.js';
import { offerRecovery } from './recovery.js';
import { createReview } from './review.js';

const root = document.getElementById('recorder');
const messages = JSON.parse(root.querySelector('.recorder-messages').textContent);
const el = (id) => document.getElementById(id);
const steps = ['rec-recover', 'rec-setup', 'rec-recording', 'rec-review', 'rec-progress'];
const sessionToken = root.dataset.sessionToken;
const authHeaders = sessionToken ? { 'X-Luento-Session': sessionToken } : {};
const src = { screen: el('rec-src-screen'), camera: el('rec-src-camera'), mic: el('rec-src-mic') };
const streams = { screen: null, camera: null, mic: null };
const prefs = loadPrefs();
let stopMeter = () => undefined;
let session = null; // { rec, composite, layout, maxMs }
let hasUnsaved = false;
let countdownTimer = null;

const ui = {
  announce: (text) => (el('rec-announce').textContent = text),
  showMessage(text) {
    el('rec-message').textContent = text;
    el('rec-message').hidden = !text;
  },
  show(step) {
    for (const s of steps) el(s).hidden = s !== step;
  },
};
const store = await openChunkStore();
const review = createReview({ root, messages, authHeaders, ui, store, onUploaded: () => (hasUnsaved = false) });

const corner = () => (document.querySelector('input[name="corner"]:checked') || { value: 'bottom-right' }).value;
function rememberChoices() {
  savePrefs({ camera: src.camera.checked, mic: src.mic.checked, cameraId: el('rec-camera').value, micId: el('rec-mic').value, corner: corner(), maxMinutes: el('rec-max').value });
}
function refreshLayoutControls() {
  el('rec-corner').hidden = !(src.screen.checked && src.camera.checked);
  el('rec-level-row').hidden = !streams.mic;
}

async function fillDeviceLists() {
  await fillDeviceSelect(el('rec-camera'), 'videoinput', el('rec-camera').value || prefs.cameraId, messages['recorder.deviceDefault']);
  await fillDeviceSelect(el('rec-mic'), 'audioinput', el('rec-mic').value || prefs.micId, messages['recorder.deviceDefault']);
}

const acquirers = {
  screen: () => acquireScreen(),
  camera: () => acquireCamera(el('rec-camera').value),
  mic: () => acquireMicrophone(el('rec-mic').value),
};
const previews = { screen: el('rec-preview-screen'), camera: el('rec-preview-camera') };

// Source changes run one after another per source: a click while the remembered ones are restored waits.
const pendingSource = {};
function queueSource(kind) {
  pendingSource[kind] = (pendingSource[kind] || Promise.resolve()).then(() => setSource(kind, src[kind].checked));
  return pendingSource[kind];
}

async function setSource(kind, isOn) {
  stopStream(streams[kind]);
  streams[kind] = null;
  if (kind === 'mic') stopMeter();
  if (isOn) {
    try {
      streams[kind] = await acquirers[kind]();
    } catch (err) {
      src[kind].checked = false;
      ui.showMessage(format(messages['recorder.permissionDenied'], { reason: err.message || err.name }));
    }
  }
  if (previews[kind]) showPreview(previews[kind], streams[kind]);
  if (kind === 'mic' && streams.mic) stopMeter = startLevelMeter(streams.mic, el('rec-level'));
  if (kind === 'screen' && streams.screen) streams.screen.getVideoTracks()[0].addEventListener('ended', () => onSourceEnded());
  if (streams.camera || streams.mic) {
    await fillDeviceLists();
  }
  refreshLayoutControls();
}

function layoutOf() {
  if (streams.screen && streams.camera) return 'screen-camera';
  if (streams.screen) return 'screen';
  if (streams.camera) return 'camera';
  return streams.mic ? 'audio' : null;
}

async function recordingStream(layout) {
  const audio = streams.mic ? streams.mic.getAudioTracks() : [];
  if (layout === 'screen-camera') {
    const composite = await startComposite(streams.screen, streams.camera, corner);
    return { stream: new MediaStream([...composite.stream.getVideoTracks(), ...audio]), composite };
  }
  const video = layout === 'screen' ? streams.screen.getVideoTracks() : layout === 'camera' ? streams.camera.getVideoTracks() : [];
  return { stream: new MediaStream([...video, ...audio]), composite: null };
}

function setPaused(isPaused) {
  el('rec-pause').hidden = isPaused;
  el('rec-resume').hidden = !isPaused;
  el('rec-state').textContent = messages[isPaused ? 'recorder.paused' : 'recorder.recording'];
  ui.announce(messages[isPaused ? 'recorder.paused' : 'recorder.recording']);
  el(isPaused ? 'rec-resume' : 'rec-pause').focus();
}

function countdown(seconds) {
  const out = el('rec-countdown');
  out.hidden = false;
  return new Promise((resolve) => {
    let left = seconds;
    const say = () => {
      out.textContent = format(messages['recorder.countdown'], { seconds: left });
      ui.announce(out.textContent);
    };
    say();
    countdownTimer = setInterval(() => {
      left -= 1;
      if (left > 0) return say();
      clearInterval(countdownTimer);
      countdownTimer = null;
      out.hidden = true;
      return resolve();
    }, 1000);
  });
}

async function start() {
  ui.showMessage('');
  const layout = layoutOf();
  if (!layout) return ui.showMessage(messages['recorder.needSource']);
  rememberChoices();
  const maxMinutes = Math.min(Number(root.dataset.maxMinutes), Math.max(1, Number(el('rec-max').value) || 60));
  ui.show('rec-recording');
  el('rec-pause').hidden = false;
  el('rec-resume').hidden = true;
  el('rec-timer').textContent = formatClock(0);
  el('rec-stop').focus();
  hasUnsaved = true;
  await countdown(3);
  await beginRecording(layout, maxMinutes * 60_000);
  return undefined;
}

async function beginRecording(layout, maxMs) {
  const { stream, composite } = await recordingStream(layout);
  showPreview(el('rec-live'), layout === 'audio' ? null : new MediaStream(stream.getVideoTracks()));
  const mimeType = pickMimeType(layout === 'audio' ? 'audio' : layout === 'screen-camera' ? 'composite' : 'video');
  const rec = await startRecording({
    stream, mimeType, store,
    meta: { courseId: root.dataset.courseId, layout, mimeType, startedAt: Date.now() },
    onTick: (ms) => {
      el('rec-timer').textContent = formatClock(ms);
      if (ms >= maxMs) stop(messages['recorder.maxReached']);
    },
    onStorageError: () => ui.showMessage(messages['recorder.storageUnavailable']),
  });
  session = { rec, composite, layout };
  el('rec-state').textContent = messages['recorder.recording'];
  ui.announce(messages['recorder.recording']);
  el('rec-pause').focus();
}

async function stop(reason) {
  if (countdownTimer) {
    clearInterval(countdownTimer);
    countdownTimer = null;
    el('rec-countdown').hidden = true;
    hasUnsaved = false;
    ui.show('rec-setup');
    return;
  }
  if (!session) return;
  const { rec, composite, layout } = session;
  session = null;
  const result = await rec.stop();
  if (composite) composite.stop();
  showPreview(el('rec-live'), null);
  const text = format(messages['recorder.stopped'], { time: formatClock(result.elapsedMs) });
  ui.announce(reason ? `${reason} ${text}` : text);
  if (reason) ui.showMessage(reason);
  review.open({ ...result, layout });
}

function onSourceEnded() {
  src.screen.checked = false;
  streams.screen = null;
  showPreview(previews.screen, null);
  refreshLayoutControls();
  if (session) stop(messages['recorder.sourceEnded']);
}

for (const kind of Object.keys(src)) src[kind].addEventListener('change', () => queueSource(kind).then(rememberChoices));
el('rec-camera').addEventListener('change', () => queueSource('camera').then(rememberChoices));
el('rec-mic').addEventListener('change', () => queueSource('mic').then(rememberChoices));
for (const radio of document.querySelectorAll('input[name="corner"]')) radio.addEventListener('change', rememberChoices);
el('rec-max').addEventListener('change', rememberChoices);
el('rec-start').addEventListener('click', () => start().catch((err) => ui.showMessage(format(messages['recorder.permissionDenied'], { reason: err.message || String(err) }))));
el('rec-pause').addEventListener('click', () => session && (session.rec.pause(), setPaused(true)));
el('rec-resume').addEventListener('click', () => session && (session.rec.resume(), setPaused(false)));
el('rec-stop').addEventListener('click', () => stop());
el('rec-discard').addEventListener('click', async () => {
  const cur = review.current;
  if (store && cur && cur.storeId) await store.remove(cur.storeId).catch(() => undefined);
  hasUnsaved = false;
  ui.show('rec-setup');
  el('rec-start').focus();
});
window.addEventListener('beforeunload', (event) => {
  if (!hasUnsaved) return;
  event.preventDefault();
  event.returnValue = messages['recorder.leaveWarning'];
});

async function init() {
  if (!canCapture()) return ui.showMessage(messages['recorder.unsupported']);
  if (!isAllowedHere('camera') || !isAllowedHere('microphone') || !isAllowedHere('display-capture')) el('rec-popout').hidden = false;
  if (!store) ui.showMessage(messages['recorder.storageUnavailable']);
  if (prefs.corner) document.querySelectorAll('input[name="corner"]').forEach((r) => (r.checked = r.value === prefs.corner));
  if (prefs.maxMinutes) el('rec-max').value = prefs.maxMinutes;
  // Camera and microphone come back as they were; the screen needs the person's own click each time.
  await fillDeviceLists();
  if (prefs.camera) src.camera.checked = true;
  if (prefs.mic) src.mic.checked = true;
  await Promise.all([prefs.camera && queueSource('camera'), prefs.mic && queueSource('mic')]);
  await offerRecovery({
    store, messages, ui,
    onRecover: (recovered) => {
      hasUnsaved = true;
      review.open(recovered);
    },
  });
  return undefined;
}
// data-ready tells scripts (and tests) that remembered sources and recovery have been looked at.
init().finally(() => (root.dataset.ready = 'true'));
