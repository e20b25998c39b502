// The interactive transcript: the cues of the selected caption track as a list beside the video. The
// current cue is highlighted (aria-current) and kept in view by scrolling the list only, never the page
// or the focus; a cue seeks when activated; search filters the list; .txt and .vtt can be downloaded.
import { formatClock } from './format.js';

/** Reads WebVTT cues as plain text (tags removed, the usual character references decoded). */
export function parseTranscript(vtt) {
  const cues = [];
  const blocks = vtt.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n');
    const at = lines.findIndex((l) => l.includes('-->'));
    if (at === -1) continue;
    const [from, to] = lines[at].split('-->').map((s) => toSeconds(s.trim().split(/\s+/)[0]));
    const text = lines.slice(at + 1).join(' ').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').trim();
    if (Number.isFinite(from) && Number.isFinite(to) && text) cues.push({ start: from, end: to, text });
  }
  return cues;
}

function toSeconds(stamp) {
  const parts = (stamp || '').split(':').map(Number);
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

function trackToShow(trackElements, language) {
  const showing = trackElements.find((el) => el.track.mode === 'showing');
  return showing ?? trackElements.find((el) => el.srclang === language) ?? trackElements[0];
}

export function bindTranscript({ root, video, t, title, language, seekTo }) {
  const panel = root.querySelector('.player-transcript');
  const toggle = root.querySelector('.player-transcript-toggle');
  const trackElements = [...video.querySelectorAll('track')];
  if (!panel || !toggle || trackElements.length === 0) return;
  const list = panel.querySelector('.player-transcript-list');
  const search = panel.querySelector('.player-transcript-search');
  const count = panel.querySelector('.player-transcript-count');
  const txtLink = panel.querySelector('.player-transcript-txt');
  const vttLink = panel.querySelector('.player-transcript-vtt');
  let cues = [];
  let items = [];
  let shownSrc = null;
  let currentIndex = -1;
  let txtUrl = null;

  async function load() {
    const el = trackToShow(trackElements, language);
    if (!el || el.src === shownSrc) return;
    shownSrc = el.src;
    const res = await fetch(el.src, { credentials: 'same-origin' }).catch(() => null);
    cues = res && res.ok ? parseTranscript(await res.text()) : [];
    render(el);
  }

  function render(el) {
    list.replaceChildren();
    currentIndex = -1;
    items = cues.map((cue, i) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'player-transcript-cue';
      const time = document.createElement('span');
      time.className = 'player-transcript-time';
      time.textContent = formatClock(cue.start);
      const text = document.createElement('span');
      text.className = 'player-transcript-text';
      text.textContent = cue.text;
      button.append(time, ' ', text);
      button.addEventListener('click', () => {
        seekTo(cue.start + 0.001);
        follow();
      });
      li.append(button);
      list.append(li);
      return { li, button, text, index: i };
    });
    if (cues.length === 0) count.textContent = t('captions.transcript.none');
    const base = (title || 'transcript').replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'transcript';
    if (txtUrl) URL.revokeObjectURL(txtUrl);
    txtUrl = URL.createObjectURL(new Blob([cues.map((c) => c.text).join('\n') + '\n'], { type: 'text/plain;charset=utf-8' }));
    txtLink.href = txtUrl;
    txtLink.download = `${base}.${el.srclang}.txt`;
    vttLink.href = el.src;
    vttLink.download = `${base}.${el.srclang}.vtt`;
    applySearch();
    follow();
  }

  function applySearch() {
    const needle = search.value.trim().toLocaleLowerCase();
    let n = 0;
    for (const item of items) {
      const cue = cues[item.index];
      const at = needle ? cue.text.toLocaleLowerCase().indexOf(needle) : -1;
      item.li.hidden = needle !== '' && at === -1;
      if (at === -1) item.text.textContent = cue.text;
      else {
        n++;
        const mark = document.createElement('mark');
        mark.textContent = cue.text.slice(at, at + needle.length);
        item.text.replaceChildren(cue.text.slice(0, at), mark, cue.text.slice(at + needle.length));
      }
    }
    if (needle) count.textContent = t('captions.transcript.matches', { n });
    else if (cues.length) count.textContent = '';
  }

  function follow() {
    const now = video.currentTime;
    const index = cues.findIndex((c) => now >= c.start && now < c.end);
    if (index === currentIndex) return;
    items[currentIndex]?.button.removeAttribute('aria-current');
    currentIndex = index;
    const item = items[index];
    if (!item) return;
    item.button.setAttribute('aria-current', 'true');
    // Someone reading or tabbing through the list keeps their place.
    if (panel.hidden || list.contains(document.activeElement) || item.li.hidden) return;
    const top = item.li.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.li.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = Math.max(0, top - list.clientHeight / 3);
  }

  toggle.addEventListener('click', () => {
    const isOpen = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!isOpen));
    panel.hidden = isOpen;
    root.classList.toggle('has-transcript', !isOpen);
    if (!isOpen) load().then(follow);
  });
  search.addEventListener('input', applySearch);
  video.addEventListener('timeupdate', follow);
  video.addEventListener('seeked', follow);
  video.textTracks.addEventListener('change', () => {
    if (!panel.hidden) load();
  });
}
