// Caption style settings (size, colour, background): CSS classes on the player (no inline styles under
// our CSP), saved for signed-in viewers with PUT /me/caption-style so they follow them everywhere.
const FIELDS = ['size', 'color', 'background'];
const DEFAULT_STYLE = { size: 'medium', color: 'white', background: 'solid' };

export function applyCaptionStyle(root, style) {
  for (const field of FIELDS) {
    for (const cls of [...root.classList]) if (cls.startsWith(`cs-${field}-`)) root.classList.remove(cls);
    root.classList.add(`cs-${field}-${style[field]}`);
  }
}

function readStyle(root) {
  try {
    return { ...DEFAULT_STYLE, ...JSON.parse(root.dataset.captionStyle || '{}') };
  } catch {
    return { ...DEFAULT_STYLE };
  }
}

export function bindCaptionStyle({ root, t, announce, fetchHeaders }) {
  let style = readStyle(root);
  applyCaptionStyle(root, style);
  const panel = root.querySelector('.player-style-panel');
  const toggle = root.querySelector('.player-style-toggle');
  if (!panel || !toggle) return;
  toggle.addEventListener('click', () => {
    const isOpen = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!isOpen));
    panel.hidden = isOpen;
  });
  for (const select of panel.querySelectorAll('select[data-style-field]')) {
    select.addEventListener('change', async () => {
      style = { ...style, [select.dataset.styleField]: select.value };
      applyCaptionStyle(root, style);
      root.dataset.captionStyleState = 'saving';
      const saved = await save(root, style, fetchHeaders);
      root.dataset.captionStyleState = saved ? 'saved' : 'unsaved';
      if (saved) announce(t('captions.style.saved'));
    });
  }
}

async function save(root, style, fetchHeaders) {
  const url = root.dataset.captionStyleUrl;
  if (!url) return false;
  const body = root.dataset.csrf ? { ...style, _csrf: root.dataset.csrf } : style;
  try {
    const res = await fetch(url, { method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...fetchHeaders }, body: JSON.stringify(body) });
    return res.ok;
  } catch {
    return false;
  }
}
