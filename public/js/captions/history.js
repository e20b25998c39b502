// In-memory undo and redo of the editor's cue lists. Typing in one cue coalesces into one step, so
// Ctrl+Z undoes a word or a sentence rather than a letter.
const COALESCE_MS = 1000;

export function createHistory(initial, { limit = 200 } = {}) {
  const past = [];
  const future = [];
  let present = initial;
  let lastKey = null;
  let lastAt = 0;

  return {
    current: () => present,
    /** Records a new state; `key` ('text:3') marks edits that may merge with the previous step. */
    push(state, key = null) {
      const now = Date.now();
      const merges = key !== null && key === lastKey && now - lastAt < COALESCE_MS && past.length > 0;
      if (!merges) past.push(present);
      if (past.length > limit) past.shift();
      present = state;
      future.length = 0;
      lastKey = key;
      lastAt = now;
    },
    undo() {
      if (past.length === 0) return null;
      future.push(present);
      present = past.pop();
      lastKey = null;
      return present;
    },
    redo() {
      if (future.length === 0) return null;
      past.push(present);
      present = future.pop();
      lastKey = null;
      return present;
    },
  };
}
