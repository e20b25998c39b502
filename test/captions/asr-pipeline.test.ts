// End to end on real engines: flite speech in a video → ffmpeg → pocketsphinx → readable cues → WebVTT.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractAudioForAsr } from '../../src/adapters/speech/extract-audio.js';
import { PocketsphinxRecognizer } from '../../src/adapters/speech/pocketsphinx-recognizer.js';
import { cueTextToPlain } from '../../src/captions/caption-text.js';
import { groupWordsIntoCues } from '../../src/captions/cue-grouping.js';
import { parseVtt, serializeVtt } from '../../src/captions/vtt.js';
import { makeSpeechClip } from '../helpers/speech-fixtures.js';

const SCRIPT =
  'Good morning and welcome to the second lecture. Today we study the water cycle. ' +
  'Water evaporates from the ocean, rises into the atmosphere, and falls again as rain. ' +
  'Rivers carry it back to the sea.';

let dir: string;
// Real recognition on a shared 2-core machine can take several times its quiet-machine time.
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-asr-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a spoken clip becomes timed, readable cues containing the key words', async () => {
  const clip = await makeSpeechClip({ text: SCRIPT, dir, name: 'lecture' });
  const audio = await extractAudioForAsr({ input: clip, output: path.join(dir, 'lecture16k.wav') });
  expect(audio.durationSeconds).toBeGreaterThan(10);
  expect(audio.durationSeconds).toBeLessThan(16);

  const { words } = await new PocketsphinxRecognizer().transcribe(audio.path, 'en');
  const cues = groupWordsIntoCues(words);

  const spoken = cues.map((c) => cueTextToPlain(c.text).replace(/\n/g, ' ')).join(' ');
  for (const keyword of ['welcome', 'lecture', 'water', 'ocean', 'atmosphere', 'rain', 'sea']) expect(spoken).toContain(keyword);
  expect(cues.length).toBeGreaterThanOrEqual(3);
  cues.forEach((cue, i) => {
    expect(cue.start).toBeGreaterThanOrEqual(0);
    expect(cue.end).toBeGreaterThan(cue.start);
    expect(cue.end).toBeLessThanOrEqual(audio.durationSeconds + 1);
    if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1]?.end ?? 0);
    expect(cue.text.split('\n').length).toBeLessThanOrEqual(2);
  });
  // "ocean" is said in the second half of the clip, "welcome" at the start.
  const at = (word: string) => cues.find((c) => c.text.includes(word))?.start ?? -1;
  expect(at('welcome')).toBeLessThan(3);
  expect(at('ocean')).toBeGreaterThan(audio.durationSeconds / 3);

  expect(parseVtt(serializeVtt(cues)).cues).toEqual(cues);
}, 120_000);
