import { computeWordErrorRate, normalizeWords } from './wer.js';

describe('computeWordErrorRate', () => {
  test.each([
    { ref: 'the cat sat', hyp: 'the cat sat', wer: 0, s: 0, d: 0, i: 0 },
    { ref: 'The cat, sat.', hyp: 'the CAT sat', wer: 0, s: 0, d: 0, i: 0 },
    { ref: 'the cat sat', hyp: 'the bat sat', wer: 1 / 3, s: 1, d: 0, i: 0 },
    { ref: 'the cat sat', hyp: 'the sat', wer: 1 / 3, s: 0, d: 1, i: 0 },
    { ref: 'the cat sat', hyp: 'the cat sat down', wer: 1 / 3, s: 0, d: 0, i: 1 },
    { ref: 'a b c d', hyp: 'x a b d', wer: 2 / 4, s: 0, d: 1, i: 1 },
    { ref: 'one two', hyp: '', wer: 1, s: 0, d: 2, i: 0 },
    { ref: '', hyp: '', wer: 0, s: 0, d: 0, i: 0 },
    { ref: '', hyp: 'noise', wer: 1, s: 0, d: 0, i: 1 },
    { ref: "don't stop", hyp: 'dont stop', wer: 0, s: 0, d: 0, i: 0 },
  ])('"$ref" vs "$hyp" = $wer', ({ ref, hyp, wer, s, d, i }) => {
    const result = computeWordErrorRate(ref, hyp);
    expect(result.wer).toBeCloseTo(wer, 10);
    expect([result.substitutions, result.deletions, result.insertions]).toEqual([s, d, i]);
  });

  test('normalizeWords keeps Finnish and Swedish letters', () => {
    expect(normalizeWords('Hyvää päivää! Åbo—Turku, 2024.')).toEqual(['hyvää', 'päivää', 'åbo', 'turku', '2024']);
  });
});
