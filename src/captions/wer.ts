// Word error rate: (substitutions + deletions + insertions) / words in the reference, from a word-level
// Levenshtein alignment of normalised text. The standard ASR accuracy measure (NIST sclite).

export type WordErrorRate = { wer: number; substitutions: number; deletions: number; insertions: number; referenceWords: number };

/** Lowercases, drops punctuation (apostrophes included, so "don't" = "dont") and splits on spaces. */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/**
 * Compares a hypothesis with a reference text. An empty reference gives 0 for an empty hypothesis and 1
 * otherwise (every word is an insertion, and the rate would otherwise divide by zero).
 */
export function computeWordErrorRate(reference: string, hypothesis: string): WordErrorRate {
  const ref = normalizeWords(reference);
  const hyp = normalizeWords(hypothesis);
  // cost[j] = edits for ref[0..i) vs hyp[0..j); ops[j] tracks the (S, D, I) of that path.
  let prev = hyp.map((_, j) => ({ cost: j + 1, s: 0, d: 0, i: j + 1 }));
  prev.unshift({ cost: 0, s: 0, d: 0, i: 0 });
  for (let i = 1; i <= ref.length; i++) {
    const row = [{ cost: i, s: 0, d: i, i: 0 }];
    for (let j = 1; j <= hyp.length; j++) {
      const diag = prev[j - 1]!;
      const up = prev[j]!;
      const left = row[j - 1]!;
      const same = ref[i - 1] === hyp[j - 1];
      const candidates = [
        { cost: diag.cost + (same ? 0 : 1), s: diag.s + (same ? 0 : 1), d: diag.d, i: diag.i },
        { cost: up.cost + 1, s: up.s, d: up.d + 1, i: up.i },
        { cost: left.cost + 1, s: left.s, d: left.d, i: left.i + 1 },
      ];
      row.push(candidates.reduce((a, b) => (b.cost < a.cost ? b : a)));
    }
    prev = row;
  }
  const end = prev[hyp.length]!;
  const wer = ref.length === 0 ? (hyp.length === 0 ? 0 : 1) : end.cost / ref.length;
  return { wer, substitutions: end.s, deletions: end.d, insertions: end.i, referenceWords: ref.length };
}
