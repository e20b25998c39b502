// Play/pause, the seek slider and the time display.
import { clamp, formatClock, formatSpoken } from './format.js';

export function bindTransport({ root, video, t, durationHint }) {
  const playButton = root.querySelector('.player-play');
  const playLabel = root.querySelector('.player-play-label');
  const seek = root.querySelector('.player-seek-range');
  const time = root.querySelector('.player-time');

  const duration = () => (Number.isFinite(video.duration) && video.duration > 0 ? video.duration : durationHint);
  let lastRendered = '';

  const renderPlay = () => {
    const isPlaying = !video.paused && !video.ended;
    root.classList.toggle('is-playing', isPlaying);
    playLabel.textContent = isPlaying ? t('player.pause') : t('player.play');
  };
  const renderTime = (position = video.currentTime) => {
    const total = duration();
    const key = `${Math.floor(position)}/${Math.floor(total)}`;
    seek.max = String(total || 1);
    seek.value = String(position);
    seek.style.setProperty('--progress', `${total ? (position / total) * 100 : 0}%`);
    // The text only changes once a second, which keeps screen readers on the slider calm.
    if (key === lastRendered) return;
    lastRendered = key;
    time.textContent = `${formatClock(position)} / ${formatClock(total)}`;
    seek.setAttribute('aria-valuetext', t('player.timeOf', { current: formatSpoken(position, t), total: formatSpoken(total, t) }));
  };

  const togglePlay = () => {
    if (video.paused || video.ended) {
      // A rejected play() (autoplay policy, or a source that failed) is reported by the 'error' event.
      video.play().catch(() => undefined);
    } else {
      video.pause();
    }
  };
  const seekTo = (seconds) => {
    const target = clamp(seconds, 0, duration() || 0);
    video.currentTime = target;
    renderTime(target);
  };

  for (const type of ['play', 'pause', 'ended', 'emptied']) video.addEventListener(type, renderPlay);
  for (const type of ['timeupdate', 'durationchange', 'loadedmetadata', 'seeking']) video.addEventListener(type, () => renderTime());
  playButton.addEventListener('click', togglePlay);
  seek.addEventListener('input', () => seekTo(Number(seek.value)));
  video.addEventListener('click', () => {
    togglePlay();
    if (!root.contains(document.activeElement)) root.focus({ preventScroll: true });
  });
  renderPlay();
  renderTime(0);

  return {
    togglePlay,
    seekTo,
    seekBy: (delta) => seekTo(video.currentTime + delta),
    seekToFraction: (fraction) => seekTo(duration() * fraction),
    seekToEnd: () => seekTo(duration()),
    duration,
  };
}
