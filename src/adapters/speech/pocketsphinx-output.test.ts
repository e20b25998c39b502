import { parsePocketsphinxWords } from './pocketsphinx-output.js';

test('parsePocketsphinxWords keeps words, drops markers and fillers, strips pronunciation variants', () => {
  const output = [
    'welcome to the lecture on photosynthesis',
    '<s> 0.060 0.120 0.999200',
    'welcome 0.130 0.610 0.957523',
    'on(2) 1.490 1.650 0.401075',
    '<sil> 2.890 3.160 0.955801',
    '[NOISE] 3.170 3.300 0.5',
    '++BREATH++ 3.300 3.400 0.5',
    "don't 3.620 3.830 1.2e-05",
    'light 5.170 5.510 1.0001',
    '</s> 6.500 6.580 1.000000',
    'INFO: not a word line',
  ].join('\n');
  expect(parsePocketsphinxWords(output)).toEqual([
    { word: 'welcome', start: 0.13, end: 0.61, confidence: 0.957523 },
    { word: 'on', start: 1.49, end: 1.65, confidence: 0.401075 },
    { word: "don't", start: 3.62, end: 3.83, confidence: 1.2e-5 },
    { word: 'light', start: 5.17, end: 5.51, confidence: 1 },
  ]);
});
