// Pure operations of the caption editor on a cue list ({ start, end, text }[], seconds). Each returns a
// new list and the index of the cue to focus, or null when the operation does not apply; the editor
// never mutates a list it has put in the undo history.
const MIN_LENGTH = 0.1;
const NEW_CUE_SECONDS = 2;

export const round3 = (s) => Math.round(s * 1000) / 1000;
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

function withCue(cues, index, cue) {
  return cues.map((c, i) => (i === index ? cue : c));
}

/** Splits cue `index` at character `caret`; the time is the playhead when inside the cue, else proportional. */
export function splitCue(cues, index, caret, playhead) {
  const cue = cues[index];
  if (!cue) return null;
  const left = cue.text.slice(0, caret).trim();
  const right = cue.text.slice(caret).trim();
  if (left === '' || right === '') return null;
  const inside = playhead > cue.start + MIN_LENGTH && playhead < cue.end - MIN_LENGTH;
  const proportional = cue.start + ((cue.end - cue.start) * caret) / cue.text.length;
  const at = round3(inside ? playhead : clamp(proportional, cue.start + MIN_LENGTH / 2, cue.end - MIN_LENGTH / 2));
  if (!(at > cue.start && at < cue.end)) return null;
  const next = [...cues.slice(0, index), { start: cue.start, end: at, text: left }, { start: at, end: cue.end, text: right }, ...cues.slice(index + 1)];
  return { cues: next, focus: index + 1, caret: 0 };
}

export function mergeWithNext(cues, index) {
  const a = cues[index];
  const b = cues[index + 1];
  if (!a || !b) return null;
  const merged = { start: a.start, end: Math.max(a.end, b.end), text: `${a.text.trimEnd()} ${b.text.trimStart()}`.trim() };
  return { cues: [...cues.slice(0, index), merged, ...cues.slice(index + 2)], focus: index, caret: a.text.trimEnd().length };
}

/** Sets the start (`edge` 'start') or end of a cue, kept inside its neighbours and at least 0.1 s long. */
export function moveEdge(cues, index, edge, seconds) {
  const cue = cues[index];
  if (!cue) return null;
  const prev = cues[index - 1];
  const next = cues[index + 1];
  if (edge === 'start') {
    const lo = prev ? Math.min(prev.end, cue.end - MIN_LENGTH) : 0;
    const start = round3(clamp(seconds, Math.max(0, lo), cue.end - MIN_LENGTH));
    return start === cue.start ? null : { cues: withCue(cues, index, { ...cue, start }), focus: index };
  }
  const hi = next ? Math.max(next.start, cue.start + MIN_LENGTH) : Number.POSITIVE_INFINITY;
  const end = round3(clamp(seconds, cue.start + MIN_LENGTH, hi));
  return end === cue.end ? null : { cues: withCue(cues, index, { ...cue, end }), focus: index };
}

/** A new empty cue after `index` (or at the playhead in an empty list), in the gap before the next cue. */
export function addCueAfter(cues, index, playhead) {
  const cue = cues[index];
  const next = cues[index + 1];
  const start = round3(cue ? cue.end : Math.max(0, playhead));
  const room = next ? next.start - start : NEW_CUE_SECONDS;
  const end = round3(start + (room >= MIN_LENGTH ? Math.min(room, NEW_CUE_SECONDS) : NEW_CUE_SECONDS));
  const at = cue ? index + 1 : cues.findIndex((c) => c.start > start);
  const pos = at === -1 ? cues.length : at;
  return { cues: [...cues.slice(0, pos), { start, end, text: '' }, ...cues.slice(pos)], focus: pos, caret: 0 };
}

export function deleteCue(cues, index) {
  if (!cues[index]) return null;
  const next = cues.filter((_, i) => i !== index);
  return { cues: next, focus: Math.min(index, next.length - 1) };
}

export function setText(cues, index, text) {
  const cue = cues[index];
  return cue && cue.text !== text ? withCue(cues, index, { ...cue, text }) : cues;
}

/** Every match of `needle` (case-insensitive) as { index, from, to }, in cue order. */
export function findAll(cues, needle) {
  if (!needle) return [];
  const lower = needle.toLocaleLowerCase();
  const out = [];
  cues.forEach((cue, index) => {
    const hay = cue.text.toLocaleLowerCase();
    for (let from = hay.indexOf(lower); from !== -1; from = hay.indexOf(lower, from + lower.length)) out.push({ index, from, to: from + needle.length });
  });
  return out;
}

/** The first match at or after (index, caret), wrapping around. */
export function findNext(cues, needle, index, caret) {
  const all = findAll(cues, needle);
  return all.find((m) => m.index > index || (m.index === index && m.from >= caret)) ?? all[0] ?? null;
}

export function replaceAll(cues, needle, replacement) {
  const matches = findAll(cues, needle);
  if (matches.length === 0) return { cues, count: 0 };
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(escaped, 'gi');
  return { cues: cues.map((c) => ({ ...c, text: c.text.replace(pattern, () => replacement) })), count: matches.length };
}

/** "1:02.345" or "1:02:03.456": precise enough to edit, short enough to scan. */
export function formatCueTime(seconds) {
  const ms = Math.round(Math.max(0, seconds) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
