// Reads pocketsphinx_continuous `-time yes` output: one "word start end posterior" line per word, after
// a line with the whole hypothesis.
import type { RecognizedWord } from './speech-recognizer.js';

const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?(?:e-?\d+)?)$/;
// Sentence markers <s> </s>, silence <sil>, and filler models: [NOISE], [SPEECH], ++BREATH++.
const NON_WORD = /^(?:<[^>]*>|\[[^\]]*\]|\+\+.*\+\+)$/;

export function parsePocketsphinxWords(output: string): RecognizedWord[] {
  const words: RecognizedWord[] = [];
  for (const line of output.split('\n')) {
    const match = WORD_LINE.exec(line.trim());
    if (!match) continue;
    const [, token = '', start = '0', end = '0', posterior = '0'] = match;
    if (NON_WORD.test(token)) continue;
    // Alternative pronunciations from the dictionary are marked "word(2)".
    const word = token.replace(/\(\d+\)$/, '');
    const confidence = Math.min(1, Math.max(0, Number(posterior)));
    words.push({ word, start: Number(start), end: Math.max(Number(start), Number(end)), confidence });
  }
  return words;
}
