// Shared steps of the WebVTT and SRT parsers: the timing line, and normalisation of the parsed cues.
//
// Normalisation policy (applied to every uploaded track, each change reported as a warning):
// - cue text is cleaned to WebVTT's allowed markup (caption-text.ts); a cue left without text is dropped;
// - cues are sorted by start time, then end time (stable, so simultaneous cues keep the file's order);
// - a cue that repeats the previous one exactly (times and text) is dropped;
// - a small overlap (at most 1 s, where the previous cue still keeps at least 0.5 s) is timing sloppiness
//   of the authoring tool: the previous cue is cut to end where the next begins;
// - a larger overlap is kept, because WebVTT allows simultaneous cues (two speakers), and is reported.
import { CaptionParseError, quoteLine, type CaptionWarning } from './caption-errors.js';
import { cleanCueText } from './caption-text.js';
import { formatSrtTimestamp, formatVttTimestamp, parseTimestamp, toMilliseconds, type Cue } from './cue.js';

export const MAX_TRIMMED_OVERLAP_SECONDS = 1;
export const MIN_KEPT_AFTER_TRIM_SECONDS = 0.5;

/** A cue as read, before normalisation; `line` is the 1-based line of its timing line. */
export type RawCue = { start: number; end: number; text: string; id?: string; line: number };

export type ParsedCaptions = { cues: Cue[]; warnings: CaptionWarning[] };

export type CaptionFormat = 'vtt' | 'srt';

export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

export function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

/** Reads "start --> end [settings]". Cue settings (position, alignment) are not kept. */
export function parseTimingLine(line: string, lineNumber: number, format: CaptionFormat): { start: number; end: number } {
  const example = format === 'vtt' ? '00:00:01.000 --> 00:00:04.000' : '00:00:01,000 --> 00:00:04,000';
  const [left = '', ...rest] = line.split('-->');
  const right = rest.join('-->').trim().split(/[ \t]+/)[0] ?? '';
  const start = parseTimestamp(left.trim(), { isSrt: format === 'srt' });
  const end = parseTimestamp(right, { isSrt: format === 'srt' });
  if (start === undefined || end === undefined || rest.length !== 1) {
    throw new CaptionParseError({ line: lineNumber, code: 'bad_timing_line', params: { found: quoteLine(line.trim()), example } });
  }
  const show = format === 'vtt' ? formatVttTimestamp : formatSrtTimestamp;
  if (end < start) {
    throw new CaptionParseError({ line: lineNumber, code: 'end_before_start', params: { start: show(start), end: show(end) } });
  }
  if (end === start) throw new CaptionParseError({ line: lineNumber, code: 'zero_duration', params: { start: show(start) } });
  return { start, end };
}

/** Cleans, sorts and de-overlaps parsed cues (see the policy above). Throws when no cue is left. */
export function normalizeCues(raw: readonly RawCue[], lastLine: number): ParsedCaptions {
  const warnings: CaptionWarning[] = [];
  const cleaned: RawCue[] = [];
  for (const cue of raw) {
    const { text, hadMarkupRemoved } = cleanCueText(cue.text);
    if (hadMarkupRemoved) warnings.push({ line: cue.line, code: 'markup_removed', params: {} });
    if (text === '') warnings.push({ line: cue.line, code: 'empty_cue_dropped', params: {} });
    else cleaned.push({ ...cue, text });
  }
  const outOfOrder = cleaned.find((cue, i) => i > 0 && cue.start < (cleaned[i - 1]?.start ?? 0));
  if (outOfOrder) warnings.push({ line: outOfOrder.line, code: 'sorted', params: {} });
  const sorted = [...cleaned].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: RawCue[] = [];
  for (const cue of sorted) {
    const prev = kept[kept.length - 1];
    if (prev && prev.start === cue.start && prev.end === cue.end && prev.text === cue.text) {
      warnings.push({ line: cue.line, code: 'duplicate_removed', params: {} });
      continue;
    }
    if (prev && cue.start < prev.end) resolveOverlap(prev, cue, warnings);
    kept.push({ ...cue });
  }
  if (kept.length === 0) throw new CaptionParseError({ line: lastLine, code: 'no_cues', params: {} });
  return { cues: kept.map(toCue), warnings };
}

function resolveOverlap(prev: RawCue, cue: RawCue, warnings: CaptionWarning[]): void {
  const overlapMs = toMilliseconds(prev.end) - toMilliseconds(cue.start);
  const keptMs = toMilliseconds(cue.start) - toMilliseconds(prev.start);
  const overlap = (overlapMs / 1000).toFixed(3);
  if (overlapMs <= MAX_TRIMMED_OVERLAP_SECONDS * 1000 && keptMs >= MIN_KEPT_AFTER_TRIM_SECONDS * 1000) {
    prev.end = cue.start;
    warnings.push({ line: cue.line, code: 'overlap_trimmed', params: { overlap, start: formatVttTimestamp(cue.start) } });
  } else {
    warnings.push({ line: cue.line, code: 'overlap_kept', params: { overlap } });
  }
}

function toCue(raw: RawCue): Cue {
  return raw.id === undefined ? { start: raw.start, end: raw.end, text: raw.text } : { start: raw.start, end: raw.end, text: raw.text, id: raw.id };
}
