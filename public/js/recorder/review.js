// Review and upload: play the recording back, set the trim (sent to the server, which cuts it when the
// video is processed), fill in title and language, confirm the statement, and upload with progress.
import { format } from '../upload/progress.js';
import { createRecordingVideo, reasonOf, sendBytes } from './send.js';

const el = (id) => document.getElementById(id);
const seconds = (input) => Math.round(Number(input.value) * 1000);

/** ctx: { root, messages, authHeaders, ui: { announce, showMessage, show }, store, onUploaded } */
export function createReview(ctx) {
  const ui = {
    video: el('rec-playback'), form: el('rec-form'), start: el('rec-trim-start'), end: el('rec-trim-end'),
    setStart: el('rec-set-start'), setEnd: el('rec-set-end'), upload: el('rec-upload'), bar: el('rec-bar'), percent: el('rec-percent'), done: el('rec-done'),
  };
  let current = null;
  let lastStep = -1;

  ui.setStart.addEventListener('click', () => (ui.start.value = ui.video.currentTime.toFixed(1)));
  ui.setEnd.addEventListener('click', () => (ui.end.value = ui.video.currentTime.toFixed(1)));

  function open(recording) {
    current = recording;
    if (ui.video.src) URL.revokeObjectURL(ui.video.src);
    ui.video.src = URL.createObjectURL(recording.blob);
    const secs = (recording.elapsedMs / 1000).toFixed(1);
    for (const input of [ui.start, ui.end]) input.max = secs;
    ui.start.value = '0';
    ui.end.value = secs;
    ui.upload.disabled = false;
    ctx.ui.show('rec-review');
    el('rec-review-heading').focus();
  }

  function onProgress(sent, total) {
    const percent = total > 0 ? Math.floor((sent * 100) / total) : 0;
    ui.bar.value = percent;
    ui.percent.textContent = format(ctx.messages['videos.upload.percent'], { percent });
    const step = percent >= 10 ? Math.floor(percent / 10) * 10 : -1;
    if (step > lastStep) {
      lastStep = step;
      ctx.ui.announce(format(ctx.messages['videos.upload.percent'], { percent: step }));
    }
  }

  function trimOf() {
    const startMs = Math.max(0, seconds(ui.start) || 0);
    const endMs = seconds(ui.end);
    const isEndSet = Number.isFinite(endMs) && endMs > 0 && endMs < current.elapsedMs - 100;
    const keptEnd = isEndSet ? endMs : current.elapsedMs;
    if (keptEnd - startMs < 500) return null;
    return { trimStartMs: startMs, ...(isEndSet ? { trimEndMs: endMs } : {}) };
  }

  async function upload() {
    const data = new FormData(ui.form);
    const trim = trimOf();
    if (!trim) return ctx.ui.showMessage(ctx.messages['recorder.trimInvalid']);
    if (!ui.form.reportValidity()) return undefined;
    if (current.blob.size > Number(ctx.root.dataset.maxBytes)) return ctx.ui.showMessage(ctx.messages['videos.upload.tooLarge']);
    ui.upload.disabled = true;
    ctx.ui.showMessage('');
    const body = {
      title: data.get('title'), description: data.get('description') || '', language: data.get('language'),
      fileBytes: current.blob.size, mimeType: current.blob.type || 'video/webm', attestsRightsAndConsent: data.get('attestsRightsAndConsent') === 'on',
      layout: current.layout, recordedMs: Math.round(current.elapsedMs), isRecovered: Boolean(current.isRecovered), ...trim,
    };
    if (data.get('attestationVersion')) body.attestationVersion = data.get('attestationVersion');
    try {
      let { videoId, uploadUrl } = current.videoId ? { videoId: current.videoId, uploadUrl: `/uploads/${current.videoId}` } : { videoId: null, uploadUrl: null };
      if (!videoId) {
        ({ videoId } = await createRecordingVideo({ url: ctx.root.dataset.createUrl, authHeaders: ctx.authHeaders, csrf: ctx.root.dataset.csrf, body }));
        if (ctx.store && current.storeId) await ctx.store.update(current.storeId, { videoId }).catch(() => undefined);
      }
      ctx.ui.show('rec-progress');
      const send = (url) => sendBytes({ blob: current.blob, videoId, fileName: 'recording.webm', authHeaders: ctx.authHeaders, uploadUrl: url, onProgress, onRetry: () => ctx.ui.announce(ctx.messages['videos.upload.retrying']) });
      await send(uploadUrl ? new URL(uploadUrl, window.location.href).href : null);
      await finish();
    } catch (err) {
      ui.upload.disabled = false;
      // An upload started before a reload that is gone (finished or swept) is forgotten; the next try starts afresh.
      if (current.videoId && ctx.store && current.storeId) await ctx.store.update(current.storeId, { videoId: null }).catch(() => undefined);
      current.videoId = null;
      ctx.ui.show('rec-review');
      ctx.ui.showMessage(format(ctx.messages['recorder.failed'], { reason: reasonOf(err) }));
    }
    return undefined;
  }

  async function finish() {
    ui.bar.value = 100;
    ui.percent.textContent = format(ctx.messages['videos.upload.percent'], { percent: 100 });
    if (ctx.store && current.storeId) await ctx.store.remove(current.storeId).catch(() => undefined);
    ctx.onUploaded();
    ui.done.hidden = false;
    ui.done.insertAdjacentText('afterbegin', `${ctx.messages['recorder.uploaded']} `);
    ctx.ui.announce(ctx.messages['recorder.uploaded']);
    ui.done.querySelector('a').focus();
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    upload();
  });

  return { open, get current() { return current; } };
}
