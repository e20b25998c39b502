// Groups recognised words into readable caption cues. The rules follow common caption guidelines
// (BBC Subtitle Guidelines, DCMP Captioning Key): at most two lines of about 42 characters, each cue on
// screen for 1–7 s, a new cue at a pause or after the end of a sentence, words never split, and the two
// lines of a cue about equally long, preferably broken after a comma.
import { escapeCueText } from './caption-text.js';
import { roundToMilliseconds, type Cue } from './cue.js';

export type TimedWord = { word: string; start: number; end: number };

export type CueGroupingOptions = {
  maxLineChars: number;
  minCueSeconds: number;
  maxCueSeconds: number;
  /** A silence at least this long between two words always starts a new cue. */
  pauseSeconds: number;
};

export const defaultCueGrouping: CueGroupingOptions = { maxLineChars: 42, minCueSeconds: 1, maxCueSeconds: 7, pauseSeconds: 0.5 };

const MAX_LINES = 2;
const SENTENCE_END = /[.!?…]["'”’)\]]*$/;
const CLAUSE_END = /[,;:–—]["'”’)\]]*$/;
// How many characters of imbalance a line break after a comma is worth: readers parse clauses, and
// caption guidelines put the break at a clause boundary before they balance lengths.
const CLAUSE_BREAK_BONUS = 15;

/** Turns words with timings into cues; the words' order and text are kept, each word in exactly one cue. */
export function groupWordsIntoCues(words: readonly TimedWord[], options: CueGroupingOptions = defaultCueGrouping): Cue[] {
  const groups = splitIntoGroups(cleanWords(words), options);
  return groups.map((group, i) => toCue(group, groups[i + 1]?.[0]?.start, options));
}

function cleanWords(words: readonly TimedWord[]): TimedWord[] {
  return words
    .map((w) => ({ word: w.word.replace(/\s+/g, ' ').trim(), start: Math.max(0, w.start), end: Math.max(0, w.start, w.end) }))
    .filter((w) => w.word !== '' && Number.isFinite(w.start) && Number.isFinite(w.end))
    .sort((a, b) => a.start - b.start);
}

function splitIntoGroups(words: readonly TimedWord[], options: CueGroupingOptions): TimedWord[][] {
  const groups: TimedWord[][] = [];
  let group: TimedWord[] = [];
  for (const word of words) {
    const last = group[group.length - 1];
    if (last && isNaturalBreak(group, last, word, options)) {
      groups.push(group);
      group = [];
    } else if (last && !fits([...group, word], options)) {
      const cut = findCut(group);
      groups.push(group.slice(0, cut));
      group = group.slice(cut);
      if (group.length > 0 && !fits([...group, word], options)) {
        groups.push(group);
        group = [];
      }
    }
    group.push(word);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** A pause, the end of a sentence, or a clause end once a full line is already on screen. */
function isNaturalBreak(group: readonly TimedWord[], last: TimedWord, next: TimedWord, options: CueGroupingOptions): boolean {
  if (next.start - last.end >= options.pauseSeconds) return true;
  if (SENTENCE_END.test(last.word)) return true;
  return CLAUSE_END.test(last.word) && textLength(group) >= options.maxLineChars;
}

/** Whether the words fit one cue: within the longest duration and laid out in at most two lines. */
function fits(group: readonly TimedWord[], options: CueGroupingOptions): boolean {
  const first = group[0];
  const last = group[group.length - 1];
  if (!first || !last) return true;
  if (group.length === 1) return true;
  if (last.end - first.start > options.maxCueSeconds) return false;
  return countGreedyLines(group.map((w) => w.word), options.maxLineChars) <= MAX_LINES;
}

/** When a cue is full, cut after the last clause end in its second half, so phrases stay together. */
function findCut(group: readonly TimedWord[]): number {
  for (let k = group.length - 1; k >= Math.ceil(group.length / 2); k--) {
    if (CLAUSE_END.test(group[k - 1]?.word ?? '')) return k;
  }
  return group.length;
}

function textLength(group: readonly TimedWord[]): number {
  return group.map((w) => w.word).join(' ').length;
}

/** Lines needed when filling greedily; a word longer than a line cannot share a cue (Infinity). */
function countGreedyLines(words: readonly string[], maxChars: number): number {
  let lines = 0;
  let current = -1;
  for (const word of words) {
    if (word.length > maxChars) return Infinity;
    if (current >= 0 && current + 1 + word.length <= maxChars) current += 1 + word.length;
    else {
      lines++;
      current = word.length;
    }
  }
  return lines;
}

function toCue(group: readonly TimedWord[], nextStart: number | undefined, options: CueGroupingOptions): Cue {
  const start = roundToMilliseconds(group[0]?.start ?? 0);
  const spoken = group[group.length - 1]?.end ?? start;
  // Stretch a short cue to the shortest readable duration, but never into the next cue.
  let end = Math.max(spoken, start + options.minCueSeconds);
  if (nextStart !== undefined) end = Math.min(end, Math.max(spoken, nextStart));
  end = roundToMilliseconds(Math.min(end, start + options.maxCueSeconds));
  if (end <= start) end = roundToMilliseconds(start + 0.001);
  return { start, end, text: layOutLines(group.map((w) => w.word), options.maxLineChars).map(escapeCueText).join('\n') };
}

/** One line if it fits, else the two-line break with the most equal lengths, preferring a clause end. */
export function layOutLines(words: readonly string[], maxChars: number): string[] {
  const whole = words.join(' ');
  if (whole.length <= maxChars || words.length < 2) return [whole];
  let best: { k: number; score: number } | undefined;
  for (let k = 1; k < words.length; k++) {
    const first = words.slice(0, k).join(' ');
    const second = words.slice(k).join(' ');
    if (first.length > maxChars || second.length > maxChars) continue;
    const score = Math.abs(first.length - second.length) - (CLAUSE_END.test(words[k - 1] ?? '') || SENTENCE_END.test(words[k - 1] ?? '') ? CLAUSE_BREAK_BONUS : 0);
    if (!best || score < best.score) best = { k, score };
  }
  if (!best) return [whole];
  return [words.slice(0, best.k).join(' '), words.slice(best.k).join(' ')];
}
