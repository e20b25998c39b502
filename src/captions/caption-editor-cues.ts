// The caption editor's cues, between the browser and a stored version. People edit text with "&", "<"
// and ">" as they read them; tags (<i>, <v Name>) stay editable as written. Saving cleans each cue to
// WebVTT cue text (WebVTT §4.2.2) and proves the result survives a write and a read unchanged, so what
// the editor showed is exactly what learners get.
import { BadRequestError } from '../http/errors.js';
import { cleanCueText } from './caption-text.js';
import { roundToMilliseconds, formatVttTimestamp, type Cue } from './cue.js';
import { parseVtt, serializeVtt } from './vtt.js';

export const MAX_EDITOR_CUES = 5000;
export const MAX_CUE_TEXT_LENGTH = 500;
/** No lecture is longer than a day; a bigger time is a typo or a bug. */
export const MAX_CUE_SECONDS = 86_400;

export type EditorCue = { start: number; end: number; text: string };

/** A cue list the editor cannot save. HTTP 400 with code `caption_cues_invalid` and the 1-based cue. */
export class CueListError extends BadRequestError {
  constructor(message: string, cue?: number) {
    super(message, cue === undefined ? undefined : { cue }, 'caption_cues_invalid');
  }
}

const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

/**
 * Stored cue text as the editor shows it: character references decoded, tags kept. Saving escapes every
 * "&" again, so a literal "&lt;" survives; only text that reads exactly like a tag ("<i>") becomes one.
 */
export function toEditableText(cueText: string): string {
  return cueText.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]+);/g, (m, ref: string) => {
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : undefined;
    if (code === undefined) return NAMED_REFERENCES[ref] ?? m;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export function toEditorCues(cues: readonly Cue[]): EditorCue[] {
  return cues.map((c) => ({ start: c.start, end: c.end, text: toEditableText(c.text) }));
}

export type PreparedCues = { cues: Cue[]; vtt: string };

/**
 * Cleans and checks the editor's cues and serialises them. Throws CueListError naming the first bad
 * cue; an empty list is allowed (a person may delete every cue and start again).
 */
export function prepareEditedCues(input: readonly EditorCue[]): PreparedCues {
  if (input.length > MAX_EDITOR_CUES) throw new CueListError(`A track can have at most ${MAX_EDITOR_CUES} cues; this one has ${input.length}.`);
  const cues: Cue[] = input.map((c, i) => cleanOne(c, i + 1));
  cues.forEach((cue, i) => checkOrder(cue, cues[i - 1], i + 1));
  const vtt = serializeVtt(cues);
  if (cues.length > 0) assertRoundTrip(cues, vtt);
  return { cues, vtt };
}

function cleanOne(c: EditorCue, n: number): Cue {
  const start = roundToMilliseconds(c.start);
  const end = roundToMilliseconds(c.end);
  if (!(start >= 0) || !(end <= MAX_CUE_SECONDS)) throw new CueListError(`Cue ${n}: its times must be between 0 and ${MAX_CUE_SECONDS} seconds.`, n);
  if (end <= start) throw new CueListError(`Cue ${n}: it must end after it starts (it starts at ${formatVttTimestamp(start)} and ends at ${formatVttTimestamp(end)}).`, n);
  const { text } = cleanCueText(c.text.replace(/\r\n?/g, '\n').replace(/&/g, '&amp;'));
  if (text === '') throw new CueListError(`Cue ${n} has no text. Write its text or delete the cue.`, n);
  if (text.length > MAX_CUE_TEXT_LENGTH) throw new CueListError(`Cue ${n} is too long (${text.length} characters; at most ${MAX_CUE_TEXT_LENGTH}). Split it into shorter cues.`, n);
  return { start, end, text };
}

function checkOrder(cue: Cue, prev: Cue | undefined, n: number): void {
  if (prev && cue.start < prev.start) {
    throw new CueListError(`Cue ${n} starts (${formatVttTimestamp(cue.start)}) before cue ${n - 1} (${formatVttTimestamp(prev.start)}); cues must be in time order.`, n);
  }
}

/** The WebVTT reader normalises (trims short overlaps, drops repeats); the editor must not be surprised by it. */
function assertRoundTrip(cues: readonly Cue[], vtt: string): void {
  const read = parseVtt(vtt);
  const i = cues.findIndex((c, k) => {
    const r = read.cues[k];
    return !r || r.start !== c.start || r.end !== c.end || r.text !== c.text;
  });
  if (i === -1 && read.cues.length === cues.length) return;
  const n = (i === -1 ? cues.length : i) + 1;
  const prev = cues[n - 2];
  const cue = cues[n - 1];
  if (prev && cue && prev.start === cue.start && prev.end === cue.end && prev.text === cue.text) {
    throw new CueListError(`Cue ${n} repeats cue ${n - 1}. Delete one of them.`, n);
  }
  // Otherwise a short overlap (WebVTT reading shortens the earlier cue): say which cue to move.
  const culprit = prev && cue && cue.start < prev.end ? n : n + 1;
  throw new CueListError(`Cue ${culprit} starts before cue ${culprit - 1} ends. Move its start, or the end of cue ${culprit - 1}.`, culprit);
}
