// Keyboard shortcuts, live wherever the focus is inside the player. They never take keys from text
// fields or open menus, leave Space/Enter to the focused button, leave the volume slider its arrows, and
// ignore Ctrl/Alt/Meta chords so browser and screen reader shortcuts still work.
const TEXT_ENTRY = 'textarea, select, [contenteditable]:not([contenteditable="false"]), input:not([type="range"]):not([type="button"]):not([type="checkbox"]):not([type="radio"]):not([type="submit"])';
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

function digitOf(event) {
  const byCode = /^(?:Digit|Numpad)(\d)$/.exec(event.code ?? '');
  if (byCode && !event.shiftKey) return Number(byCode[1]);
  return /^\d$/.test(event.key) ? Number(event.key) : null;
}

function isSpeedKey(event, code, key) {
  // Shift+, and Shift+. by physical key (Finnish layouts give ';' and ':'), or the US characters.
  return (event.shiftKey && event.code === code) || event.key === key;
}

/** Maps a key press to one of the actions, or null to let the browser have it. */
export function pickShortcut(event, actions) {
  const target = event.target;
  if (target.closest(TEXT_ENTRY) || target.closest('[role="menu"]')) return null;
  const isOnSeekSlider = target.matches('.player-seek-range');
  const isOnOtherSlider = !isOnSeekSlider && target.matches('input[type="range"]');
  if (isOnOtherSlider && SLIDER_KEYS.has(event.key)) return null;
  if ((event.key === ' ' || event.key === 'Enter') && target.closest('button, a, summary')) return null;

  if (isSpeedKey(event, 'Comma', '<')) return actions.slower;
  if (isSpeedKey(event, 'Period', '>')) return actions.faster;
  const digit = digitOf(event);
  if (digit !== null) return () => actions.seekToFraction(digit / 10);

  const byKey = {
    ' ': actions.togglePlay,
    k: actions.togglePlay,
    j: () => actions.seekBy(-10),
    l: () => actions.seekBy(10),
    ArrowLeft: () => actions.seekBy(-5),
    ArrowRight: () => actions.seekBy(5),
    // On the seek slider, ↑/↓ move along it as the slider pattern says; elsewhere they set the volume.
    ArrowUp: isOnSeekSlider ? () => actions.seekBy(5) : () => actions.changeVolume(0.05),
    ArrowDown: isOnSeekSlider ? () => actions.seekBy(-5) : () => actions.changeVolume(-0.05),
    m: actions.toggleMute,
    c: actions.toggleCaptions,
    f: actions.toggleFullscreen,
    Home: () => actions.seekTo(0),
    End: actions.seekToEnd,
  };
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return byKey[key] ?? null;
}

export function bindShortcuts(root, actions) {
  root.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    const action = pickShortcut(event, actions);
    if (!action) return;
    event.preventDefault();
    action();
  });
}
