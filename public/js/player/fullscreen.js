// Full screen of the whole player (controls and captions included), not of the bare <video>. Inside an
// LMS iframe this needs the iframe's allow="fullscreen"; where it is refused the button is hidden.
export function bindFullscreen({ root, video }) {
  const button = root.querySelector('.player-fullscreen');
  const current = () => document.fullscreenElement ?? document.webkitFullscreenElement ?? null;
  const canUseElement = Boolean(document.fullscreenEnabled || document.webkitFullscreenEnabled);
  // iOS Safari only lets the <video> itself go full screen, with its native controls.
  const canUseVideoOnly = typeof video.webkitEnterFullscreen === 'function';
  if (!canUseElement && !canUseVideoOnly) {
    button.hidden = true;
    return { toggle: () => undefined };
  }

  const render = () => {
    const isFull = current() === root;
    button.setAttribute('aria-pressed', String(isFull));
    root.classList.toggle('is-fullscreen', isFull);
  };
  const toggle = () => {
    if (current() === root) {
      (document.exitFullscreen ?? document.webkitExitFullscreen).call(document);
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(() => undefined);
    } else if (root.webkitRequestFullscreen) {
      root.webkitRequestFullscreen();
    } else {
      video.webkitEnterFullscreen();
    }
  };

  button.addEventListener('click', toggle);
  document.addEventListener('fullscreenchange', render);
  document.addEventListener('webkitfullscreenchange', render);
  render();
  return { toggle };
}
