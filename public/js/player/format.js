// Pure formatting helpers of the player: clock time, spoken time for aria-valuetext, rates.

/** Interpolates {name} placeholders, as src/i18n/i18n.ts does on the server. */
export function interpolate(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Reads the strings the partial put in its JSON block; a missing key shows itself instead of crashing. */
export function readMessages(root) {
  const block = root.querySelector('script.player-messages');
  const dict = block ? JSON.parse(block.textContent || '{}') : {};
  return (key, params) => interpolate(dict[key] ?? key, params);
}

function splitTime(seconds) {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** "4:02" or "1:04:02". */
export function formatClock(seconds) {
  const { h, m, s } = splitTime(seconds);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "1 min 5 s", "1 h 2 min", "0 s": what a screen reader reads for a time. */
export function formatSpoken(seconds, t) {
  const { h, m, s } = splitTime(seconds);
  const parts = [];
  if (h) parts.push(t('player.unitHours', { n: h }));
  if (m) parts.push(t('player.unitMinutes', { n: m }));
  if (s || parts.length === 0) parts.push(t('player.unitSeconds', { n: s }));
  return parts.join(' ');
}

/** "1,5×" in fi and sv, "1.5×" in en. */
export function formatRate(rate, locale) {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(rate)}×`;
}

export function clamp(value, min, max) {
  return Math.min(max, Math.max(min, value));
}
