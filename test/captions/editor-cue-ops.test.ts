// The caption editor's pure browser modules (public/js/captions/cue-ops.js and history.js), table-driven.
// They are plain browser ES modules without types, so they are loaded by URL.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/paths.js';

type Cue = { start: number; end: number; text: string };
type Result = { cues: Cue[]; focus: number; caret?: number } | null;
type CueOps = {
  splitCue: (cues: Cue[], i: number, caret: number, playhead: number) => Result;
  mergeWithNext: (cues: Cue[], i: number) => Result;
  moveEdge: (cues: Cue[], i: number, edge: 'start' | 'end', seconds: number) => Result;
  addCueAfter: (cues: Cue[], i: number, playhead: number) => Result;
  deleteCue: (cues: Cue[], i: number) => Result;
  findNext: (cues: Cue[], needle: string, i: number, caret: number) => { index: number; from: number; to: number } | null;
  replaceAll: (cues: Cue[], needle: string, replacement: string) => { cues: Cue[]; count: number };
  formatCueTime: (s: number) => string;
};
type History = { createHistory: (initial: unknown) => { current: () => unknown; push: (s: unknown, key?: string) => void; undo: () => unknown; redo: () => unknown } };

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(projectRoot, 'public/js/captions', file)).href)) as T;
let ops: CueOps;
let history: History;
beforeAll(async () => {
  ops = await load<CueOps>('cue-ops.js');
  history = await load<History>('history.js');
});

const cue = (start: number, end: number, text: string): Cue => ({ start, end, text });
const three = [cue(0, 2, 'one two'), cue(2, 4, 'three'), cue(5, 6, 'four')];

describe('cue operations', () => {
  it.each([
    ['at the playhead inside the cue', 4, 1.25, [cue(0, 1.25, 'one'), cue(1.25, 2, 'two')]],
    ['proportionally when the playhead is elsewhere', 4, 5, [cue(0, 1.143, 'one'), cue(1.143, 2, 'two')]],
  ])('splits %s', (_name, caret, playhead, expected) => {
    expect(ops.splitCue(three, 0, caret, playhead)?.cues.slice(0, 2)).toEqual(expected);
  });

  it('does not split where a part would be empty', () => {
    expect(ops.splitCue(three, 0, 0, 1)).toBeNull();
    expect(ops.splitCue(three, 0, 7, 1)).toBeNull();
  });

  it('merges with the next cue and not past the last', () => {
    expect(ops.mergeWithNext(three, 0)?.cues[0]).toEqual(cue(0, 4, 'one two three'));
    expect(ops.mergeWithNext(three, 2)).toBeNull();
  });

  it.each([
    ['start to a time', 1, 'start', 3.5, cue(3.5, 4, 'three')],
    ['start no earlier than the previous end', 2, 'start', 3, cue(4, 6, 'four')],
    ['start leaves 0.1 s', 1, 'start', 4, cue(3.9, 4, 'three')],
    ['end no later than the next start', 1, 'end', 5.5, cue(2, 5, 'three')],
    ['the last end freely', 2, 'end', 9, cue(5, 9, 'four')],
  ] as const)('moves the %s', (_name, i, edge, seconds, expected) => {
    expect(ops.moveEdge(three, i, edge, seconds)?.cues[i]).toEqual(expected);
  });

  it('reports no change as null (nothing to undo)', () => {
    expect(ops.moveEdge(three, 1, 'start', 1)).toBeNull();
  });

  it('adds a cue in the gap after the current one, or at the playhead in an empty list', () => {
    expect(ops.addCueAfter(three, 1, 0)).toEqual({ cues: [three[0], three[1], cue(4, 5, ''), three[2]], focus: 2, caret: 0 });
    expect(ops.addCueAfter([], -1, 3.2)?.cues).toEqual([cue(3.2, 5.2, '')]);
  });

  it('deletes and keeps a sensible focus', () => {
    expect(ops.deleteCue(three, 2)).toEqual({ cues: three.slice(0, 2), focus: 1 });
  });

  it('finds the next match, wrapping, and replaces all case-insensitively', () => {
    const cues = [cue(0, 1, 'Luento ja luento'), cue(1, 2, 'LUENTO')];
    expect(ops.findNext(cues, 'luento', 0, 1)).toEqual({ index: 0, from: 10, to: 16 });
    expect(ops.findNext(cues, 'luento', 1, 1)).toEqual({ index: 0, from: 0, to: 6 });
    expect(ops.replaceAll(cues, 'luento', 'kurssi')).toEqual({ cues: [cue(0, 1, 'kurssi ja kurssi'), cue(1, 2, 'kurssi')], count: 3 });
    expect(ops.replaceAll(cues, 'a.b', 'x').count).toBe(0);
  });

  it.each([[0, '0:00.000'], [61.5, '1:01.500'], [3723.25, '1:02:03.250']])('formats %d s as %s', (s, text) => {
    expect(ops.formatCueTime(s)).toBe(text);
  });
});

describe('undo history', () => {
  it('undoes and redoes, and coalesces typing in one cue into one step', () => {
    const h = history.createHistory('a');
    h.push('ab', 'text:0');
    h.push('abc', 'text:0');
    h.push('abc!', 'merge');
    expect(h.undo()).toBe('abc');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBeNull();
    expect(h.redo()).toBe('abc');
    h.push('x');
    expect(h.redo()).toBeNull();
  });
});
