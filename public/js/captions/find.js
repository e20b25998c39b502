// Find and replace in the caption editor: "Find next" selects the next match in its cue's textarea,
// "Replace" replaces the selected match and moves on, "Replace all" is one undo step.
export function bindFind({ root, t, cues, current, caret, selection, select, findNext, replaceAll, replaceOne }) {
  const form = root.querySelector('.caption-find');
  const needleInput = form.querySelector('#caption-find-text');
  const replacementInput = form.querySelector('#caption-replace-text');
  const status = form.querySelector('.caption-find-status');
  let lastMatch = null;

  const next = (fromCaret) => {
    const needle = needleInput.value;
    const m = findNext(cues(), needle, current(), fromCaret);
    lastMatch = m;
    status.textContent = m ? '' : t('captions.editor.noMatch');
    if (m) select(m);
    return m;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    next(lastMatch && lastMatch.index === current() ? lastMatch.to : caret());
  });
  form.querySelector('[data-find="replace"]').addEventListener('click', () => {
    const needle = needleInput.value;
    if (!needle) return;
    const m = lastMatch;
    const isSelected = m && m.index === current() && selection().toLocaleLowerCase() === needle.toLocaleLowerCase();
    if (!isSelected) {
      next(caret());
      return;
    }
    replaceOne(m, replacementInput.value);
    status.textContent = t('captions.editor.replaced', { n: 1 });
    lastMatch = null;
    next(m.from + replacementInput.value.length);
  });
  form.querySelector('[data-find="all"]').addEventListener('click', () => {
    const needle = needleInput.value;
    if (!needle) return;
    const count = replaceAll(needle, replacementInput.value);
    lastMatch = null;
    status.textContent = count > 0 ? t('captions.editor.replaced', { n: count }) : t('captions.editor.noMatch');
  });
}
