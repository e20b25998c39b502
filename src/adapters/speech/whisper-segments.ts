// Turns whisper.cpp segments into words. With max_len = 1 and split_on_word, whisper.cpp emits about one
// word per segment; its t0/t1 are in centiseconds (whisper.h: "timestamps in units of 10 ms").
import type { RecognizedWord } from './speech-recognizer.js';

export type WhisperSegment = { text: string; start: number; end: number };

// Non-speech annotations whisper writes instead of words: [BLANK_AUDIO], [Music], (applause), ♪.
const NON_SPEECH = /^(?:\[[^\]]*\]|\([^)]*\)|[♪♫\s]+)$/;

export function wordsFromWhisperSegments(segments: readonly WhisperSegment[]): RecognizedWord[] {
  const words: RecognizedWord[] = [];
  for (const segment of segments) {
    const text = segment.text.trim();
    if (text === '' || NON_SPEECH.test(text)) continue;
    const start = segment.start / 100;
    const end = Math.max(start, segment.end / 100);
    const parts = text.split(/\s+/);
    // Several words in one segment share its time in proportion to their length.
    const totalChars = parts.reduce((n, p) => n + p.length, 0);
    let at = start;
    for (const part of parts) {
      const span = ((end - start) * part.length) / totalChars;
      words.push({ word: part, start: round(at), end: round(at + span), confidence: null });
      at += span;
    }
  }
  return words;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
