// Resume from the last position, remembered per video in localStorage. The player starts there at once
// and says so, visibly and through the live region, with a button to start from the beginning instead.
import { formatClock } from './format.js';
import { readStored, writeStored } from './storage.js';

const MIN_SECONDS = 2;
const TAIL_SECONDS = 2;
const SAVE_EVERY_MS = 2000;

export function bindResume({ root, video, videoId, t, announce, seekTo, focusAfterRestart }) {
  const key = `luento:resume:${videoId}`;
  const notice = root.querySelector('.player-resume');
  const text = notice.querySelector('.player-resume-text');
  const restart = notice.querySelector('.player-resume-restart');
  const saved = Number(readStored(key));
  let isReady = false;
  let lastSave = 0;
  let resumedAt = null;

  const save = () => {
    if (!isReady) return;
    const position = video.currentTime;
    const isWorthKeeping = position >= MIN_SECONDS && position < video.duration - TAIL_SECONDS;
    writeStored(key, isWorthKeeping ? position.toFixed(1) : null);
  };
  const hideNotice = () => { notice.hidden = true; };

  video.addEventListener('loadedmetadata', () => {
    if (isReady) return;
    isReady = true;
    if (!(saved >= MIN_SECONDS && saved < video.duration - TAIL_SECONDS)) return;
    resumedAt = saved;
    seekTo(saved);
    text.textContent = t('player.resumeNotice', { time: formatClock(saved) });
    notice.hidden = false;
    announce(text.textContent);
  });
  restart.addEventListener('click', () => {
    seekTo(0);
    hideNotice();
    writeStored(key, null);
    focusAfterRestart();
  });
  video.addEventListener('timeupdate', () => {
    if (resumedAt !== null && video.currentTime > resumedAt + 10) hideNotice();
    if (Date.now() - lastSave < SAVE_EVERY_MS) return;
    lastSave = Date.now();
    save();
  });
  for (const type of ['pause', 'seeked']) video.addEventListener(type, save);
  window.addEventListener('pagehide', save);
  video.addEventListener('ended', () => {
    hideNotice();
    writeStored(key, null);
  });
}
