// The editable cue list: one labelled textarea per cue. Rebuilt after structural changes (split, merge,
// undo); typing only updates the model, so the caret and the screen reader's place are never lost.
import { formatCueTime } from './cue-ops.js';

export function createCueList({ list, empty, t, onInput, onFocus }) {
  let rows = [];

  function label(cue, i) {
    return t('captions.editor.cueLabel', { n: i + 1, start: formatCueTime(cue.start), end: formatCueTime(cue.end) });
  }

  function render(cues) {
    const doc = list.ownerDocument;
    list.replaceChildren();
    rows = cues.map((cue, i) => {
      const li = doc.createElement('li');
      li.className = 'caption-cue';
      const lab = doc.createElement('label');
      lab.htmlFor = `caption-cue-${i}`;
      lab.className = 'caption-cue-label';
      lab.textContent = label(cue, i);
      const area = doc.createElement('textarea');
      area.id = `caption-cue-${i}`;
      area.className = 'caption-cue-text';
      area.rows = 2;
      area.value = cue.text;
      area.dataset.index = String(i);
      area.addEventListener('input', () => onInput(i, area.value));
      area.addEventListener('focus', () => onFocus(i));
      li.append(lab, area);
      list.append(li);
      return { li, lab, area };
    });
    empty.hidden = cues.length > 0;
  }

  return {
    render,
    /** Relabels one cue after its times changed, without rebuilding. */
    relabel(cues, i) {
      if (rows[i] && cues[i]) rows[i].lab.textContent = label(cues[i], i);
    },
    focus(i, caret) {
      const row = rows[i];
      if (!row) return;
      row.area.focus({ preventScroll: false });
      if (typeof caret === 'number') row.area.setSelectionRange(caret, caret);
    },
    select(i, from, to) {
      const row = rows[i];
      if (!row) return;
      row.area.focus();
      row.area.setSelectionRange(from, to);
    },
    markPlaying(i) {
      rows.forEach((r, k) => r.li.classList.toggle('is-playing', k === i));
    },
    markInvalid(i) {
      rows.forEach((r, k) => r.area.setAttribute('aria-invalid', k === i ? 'true' : 'false'));
    },
    /** A textarea keeps its caret when focus moves to a tool button, so "split" works from the toolbar. */
    caret(i) {
      return rows[i]?.area.selectionStart ?? 0;
    },
    selection(i) {
      const row = rows[i];
      return row ? row.area.value.slice(row.area.selectionStart, row.area.selectionEnd) : '';
    },
  };
}
