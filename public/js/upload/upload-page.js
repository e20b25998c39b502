// The upload page: starts an upload (JSON POST), then sends the file with tus-js-client (loaded before
// this module as window.tus), with progress, speed, time left, pause and resume. After a page reload,
// choosing the same file finds the earlier upload (its fingerprint is kept in localStorage) and resumes
// it; after a server restart, the client's retry delays carry the upload over the gap.
import { announcedStep, createSpeedMeter, format, timeLeftText } from './progress.js';
import { canUseLocalStorage } from './storage.js';

const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000];
const CHUNK_BYTES = 64 * 1024 * 1024;

const form = document.getElementById('upload-form');
const messages = JSON.parse(form.querySelector('.upload-messages').textContent);
const el = (id) => document.getElementById(id);
const ui = {
  file: el('up-file'), start: el('up-start'), section: el('upload-progress'), bar: el('up-bar'), percent: el('up-percent'),
  speed: el('up-speed'), pause: el('up-pause'), resume: el('up-resume'), announce: el('up-announce'), message: el('up-message'), done: el('up-done'),
};
const sessionToken = form.dataset.sessionToken;
const authHeaders = sessionToken ? { 'X-Luento-Session': sessionToken } : {};
const maxBytes = Number(form.dataset.maxBytes);
const storageOk = canUseLocalStorage();
const meter = createSpeedMeter();
let current = null;
let lastStep = -1;

function announce(text) {
  ui.announce.textContent = text;
}

function showMessage(text) {
  ui.message.textContent = text;
  ui.message.hidden = !text;
}

function setRunning(isRunning) {
  ui.pause.hidden = !isRunning;
  ui.resume.hidden = isRunning;
}

function onProgress(sent, total) {
  const percent = total > 0 ? Math.floor((sent * 100) / total) : 0;
  ui.bar.value = percent;
  ui.percent.textContent = format(messages['videos.upload.percent'], { percent });
  const rate = meter.sample(sent);
  if (rate > 0) {
    const speed = (rate / 1e6).toFixed(rate >= 1e7 ? 0 : 1);
    ui.speed.textContent = format(messages['videos.upload.speed'], { speed, time: timeLeftText((total - sent) / rate, messages) });
  }
  const step = announcedStep(percent);
  if (step > lastStep) {
    lastStep = step;
    announce(format(messages['videos.upload.percent'], { percent: step }));
  }
}

function onSuccess() {
  ui.bar.value = 100;
  ui.percent.textContent = format(messages['videos.upload.percent'], { percent: 100 });
  ui.speed.textContent = '';
  ui.pause.hidden = true;
  ui.resume.hidden = true;
  ui.done.hidden = false;
  showMessage('');
  announce(messages['videos.upload.done']);
  ui.done.insertAdjacentText('afterbegin', `${messages['videos.upload.done']} `);
  ui.done.querySelector('a').focus();
}

function reasonOf(err) {
  const res = err && err.originalResponse;
  const body = res && typeof res.getBody === 'function' ? String(res.getBody() || '').trim() : '';
  return body || (err && err.message) || String(err);
}

function tusUpload(file, videoId, endpoint, handlers) {
  return new window.tus.Upload(file, {
    endpoint,
    metadata: { videoId, filename: file.name, filetype: file.type || 'application/octet-stream' },
    headers: authHeaders,
    chunkSize: CHUNK_BYTES,
    retryDelays: RETRY_DELAYS,
    removeFingerprintOnSuccess: true,
    storeFingerprintForResuming: storageOk,
    onProgress,
    onSuccess,
    onError: handlers.onError,
    onShouldRetry(err) {
      const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
      const isRetryable = status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
      if (isRetryable) announce(messages['videos.upload.retrying']);
      return isRetryable;
    },
  });
}

async function createVideo(file) {
  const data = new FormData(form);
  const body = {
    title: data.get('title'), description: data.get('description') || '', language: data.get('language'),
    fileName: file.name, fileBytes: file.size, attestsRightsAndConsent: data.get('attestsRightsAndConsent') === 'on',
  };
  // The version of the statement the page showed: the server refuses it if a newer one was released meanwhile.
  if (data.get('attestationVersion')) body.attestationVersion = data.get('attestationVersion');
  if (form.dataset.csrf) body._csrf = form.dataset.csrf;
  const res = await fetch(form.dataset.createUrl, {
    method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
    headers: { ...authHeaders, 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((json.error && json.error.message) || res.statusText);
  return json;
}

function begin(upload) {
  current = upload;
  form.hidden = true;
  ui.section.hidden = false;
  setRunning(true);
  meter.reset();
  upload.start();
}

async function startOrResume(file, allowResume) {
  const endpoint = new URL('/uploads', window.location.href).href;
  const failWith = (err) => {
    showMessage(format(messages['videos.upload.failed'], { reason: reasonOf(err) }));
    setRunning(false);
  };
  const probe = tusUpload(file, '', endpoint, { onError: failWith });
  const previous = allowResume && storageOk ? await probe.findPreviousUploads() : [];
  const earlier = previous.find((p) => p.metadata && p.metadata.videoId);
  if (earlier) {
    const upload = tusUpload(file, earlier.metadata.videoId, endpoint, {
      // The earlier upload is gone (finished elsewhere or cleaned up): forget it and start afresh.
      onError: async () => {
        await upload.abort().catch(() => undefined);
        await Promise.resolve(probe.options.urlStorage.removeUpload(earlier.urlStorageKey)).catch(() => undefined);
        await startOrResume(file, false).catch(failWith);
      },
    });
    upload.resumeFromPreviousUpload(earlier);
    announce(messages['videos.upload.resuming']);
    begin(upload);
    return;
  }
  const created = await createVideo(file);
  begin(tusUpload(file, created.videoId, new URL(created.uploadUrl, window.location.href).href, { onError: failWith }));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  showMessage('');
  const file = ui.file.files && ui.file.files[0];
  if (!file) return showMessage(messages['videos.upload.fileRequired']);
  if (file.type && !/^(video|audio)\//.test(file.type)) return showMessage(messages['videos.upload.notMedia']);
  if (file.size > maxBytes) return showMessage(messages['videos.upload.tooLarge']);
  ui.start.disabled = true;
  startOrResume(file, true).catch((err) => {
    ui.start.disabled = false;
    showMessage(format(messages['videos.upload.failed'], { reason: err.message || String(err) }));
  });
});

ui.pause.addEventListener('click', () => {
  if (!current) return;
  current.abort().catch(() => undefined);
  setRunning(false);
  announce(format(messages['videos.upload.paused'], { percent: ui.bar.value }));
  ui.resume.focus();
});

ui.resume.addEventListener('click', () => {
  if (!current) return;
  setRunning(true);
  meter.reset();
  current.start();
  ui.pause.focus();
});

if (!storageOk) showMessage(messages['videos.upload.storageBlocked']);
