// Playback speed 0.5–2×. The choice is remembered across videos: a learner who listens at 1.5× wants it
// again on the next lecture.
import { formatRate } from './format.js';
import { createMenu } from './menu.js';
import { readStored, writeStored } from './storage.js';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
const STORAGE_KEY = 'luento:player:rate';

export function bindSpeed({ root, video, t, locale, announce }) {
  const wrapper = root.querySelector('.player-speed');
  const value = wrapper.querySelector('.player-menu-value');
  const label = (rate) => (rate === 1 ? `${formatRate(1, locale)} (${t('player.speedNormal')})` : formatRate(rate, locale));

  const setRate = (rate) => {
    video.defaultPlaybackRate = rate;
    video.playbackRate = rate;
    writeStored(STORAGE_KEY, String(rate));
    announce(t('player.announceSpeed', { rate: formatRate(rate, locale) }));
  };
  const menu = createMenu({
    button: wrapper.querySelector('.player-menu-button'),
    list: wrapper.querySelector('[role="menu"]'),
    onSelect: (chosen) => setRate(Number(chosen)),
  });
  menu.setItems(SPEEDS.map((rate) => ({ value: String(rate), label: label(rate) })));

  const render = () => {
    value.textContent = formatRate(video.playbackRate, locale);
    menu.setChecked(String(video.playbackRate));
  };
  video.addEventListener('ratechange', render);
  // A new source resets the rate to defaultPlaybackRate; keep the learner's choice.
  video.addEventListener('loadedmetadata', () => {
    video.playbackRate = video.defaultPlaybackRate;
  });

  const stored = Number(readStored(STORAGE_KEY));
  if (SPEEDS.includes(stored)) {
    video.defaultPlaybackRate = stored;
    video.playbackRate = stored;
  }
  render();

  const step = (direction) => {
    const index = SPEEDS.findIndex((rate) => rate >= video.playbackRate - 1e-6);
    const from = index === -1 ? SPEEDS.length - 1 : index;
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, from + direction))];
    if (next !== video.playbackRate) setRate(next);
  };
  return { faster: () => step(1), slower: () => step(-1) };
}
