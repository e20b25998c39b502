// Cleans cue text to what WebVTT allows (WebVTT §4.2.2 "cue text"): the tags b, i, u, c, v, lang, ruby
// and rt, timestamp tags, and character references. Everything else is removed or escaped, so the text is
// safe to serialise and, once entity-decoded and escaped again, to show in the player or the editor.

export type CleanedCueText = { text: string; hadMarkupRemoved: boolean };

const TAG_NAMES = 'b|i|u|c|v|lang|ruby|rt';
// Classes (WebVTT §4.2.2: ".class") are kept; an annotation (the text after a space) only on v and lang.
const START_TAG = new RegExp(`^(${TAG_NAMES})((?:\\.[A-Za-z0-9_-]+)*)(?:[ \\t]+([^<>]*))?$`, 'i');
const END_TAG = new RegExp(`^/(${TAG_NAMES})$`, 'i');
const TIMESTAMP_TAG = /^(?:\d{2,4}:)?\d{2}:\d{2}\.\d{3}$/;
const CHARACTER_REFERENCE = /^&(?:amp|lt|gt|lrm|rlm|nbsp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/;
// ASS override blocks ("{\an8}") that SRT files borrow from SubStation Alpha.
const ASS_OVERRIDE = /\{\\[^}]*\}/g;
// Control characters (other than tab and newline) are what this removes: the lint rule does not apply.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Cleans a cue's text lines: keeps allowed markup, trims lines, collapses spaces, drops empty lines. */
export function cleanCueText(raw: string): CleanedCueText {
  const withoutOverrides = raw.replace(ASS_OVERRIDE, '');
  let hadMarkupRemoved = withoutOverrides !== raw;
  const lines: string[] = [];
  for (const line of withoutOverrides.split('\n')) {
    const cleaned = cleanLine(line.replace(CONTROL_CHARACTERS, ''));
    hadMarkupRemoved ||= cleaned.hadMarkupRemoved;
    const text = cleaned.text.replace(/[ \t]+/g, ' ').trim();
    if (text !== '' && !isOnlyMarkup(text)) lines.push(text);
  }
  return { text: lines.join('\n'), hadMarkupRemoved };
}

function cleanLine(line: string): CleanedCueText {
  let out = '';
  let hadMarkupRemoved = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (ch === '<') {
      const close = line.indexOf('>', i + 1);
      const nextOpen = line.indexOf('<', i + 1);
      // "a < b" in a maths lecture is text: a tag starts with a letter, "/" or a timestamp digit.
      if (close === -1 || (nextOpen !== -1 && nextOpen < close) || !/[A-Za-z0-9/]/.test(line[i + 1] ?? '')) {
        out += '&lt;';
        i += 1;
        continue;
      }
      const inner = line.slice(i + 1, close);
      const tag = normaliseTag(inner);
      if (tag === undefined || tag.length < inner.length + 2) hadMarkupRemoved = true;
      if (tag !== undefined) out += tag;
      i = close + 1;
    } else if (ch === '&') {
      const ref = CHARACTER_REFERENCE.exec(line.slice(i, i + 12));
      out += ref ? ref[0] : '&amp;';
      i += ref ? ref[0].length : 1;
    } else {
      out += ch === '>' ? '&gt;' : ch;
      i += 1;
    }
  }
  return { text: out, hadMarkupRemoved };
}

/** The tag as we write it back, or undefined when WebVTT does not allow it. */
function normaliseTag(inner: string): string | undefined {
  if (TIMESTAMP_TAG.test(inner)) return `<${inner}>`;
  const end = END_TAG.exec(inner);
  if (end) return `</${(end[1] ?? '').toLowerCase()}>`;
  const start = START_TAG.exec(inner);
  if (!start) return undefined;
  const name = (start[1] ?? '').toLowerCase();
  const classes = start[2] ?? '';
  const annotation = (start[3] ?? '').replace(/&(?![a-z]+;|#)/gi, '&amp;').replace(/\s+/g, ' ').trim();
  const hasAnnotation = (name === 'v' || name === 'lang') && annotation !== '';
  return `<${name}${classes}${hasAnnotation ? ` ${annotation}` : ''}>`;
}

/** A line of nothing but tags shows nothing, so it counts as empty. */
function isOnlyMarkup(line: string): boolean {
  return line.replace(/<[^>]*>/g, '').trim() === '';
}

/** Escapes plain text (a recognised word, a person's edit) as WebVTT cue text. */
export function escapeCueText(plain: string): string {
  return plain.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text a person reads: tags removed and character references decoded (for transcripts and search). */
export function cueTextToPlain(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, ref: string) => {
      if (ref.startsWith('#x')) return safeCodePoint(parseInt(ref.slice(2), 16)) ?? m;
      if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10)) ?? m;
      return named[ref] ?? m;
    });
}

function safeCodePoint(n: number): string | undefined {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}
