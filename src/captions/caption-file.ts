// The entry point for uploaded caption files: bytes in, normalised cues (or a typed error) out.
import { CaptionParseError, quoteLine } from './caption-errors.js';
import { decodeCaptionBytes, type CaptionEncoding } from './caption-encoding.js';
import { splitLines, type CaptionFormat, type ParsedCaptions } from './caption-track.js';
import { parseSrt } from './srt.js';
import { parseVtt } from './vtt.js';

export type ParsedCaptionFile = ParsedCaptions & { format: CaptionFormat; encoding: CaptionEncoding };

/** Decodes and parses a WebVTT or SRT file, recognised by its content rather than its name. */
export function parseCaptionFile(bytes: Uint8Array): ParsedCaptionFile {
  const { text, encoding } = decodeCaptionBytes(bytes);
  const format = detectCaptionFormat(text);
  const parsed = format === 'vtt' ? parseVtt(text) : parseSrt(text);
  return { ...parsed, format, encoding };
}

/** WebVTT starts with "WEBVTT"; SRT with a cue counter or a timing line. */
export function detectCaptionFormat(text: string): CaptionFormat {
  const lines = splitLines(text);
  const index = lines.findIndex((line) => line.trim() !== '');
  if (index === -1) throw new CaptionParseError({ line: 1, code: 'no_cues', params: {} });
  const first = lines[index] ?? '';
  if (/^WEBVTT(?:[ \t]|$)/.test(first)) return 'vtt';
  if (/^\d+$/.test(first.trim()) || first.includes('-->')) return 'srt';
  throw new CaptionParseError({ line: index + 1, code: 'unknown_format', params: { found: quoteLine(first) } });
}
