// A menu button with single-choice items (WAI-ARIA APG "Menu Button" with menuitemradio): Enter, Space
// or ↓/↑ opens it on the checked item, ↑/↓/Home/End move, Enter/Space choose, Escape closes and returns
// focus to the button, Tab closes. Items are real <button>s.
export function createMenu({ button, list, onSelect }) {
  let items = [];

  const isOpen = () => !list.hidden;
  const close = (shouldRefocus) => {
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (shouldRefocus) button.focus();
  };
  const open = (which) => {
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const checked = items.find((item) => item.getAttribute('aria-checked') === 'true');
    const target = which === 'last' ? items[items.length - 1] : checked ?? items[0];
    target?.focus();
  };
  const move = (from, delta) => {
    const index = (items.indexOf(from) + delta + items.length) % items.length;
    items[index]?.focus();
  };

  button.addEventListener('click', () => (isOpen() ? close(true) : open('checked')));
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    open(event.key === 'ArrowUp' ? 'last' : 'checked');
  });
  list.addEventListener('keydown', (event) => {
    const current = event.target.closest('[role="menuitemradio"]');
    const keys = { ArrowDown: () => move(current, 1), ArrowUp: () => move(current, -1), Home: () => items[0]?.focus(), End: () => items[items.length - 1]?.focus(), Escape: () => close(true) };
    if (event.key === 'Tab') close(false);
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
  list.addEventListener('click', (event) => {
    const item = event.target.closest('[role="menuitemradio"]');
    if (!item) return;
    onSelect(item.dataset.value);
    close(true);
  });
  // Clicking or tabbing elsewhere closes the menu without stealing focus back.
  button.parentElement.addEventListener('focusout', (event) => {
    if (isOpen() && !button.parentElement.contains(event.relatedTarget)) close(false);
  });

  return {
    /** entries: [{ value, label }] */
    setItems(entries) {
      items = entries.map(({ value, label }) => {
        const item = document.createElement('button');
        item.type = 'button';
        item.setAttribute('role', 'menuitemradio');
        item.setAttribute('aria-checked', 'false');
        item.tabIndex = -1;
        item.dataset.value = value;
        item.textContent = label;
        return item;
      });
      list.replaceChildren(...items);
    },
    setLabel(value, label) {
      const item = items.find((i) => i.dataset.value === value);
      if (item) item.textContent = label;
    },
    setChecked(value) {
      for (const item of items) item.setAttribute('aria-checked', String(item.dataset.value === value));
    },
  };
}
