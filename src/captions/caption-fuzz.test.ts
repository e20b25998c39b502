// Property tests: whatever bytes arrive, the parser either returns a valid track or throws its typed error.
import fc from 'fast-check';
import { CaptionParseError } from './caption-errors.js';
import { parseCaptionFile } from './caption-file.js';
import { formatSrtTimestamp, formatVttTimestamp, type Cue } from './cue.js';
import { parseVtt, serializeVtt } from './vtt.js';

const RUNS = Number(process.env.CAPTION_FUZZ_RUNS ?? 400);

/** Asserts the result is a valid track: timed, ordered, clean text, and stable under serialize → parse. */
function expectValidTrack(cues: readonly Cue[]): void {
  expect(cues.length).toBeGreaterThan(0);
  cues.forEach((cue, i) => {
    expect(Number.isFinite(cue.start) && Number.isFinite(cue.end)).toBe(true);
    expect(cue.start).toBeGreaterThanOrEqual(0);
    expect(cue.start).toBeLessThan(cue.end);
    expect(Math.round(cue.start * 1000) / 1000).toBe(cue.start);
    if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1]?.start ?? 0);
    expect(cue.text.trim()).not.toBe('');
    expect(cue.text).not.toMatch(/-->|\n\s*\n|^\s|\s$/);
  });
  const again = parseVtt(serializeVtt(cues));
  expect(again.cues).toEqual(cues);
  // Kept overlaps are reported again on every parse; nothing else may change a normalised track.
  expect(again.warnings.filter((w) => w.code !== 'overlap_kept')).toEqual([]);
}

function parseOrTypedError(bytes: Uint8Array): void {
  let cues: Cue[] | undefined;
  try {
    cues = parseCaptionFile(bytes).cues;
  } catch (e) {
    if (!(e instanceof CaptionParseError)) throw e;
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.message).toMatch(/^line \d+: \S/);
    return;
  }
  expectValidTrack(cues);
}

const textPiece = fc.constantFrom('hello', 'ä ö å', '<b>', '</b>', '<i>x</i>', '<v Anna>', '<script>', '&', '&amp;', '<', '>', '-->', ' ', '\t', '\n', 'NOTE', 'WEBVTT', '00:00:01.000', '1', '\u0000', '漢', '<00:00:01.500>', '&#x41;', '{\\an8}');
const cueArb = fc.record({
  startMs: fc.integer({ min: 0, max: 20_000_000 }),
  durationMs: fc.integer({ min: 1, max: 20_000 }),
  // Well-formed cue text has no blank line and no "-->" (WebVTT §4.2.2); damage adds those later.
  text: fc.array(textPiece, { minLength: 1, maxLength: 8 }).map((parts) =>
    parts
      .join('')
      .replaceAll('-->', '->')
      .split('\n')
      .map((line) => (line.trim() === '' ? 'x' : line))
      .join('\n'),
  ),
  id: fc.option(fc.constantFrom('a', 'cue-1', '7', 'NOTE', 'x y'), { nil: undefined }),
});

type GeneratedCue = { startMs: number; durationMs: number; text: string; id: string | undefined };

function buildFile(cues: readonly GeneratedCue[], isSrt: boolean): string {
  const blocks = cues.map((c, i) => {
    const format = isSrt ? formatSrtTimestamp : formatVttTimestamp;
    const timing = `${format(c.startMs / 1000)} --> ${format((c.startMs + c.durationMs) / 1000)}`;
    const head = isSrt ? `${i + 1}\n${timing}` : c.id ? `${c.id}\n${timing}` : timing;
    return `${head}\n${c.text}`;
  });
  return (isSrt ? blocks : ['WEBVTT', ...blocks]).join('\n\n');
}

type Damage = { kind: 'deleteLine' | 'duplicateLine' | 'mutateChar' | 'insert'; at: number; text: string };
const damageArb: fc.Arbitrary<Damage> = fc.record({
  kind: fc.constantFrom('deleteLine', 'duplicateLine', 'mutateChar', 'insert'),
  at: fc.nat(),
  text: fc.string({ maxLength: 6 }),
});

function applyDamage(file: string, damage: readonly Damage[]): string {
  let out = file;
  for (const d of damage) {
    const lines = out.split('\n');
    const li = d.at % Math.max(lines.length, 1);
    const ci = d.at % Math.max(out.length, 1);
    if (d.kind === 'deleteLine') lines.splice(li, 1);
    if (d.kind === 'duplicateLine') lines.splice(li, 0, lines[li] ?? '');
    out = d.kind === 'mutateChar' ? out.slice(0, ci) + d.text.slice(0, 1) + out.slice(ci + 1) : d.kind === 'insert' ? out.slice(0, ci) + d.text + out.slice(ci) : lines.join('\n');
  }
  return out;
}

describe('caption parser properties', () => {
  test('random bytes: a valid track or the typed parse error', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => parseOrTypedError(bytes)), { numRuns: RUNS });
  });

  test('random text: a valid track or the typed parse error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('', 'WEBVTT\n\n', '1\n'), (text, prefix) =>
        parseOrTypedError(new TextEncoder().encode(prefix + text)),
      ),
      { numRuns: RUNS },
    );
  });

  test('well-formed files parse to a valid track', () => {
    fc.assert(
      fc.property(fc.array(cueArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (cues, isSrt) => {
        let parsed: Cue[] = [];
        try {
          parsed = parseCaptionFile(new TextEncoder().encode(buildFile(cues, isSrt))).cues;
        } catch (e) {
          // Only "every cue's text was empty or markup" may refuse a well-formed file.
          expect(e).toBeInstanceOf(CaptionParseError);
          expect((e as CaptionParseError).problem.code).toBe('no_cues');
          return;
        }
        expectValidTrack(parsed);
      }),
      { numRuns: RUNS },
    );
  });

  test('damaged files: a valid track or the typed parse error', () => {
    fc.assert(
      fc.property(fc.array(cueArb, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.array(damageArb, { minLength: 1, maxLength: 5 }), (cues, isSrt, damage) =>
        parseOrTypedError(new TextEncoder().encode(applyDamage(buildFile(cues, isSrt), damage))),
      ),
      { numRuns: RUNS },
    );
  });
});
