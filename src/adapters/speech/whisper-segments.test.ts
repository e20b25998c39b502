import { wordsFromWhisperSegments } from './whisper-segments.js';

test('wordsFromWhisperSegments converts centiseconds, drops annotations, shares a segment between words', () => {
  const words = wordsFromWhisperSegments([
    { text: ' Hyvää', start: 0, end: 52 },
    { text: '[BLANK_AUDIO]', start: 52, end: 300 },
    { text: ' (musiikkia)', start: 300, end: 400 },
    { text: ' ♪ ', start: 400, end: 410 },
    { text: ' huomenta, kaikki', start: 410, end: 510 },
    { text: '   ', start: 510, end: 520 },
  ]);
  expect(words).toEqual([
    { word: 'Hyvää', start: 0, end: 0.52, confidence: null },
    { word: 'huomenta,', start: 4.1, end: 4.7, confidence: null },
    { word: 'kaikki', start: 4.7, end: 5.1, confidence: null },
  ]);
});
