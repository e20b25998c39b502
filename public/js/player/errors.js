// A media error becomes a clear, translated message inside the player (role="alert").
const MEDIA_ERROR_KEYS = {
  1: 'player.errorAborted', // MEDIA_ERR_ABORTED
  2: 'player.errorNetwork', // MEDIA_ERR_NETWORK
  3: 'player.errorDecode', // MEDIA_ERR_DECODE
  4: 'player.errorUnsupported', // MEDIA_ERR_SRC_NOT_SUPPORTED
};

export function createErrorDisplay({ root, video, t }) {
  const box = root.querySelector('.player-error');
  const show = (messageKey) => {
    if (root.classList.contains('has-error')) return;
    root.classList.add('has-error');
    root.dataset.playerState = 'error';
    box.textContent = t(messageKey);
  };
  video.addEventListener('error', () => {
    // With hls.js the <video> src is a blob: URL; hls.js reports its own fatal errors via show().
    show(MEDIA_ERROR_KEYS[video.error?.code] ?? 'player.errorDecode');
  });
  return show;
}
