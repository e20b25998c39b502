// Typed problems of caption files. A parse problem is fatal (the upload is refused with its line and
// reason); a warning says what normalisation changed, so the uploader can check it.
import { BadRequestError } from '../http/errors.js';
import type { Locale } from '../i18n/define-messages.js';
import { captionsMessages } from './captions.messages.js';

export type CaptionProblemCode =
  | 'unknown_format'
  | 'missing_header'
  | 'bad_timing_line'
  | 'missing_timing'
  | 'end_before_start'
  | 'zero_duration'
  | 'no_cues';

export type CaptionWarningCode = 'sorted' | 'overlap_trimmed' | 'overlap_kept' | 'duplicate_removed' | 'empty_cue_dropped' | 'markup_removed';

type Params = Record<string, string>;

/** What is wrong, where: `line` is 1-based in the decoded file. */
export type CaptionProblem = { line: number; code: CaptionProblemCode; params: Params };
export type CaptionWarning = { line: number; code: CaptionWarningCode; params: Params };

/** A person-readable sentence such as "line 12: the end time 00:00:05.000 is before the start time 00:00:07.000". */
export function describeCaptionIssue(issue: CaptionProblem | CaptionWarning, locale: Locale = 'en'): string {
  const kind = isWarningCode(issue.code) ? 'warning' : 'problem';
  const dict: Record<string, string> = captionsMessages[locale];
  const reason = fill(dict[`captions.${kind}.${issue.code}`] ?? issue.code, issue.params);
  return fill(dict['captions.atLine'] ?? '{line}: {reason}', { line: String(issue.line), reason });
}

const warningCodes: ReadonlySet<string> = new Set<CaptionWarningCode>([
  'sorted',
  'overlap_trimmed',
  'overlap_kept',
  'duplicate_removed',
  'empty_cue_dropped',
  'markup_removed',
]);

function isWarningCode(code: string): code is CaptionWarningCode {
  return warningCodes.has(code);
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/** A caption file that cannot be used. HTTP 400 with code `caption_parse_failed`. */
export class CaptionParseError extends BadRequestError {
  readonly line: number;
  constructor(readonly problem: CaptionProblem) {
    super(describeCaptionIssue(problem, 'en'), { line: problem.line, reason: problem.code, params: problem.params }, 'caption_parse_failed');
    this.line = problem.line;
  }
}

/** Shortens a line quoted in a message, so a binary file does not produce a megabyte of error text. */
export function quoteLine(line: string): string {
  // Control characters are exactly what this must find, so the lint rule against them does not apply.
  // eslint-disable-next-line no-control-regex
  const clean = line.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
