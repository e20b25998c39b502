import { cueTextToPlain } from './caption-text.js';
import { defaultCueGrouping, groupWordsIntoCues, layOutLines, type TimedWord } from './cue-grouping.js';
import type { Cue } from './cue.js';

/** Words spoken back to back, `step` seconds each, from `at`. */
function speak(text: string, at = 0, step = 0.3): TimedWord[] {
  return text.split(' ').map((word, i) => ({ word, start: at + i * step, end: at + (i + 1) * step - 0.02 }));
}

function expectReadable(cues: readonly Cue[], words: readonly TimedWord[]): void {
  for (const [i, cue] of cues.entries()) {
    const lines = cue.text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) if (line.includes(' ')) expect(line.length).toBeLessThanOrEqual(42);
    expect(cue.end - cue.start).toBeLessThanOrEqual(7 + 1e-9);
    expect(cue.start).toBeLessThan(cue.end);
    if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1]?.end ?? 0);
  }
  // Every word exactly once, in order, never split.
  expect(cues.flatMap((c) => cueTextToPlain(c.text).split(/\s+/))).toEqual(words.map((w) => w.word));
}

describe('groupWordsIntoCues', () => {
  test('a short sentence is one cue on one line', () => {
    const words = speak('Welcome to the lecture.');
    expect(groupWordsIntoCues(words)).toEqual([{ start: 0, end: 1.18, text: 'Welcome to the lecture.' }]);
  });

  test('a pause of half a second starts a new cue, and a sentence end does too', () => {
    const words = [...speak('first part here', 0), ...speak('after the pause. New sentence', 1.5)];
    const cues = groupWordsIntoCues(words);
    expect(cues.map((c) => c.text)).toEqual(['first part here', 'after the pause.', 'New sentence']);
    expectReadable(cues, words);
  });

  test('a pause shorter than the threshold does not break', () => {
    const words = [...speak('one two', 0), ...speak('three four', 0.58 + 0.4)];
    expect(groupWordsIntoCues(words).map((c) => c.text)).toEqual(['one two three four']);
  });

  test('a long sentence fills two balanced lines, then continues in the next cue', () => {
    const words = speak('photosynthesis converts light energy into chemical energy that is stored in glucose and other sugars which the plant uses to grow and to repair its tissues');
    const cues = groupWordsIntoCues(words);
    expectReadable(cues, words);
    const [first] = cues;
    const [a = '', b = ''] = first?.text.split('\n') ?? [];
    expect(b).not.toBe('');
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(12);
  });

  test('a full cue is cut after a comma in its second half rather than mid-phrase', () => {
    const words = speak('the light reactions happen in the thylakoid membranes of the chloroplast, while the Calvin cycle runs in the stroma around them');
    const cues = groupWordsIntoCues(words);
    expect(cueTextToPlain(cues[0]?.text ?? '').replace('\n', ' ')).toBe('the light reactions happen in the thylakoid membranes of the chloroplast,');
    expectReadable(cues, words);
  });

  test('one word longer than a line is its own cue and is not split', () => {
    const long = 'Pneumonoultramicroscopicsilicovolcanoconiosis-related-terminology';
    const words = speak(`the word ${long} is long`);
    const cues = groupWordsIntoCues(words);
    expect(cues.map((c) => c.text)).toContain(long);
    expectReadable(cues, words);
  });

  test('a short cue before a long silence lasts at least one second', () => {
    const words = [{ word: 'Yes.', start: 2, end: 2.2 }, ...speak('and then much later', 40)];
    const cues = groupWordsIntoCues(words);
    expect(cues[0]).toEqual({ start: 2, end: 3, text: 'Yes.' });
    expect(cues[1]?.start).toBe(40);
  });

  test('the minimum duration never pushes a cue into the next one', () => {
    const words = [
      { word: 'Hi.', start: 0, end: 0.2 },
      { word: 'Hello', start: 0.5, end: 0.9 },
    ];
    const cues = groupWordsIntoCues(words);
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [0, 0.5],
      [0.5, 1.5],
    ]);
  });

  test('a 10-minute monologue without pauses or punctuation keeps every rule', () => {
    const vocabulary = ['energy', 'is', 'conserved', 'in', 'every', 'closed', 'system', 'we', 'observe', 'thermodynamics'];
    const words: TimedWord[] = [];
    for (let t = 0, i = 0; t < 600; t += 0.28, i++) words.push({ word: vocabulary[(i * 7) % vocabulary.length] ?? 'x', start: t, end: t + 0.28 });
    const cues = groupWordsIntoCues(words);
    expectReadable(cues, words);
    for (const cue of cues.slice(0, -1)) expect(cue.end - cue.start).toBeGreaterThanOrEqual(1);
    expect(cues.length).toBeGreaterThan(600 / 7);
  });

  test('slow speech is cut by the 7 s limit', () => {
    const words = speak('one two three four five six seven eight nine ten', 0, 1.2);
    const cues = groupWordsIntoCues(words);
    expect(cues.length).toBe(2);
    expectReadable(cues, words);
  });

  test('messy input: unordered, blank, negative and reversed times, markup characters', () => {
    const words = [
      { word: 'b<c', start: 0.6, end: 1.3 },
      { word: '  ', start: 0.5, end: 0.6 },
      { word: 'a&', start: -1, end: 0.4 },
      { word: 'd', start: 1.5, end: 1.4 },
    ];
    const cues = groupWordsIntoCues(words);
    expect(cues).toEqual([{ start: 0, end: 1.5, text: 'a&amp; b&lt;c d' }]);
  });

  test('no words, no cues', () => {
    expect(groupWordsIntoCues([])).toEqual([]);
  });
});

describe('layOutLines', () => {
  test.each([
    { words: 'short line', expected: ['short line'] },
    { words: 'this sentence is a little too long to fit on one caption line', expected: ['this sentence is a little too', 'long to fit on one caption line'] },
    { words: 'first we measure the light, and then we compute the energy it carries', expected: ['first we measure the light,', 'and then we compute the energy it carries'] },
  ])('$words', ({ words, expected }) => {
    expect(layOutLines(words.split(' '), defaultCueGrouping.maxLineChars)).toEqual(expected);
  });
});
