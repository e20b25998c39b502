// SubRip (.srt) reading: numbered blocks of "hh:mm:ss,mmm --> hh:mm:ss,mmm" and text. SRT has no
// specification, so this accepts what tools write (a missing counter, "." for ",", coordinates after the
// timing) and refuses what cannot be understood, with the line number.
import { CaptionParseError, quoteLine } from './caption-errors.js';
import { isTimingLine, normalizeCues, parseTimingLine, splitLines, type ParsedCaptions, type RawCue } from './caption-track.js';

const COUNTER = /^\d+$/;
const TIMING_EXAMPLE = '00:00:01,000 --> 00:00:04,000';

/** Parses SRT text (already decoded) into normalised cues; counters are not kept as cue identifiers. */
export function parseSrt(text: string): ParsedCaptions {
  const lines = splitLines(text);
  const raw: RawCue[] = [];
  let i = 0;
  while (i < lines.length) {
    if ((lines[i] ?? '').trim() === '') {
      i++;
      continue;
    }
    if (COUNTER.test((lines[i] ?? '').trim())) {
      i++;
      if (!isTimingLine(lines[i] ?? '')) {
        throw new CaptionParseError({ line: i + 1, code: 'missing_timing', params: { found: quoteLine(lines[i] ?? ''), example: TIMING_EXAMPLE } });
      }
    } else if (!isTimingLine(lines[i] ?? '')) {
      throw new CaptionParseError({ line: i + 1, code: 'missing_timing', params: { found: quoteLine(lines[i] ?? ''), example: TIMING_EXAMPLE } });
    }
    const line = i + 1;
    const { start, end } = parseTimingLine((lines[i] ?? '').trim(), line, 'srt');
    i++;
    const textLines: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !startsNextCue(lines, i)) textLines.push(lines[i++] ?? '');
    raw.push({ start, end, text: textLines.join('\n'), line });
  }
  return normalizeCues(raw, lines.length);
}

/** A timing line, or a counter followed by one, starts a new cue even without the blank line before it. */
function startsNextCue(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  return isTimingLine(line) || (COUNTER.test(line.trim()) && isTimingLine(lines[i + 1] ?? ''));
}
