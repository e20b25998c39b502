// The caption editor's keyboard shortcuts (listed on the page). Each chord holds Ctrl or Alt, so they
// work while typing in a cue without ever inserting text.

/** The operation for a key press, or null to leave it to the browser. */
export function pickEditorShortcut(e, ops) {
  const bracket = e.code === 'BracketLeft' ? 'left' : e.code === 'BracketRight' ? 'right' : null;
  if (e.altKey && !e.ctrlKey && bracket) {
    if (e.shiftKey) return bracket === 'left' ? ops.startEarlier : ops.startLater;
    return bracket === 'left' ? ops.startToPlayhead : ops.endToPlayhead;
  }
  if ((e.ctrlKey && e.code === 'Space') || (e.altKey && e.code === 'KeyK')) return ops.togglePlay;
  if (e.altKey && e.key === 'ArrowUp') return () => ops.move(-1);
  if (e.altKey && e.key === 'ArrowDown') return () => ops.move(1);
  // In the find fields, Ctrl+Z belongs to the field's own text.
  const isInFind = e.target instanceof window.Element && e.target.closest('.caption-find');
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !isInFind) {
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) return ops.undo;
    if (key === 'y' || (key === 'z' && e.shiftKey)) return ops.redo;
    if (e.key === 'Enter') return ops.split;
  }
  return null;
}
