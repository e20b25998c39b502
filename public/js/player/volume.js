// Mute toggle (aria-pressed) and the volume slider.
import { clamp } from './format.js';

export function bindVolume({ root, video, t, announce }) {
  const muteButton = root.querySelector('.player-mute');
  const range = root.querySelector('.player-volume');
  const percentText = (volume) => t('player.percent', { n: Math.round(volume * 100) });

  const render = () => {
    const isSilent = video.muted || video.volume === 0;
    muteButton.setAttribute('aria-pressed', String(isSilent));
    root.classList.toggle('is-muted', isSilent);
    const shown = video.muted ? 0 : video.volume;
    range.value = String(shown);
    range.setAttribute('aria-valuetext', percentText(shown));
  };
  const toggleMute = () => {
    const willMute = !(video.muted || video.volume === 0);
    video.muted = willMute;
    if (!willMute && video.volume === 0) video.volume = 0.5;
    announce(t(willMute ? 'player.announceMuted' : 'player.announceUnmuted'));
  };
  // Changing the volume while muted starts from the volume set before muting, and unmutes.
  const changeBy = (delta) => {
    const next = Math.round(clamp(video.volume + delta, 0, 1) * 100) / 100;
    video.volume = next;
    video.muted = next === 0;
    announce(t('player.announceVolume', { percent: percentText(next) }));
  };

  muteButton.addEventListener('click', toggleMute);
  range.addEventListener('input', () => {
    const value = Number(range.value);
    video.volume = value;
    video.muted = value === 0;
  });
  video.addEventListener('volumechange', render);
  render();
  return { toggleMute, changeBy };
}
