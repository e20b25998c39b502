// Storyboard thumbnails above the seek slider, while the pointer hovers it or the slider is moved.
// The storyboard is a WebVTT file (W3C WebVTT §4) whose cue payloads are media fragment URIs with a
// spatial dimension, `sprite_001.jpg#xywh=x,y,w,h` (Media Fragments URI 1.0 §4.2.2).
import { clamp, formatClock } from './format.js';

function parseTimestamp(text) {
  return text.trim().split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * A sprite path relative to the VTT resolves against the VTT's URL. Signed media URLs carry their token
 * in the query, which URL resolution drops, so a same-origin sprite without a query of its own gets the
 * VTT's query.
 */
export function resolveSpriteUrl(reference, vttUrl) {
  const base = new URL(vttUrl, document.baseURI);
  const url = new URL(reference, base);
  if (!url.search && base.search && url.origin === base.origin) url.search = base.search;
  return url.href;
}

export function parseStoryboard(text, vttUrl) {
  const cues = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing === -1) continue;
    const [from, rest] = lines[timing].split('-->');
    const match = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec((lines[timing + 1] ?? '').trim());
    if (!match) continue;
    const [, reference, x, y, w, h] = match;
    cues.push({ start: parseTimestamp(from), end: parseTimestamp(rest.trim().split(/\s+/)[0]), url: resolveSpriteUrl(reference, vttUrl), x: Number(x), y: Number(y), w: Number(w), h: Number(h) });
  }
  return cues;
}

export function findCue(cues, seconds) {
  return cues.find((cue) => seconds >= cue.start && seconds < cue.end) ?? cues[cues.length - 1] ?? null;
}

export function bindStoryboard({ root, url, duration }) {
  const seek = root.querySelector('.player-seek-range');
  const thumb = root.querySelector('.player-thumb');
  const image = thumb.querySelector('.player-thumb-image');
  const label = thumb.querySelector('.player-thumb-time');
  let cues = null;
  let loading = null;
  let hideTimer;

  // Fetched on first use: most viewers never hover the slider.
  const load = () => {
    loading ??= fetch(url, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : ''))
      .then((text) => { cues = parseStoryboard(text, url); })
      .catch(() => { cues = []; });
    return loading;
  };
  const showAt = async (fraction) => {
    await load();
    const seconds = clamp(fraction, 0, 1) * duration();
    const cue = findCue(cues, seconds);
    if (!cue) return;
    image.style.width = `${cue.w}px`;
    image.style.height = `${cue.h}px`;
    image.style.backgroundImage = `url("${cue.url}")`;
    image.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    label.textContent = formatClock(seconds);
    const width = seek.clientWidth;
    thumb.style.left = `${clamp(fraction * width - cue.w / 2, 0, Math.max(0, width - cue.w))}px`;
    thumb.hidden = false;
  };
  const hide = () => { thumb.hidden = true; };

  seek.addEventListener('pointermove', (event) => {
    clearTimeout(hideTimer);
    const box = seek.getBoundingClientRect();
    showAt((event.clientX - box.left) / box.width);
  });
  seek.addEventListener('pointerleave', hide);
  seek.addEventListener('blur', hide);
  seek.addEventListener('input', () => {
    const total = duration();
    if (total) showAt(Number(seek.value) / total);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 1500);
  });
}
