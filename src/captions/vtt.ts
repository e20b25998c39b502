// WebVTT reading and writing (W3C WebVTT, https://www.w3.org/TR/webvtt1/). The parser follows the
// spec's block structure (§6.1) but refuses what the spec would silently skip (a block without a timing
// line, a malformed timestamp), because a person uploading captions wants to know what is broken.
import { CaptionParseError, quoteLine } from './caption-errors.js';
import { isTimingLine, normalizeCues, parseTimingLine, splitLines, type ParsedCaptions, type RawCue } from './caption-track.js';
import { formatVttTimestamp, type Cue } from './cue.js';

const HEADER = /^WEBVTT(?:[ \t]|$)/;
// §4.1: comment blocks start with "NOTE"; STYLE and REGION blocks come before the first cue.
const SKIPPED_BLOCK = /^(?:NOTE(?:[ \t]|$)|STYLE[ \t]*$|REGION[ \t]*$)/;
const TIMING_EXAMPLE = '00:00:01.000 --> 00:00:04.000';

/** Parses WebVTT text (already decoded) into normalised cues; throws CaptionParseError with a line number. */
export function parseVtt(text: string): ParsedCaptions {
  const lines = splitLines(text);
  let i = 0;
  while (i < lines.length - 1 && (lines[i] ?? '').trim() === '') i++;
  if (!HEADER.test(lines[i] ?? '')) {
    throw new CaptionParseError({ line: i + 1, code: 'missing_header', params: { found: quoteLine(lines[i] ?? '') } });
  }
  i++;
  while (i < lines.length && (lines[i] ?? '').trim() !== '' && !isTimingLine(lines[i] ?? '')) i++;
  const raw: RawCue[] = [];
  while (i < lines.length) {
    if ((lines[i] ?? '').trim() === '') {
      i++;
      continue;
    }
    i = readBlock(lines, i, raw);
  }
  return normalizeCues(raw, lines.length);
}

/** Reads one block starting at a non-blank line; returns the index after it. */
function readBlock(lines: readonly string[], blockStart: number, raw: RawCue[]): number {
  let i = blockStart;
  const first = lines[i] ?? '';
  if (SKIPPED_BLOCK.test(first)) {
    while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
    return i;
  }
  let id: string | undefined;
  if (!isTimingLine(first)) {
    // An id the writer could not write back (" NOTE" trims to a comment marker) is not kept.
    id = isSafeId(first.trim()) ? first.trim() : undefined;
    i++;
    const next = lines[i] ?? '';
    if (!isTimingLine(next)) {
      throw new CaptionParseError({ line: i + 1, code: 'missing_timing', params: { found: quoteLine(next), example: TIMING_EXAMPLE } });
    }
  }
  const timingLine = i + 1;
  const { start, end } = parseTimingLine(lines[i] ?? '', timingLine, 'vtt');
  i++;
  const textLines: string[] = [];
  // §6.1: cue text runs to a blank line; a line containing "-->" starts the next cue instead.
  while (i < lines.length && (lines[i] ?? '').trim() !== '' && !isTimingLine(lines[i] ?? '')) textLines.push(lines[i++] ?? '');
  raw.push(id === undefined ? { start, end, text: textLines.join('\n'), line: timingLine } : { start, end, text: textLines.join('\n'), id, line: timingLine });
  return i;
}

/**
 * Writes cues as WebVTT. Expects normalised cues (from a parser or cue grouping); an identifier that
 * would change the file's structure (a newline, "-->", or a leading NOTE/STYLE/REGION) is left out.
 */
export function serializeVtt(cues: readonly Cue[]): string {
  const blocks = cues.map((cue) => {
    const timing = `${formatVttTimestamp(cue.start)} --> ${formatVttTimestamp(cue.end)}`;
    const head = cue.id !== undefined && isSafeId(cue.id) ? `${cue.id}\n${timing}` : timing;
    return `${head}\n${cue.text}`;
  });
  return ['WEBVTT', ...blocks].join('\n\n') + '\n';
}

function isSafeId(id: string): boolean {
  return id.trim() !== '' && id === id.trim() && !/[\r\n]/.test(id) && !isTimingLine(id) && !SKIPPED_BLOCK.test(id) && !HEADER.test(id);
}
