// The caption editor page (views/captions/editor.ejs): cue list, tools, keyboard shortcuts, find and
// replace, undo, autosave, review and version history. The player on the page plays the video; this
// script adds a live preview track drawn from the cues being edited.
import { createAutosave, createRequester } from './autosave.js';
import { createCueList } from './cue-list.js';
import { findNext, replaceAll, setText } from './cue-ops.js';
import { createEditorOps } from './editor-ops.js';
import { createHistory } from './history.js';
import { bindFind } from './find.js';
import { bindReview } from './review.js';
import { pickEditorShortcut } from './shortcuts.js';

function readJson(root, selector) {
  const el = root.querySelector(selector);
  return el ? JSON.parse(el.textContent || '{}') : {};
}

function createPreview(video, language) {
  if (!video || !window.VTTCue) return { update: () => undefined, updateText: () => undefined };
  const track = video.addTextTrack('captions', language.toUpperCase(), language);
  track.mode = 'showing';
  let shown = [];
  return {
    update(cues) {
      for (const c of shown) track.removeCue(c);
      shown = cues.map((c) => new window.VTTCue(c.start, c.end, c.text));
      for (const c of shown) track.addCue(c);
    },
    updateText(i, text) {
      if (shown[i]) shown[i].text = text;
    },
  };
}

/** What the autosave says: progress in the polite status line, problems in the alert. */
function createReporter({ t, status, showError, reloadButton, markInvalid }) {
  return (kind, detail) => {
    if (kind === 'saving') status.textContent = t('captions.editor.saving');
    else if (kind === 'saved') status.textContent = t('captions.editor.saved', { version: detail.version });
    else if (kind === 'dirty') status.textContent = t('captions.editor.unsaved');
    else if (kind === 'waiting') status.textContent = detail;
    else if (kind === 'offline') showError(t('captions.editor.offline'));
    if (kind === 'saved' || kind === 'saving') showError('');
    if (kind === 'saved') markInvalid(-1);
    if (kind === 'invalid') {
      showError(t('captions.editor.saveFailed', { reason: detail?.message ?? '' }));
      if (detail?.details?.cue) markInvalid(detail.details.cue - 1);
    }
    if (kind === 'conflict') {
      showError(detail?.message ?? '');
      reloadButton.hidden = false;
    }
  };
}

function setup(root) {
  const messages = readJson(root, 'script.caption-editor-messages');
  const t = (key, params = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (m, n) => (n in params ? String(params[n]) : m));
  const initial = readJson(root, 'script.caption-editor-state');
  const video = root.querySelector('video');
  const status = root.querySelector('.caption-editor-status');
  const errorBox = root.querySelector('.caption-editor-error');
  const reloadButton = root.querySelector('.caption-editor-reload');
  const request = createRequester({ csrf: root.dataset.csrf, sessionToken: root.dataset.sessionToken });
  const url = root.dataset.apiUrl;
  const server = { version: initial.version, state: initial };
  const history = createHistory({ cues: initial.cues ?? [], focus: 0 });
  let current = 0;
  const cues = () => history.current().cues;
  const preview = createPreview(video, root.dataset.language || 'und');

  const showError = (text) => {
    errorBox.textContent = text || '';
    errorBox.hidden = !text;
  };
  const list = createCueList({
    list: root.querySelector('.caption-cue-list'),
    empty: root.querySelector('.caption-editor-empty'),
    t,
    onInput: (i, text) => {
      history.push({ cues: setText(cues(), i, text), focus: i }, `text:${i}`);
      preview.updateText(i, text);
      autosave.changed();
    },
    onFocus: (i) => {
      current = i;
      const cue = cues()[i];
      // Following the cue being edited: only when paused, so typing never fights playback.
      if (video && cue && video.paused && (video.currentTime < cue.start || video.currentTime >= cue.end)) video.currentTime = cue.start;
    },
  });

  const review = bindReview({ root, t, request, url, autosave: () => autosave, server, onState: (state, opts) => applyServerState(state, opts ?? { replaceCues: false }) });
  const autosave = createAutosave({
    root,
    url,
    request,
    getCues: () => cues().map((c) => ({ start: c.start, end: c.end, text: c.text })),
    getBase: () => server.version,
    onSaved: (state) => applyServerState(state, { replaceCues: false }),
    check: (list_) => {
      const i = list_.findIndex((c) => c.text.trim() === '');
      return i === -1 ? null : t('captions.editor.emptyCue', { n: i + 1 });
    },
    report: createReporter({ t, status, showError, reloadButton, markInvalid: (i) => list.markInvalid(i) }),
  });

  function applyServerState(state, { replaceCues }) {
    server.version = state.version;
    server.state = state;
    review.render(state);
    if (replaceCues) {
      history.push({ cues: state.cues, focus: 0 });
      redraw(0);
    }
  }

  function redraw(focus, caret) {
    list.render(cues());
    preview.update(cues());
    if (focus !== undefined && cues().length > 0) {
      current = Math.max(0, Math.min(focus, cues().length - 1));
      list.focus(current, caret);
    }
  }

  /** Applies an operation's result as one undo step and saves it. */
  function commit(result, { rebuild = true, moveFocus = true } = {}) {
    if (!result) return false;
    history.push({ cues: result.cues, focus: result.focus });
    if (rebuild) redraw(moveFocus ? result.focus : undefined, result.caret);
    else {
      list.relabel(cues(), result.focus);
      preview.update(cues());
    }
    autosave.changed();
    return true;
  }

  const position = {
    get: () => current,
    set: (i) => {
      current = i;
    },
  };
  const ops = createEditorOps({ history, list, video, t, status, autosave, redraw, commit, position });

  for (const button of root.querySelectorAll('.caption-editor-tools [data-op]')) {
    // Tools act on the cue being edited; keep its textarea's caret for "split".
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => ops[button.dataset.op]());
  }
  root.addEventListener('keydown', (e) => {
    const action = pickEditorShortcut(e, ops);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  });
  reloadButton.addEventListener('click', () => location.reload());

  bindFind({
    root,
    t,
    cues,
    current: () => current,
    caret: () => list.caret(current),
    selection: () => list.selection(current),
    select: (m) => {
      current = m.index;
      list.select(m.index, m.from, m.to);
    },
    findNext,
    replaceAll: (needle, replacement) => {
      const r = replaceAll(cues(), needle, replacement);
      if (r.count > 0) commit({ cues: r.cues, focus: current }, { moveFocus: false });
      return r.count;
    },
    replaceOne: (m, replacement) => {
      const cue = cues()[m.index];
      const text = cue.text.slice(0, m.from) + replacement + cue.text.slice(m.to);
      commit({ cues: setText(cues(), m.index, text), focus: m.index, caret: m.from + replacement.length });
    },
  });

  if (video) {
    video.addEventListener('timeupdate', () => {
      const now = video.currentTime;
      list.markPlaying(cues().findIndex((c) => now >= c.start && now < c.end));
    });
  }
  redraw();
  review.render(initial);
  root.dataset.editorReady = 'true';
}

const root = document.getElementById('caption-editor');
if (root) setup(root);
