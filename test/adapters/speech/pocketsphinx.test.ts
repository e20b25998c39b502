// The real pocketsphinx engine on flite speech.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractAudioForAsr } from '../../../src/adapters/speech/extract-audio.js';
import { PocketsphinxRecognizer } from '../../../src/adapters/speech/pocketsphinx-recognizer.js';
import { SpeechCancelledError, SpeechEngineUnavailableError, SpeechRecognitionFailedError, UnsupportedLanguageError } from '../../../src/adapters/speech/speech-errors.js';
import { makeSpeechWav } from '../../helpers/speech-fixtures.js';

let dir: string;
let audio: { path: string; durationSeconds: number };
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-sphinx-'));
  const wav = await makeSpeechWav({ text: 'Welcome to the lecture on photosynthesis. Plants turn light into energy.', dir });
  audio = await extractAudioForAsr({ input: wav, output: path.join(dir, 'a16k.wav') });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('recognises words with ordered timings inside the audio', async () => {
  const recognizer = new PocketsphinxRecognizer();
  await recognizer.checkReady();
  const { words } = await recognizer.transcribe(audio.path, 'en-US');
  const text = words.map((w) => w.word);
  expect(text).toEqual(expect.arrayContaining(['welcome', 'lecture', 'photosynthesis', 'energy']));
  expect(text.some((w) => /^<|^\[|\(\d\)$/.test(w))).toBe(false);
  words.forEach((w, i) => {
    expect(w.start).toBeGreaterThanOrEqual(0);
    expect(w.end).toBeGreaterThanOrEqual(w.start);
    expect(w.end).toBeLessThanOrEqual(audio.durationSeconds + 0.1);
    expect(w.confidence).toBeGreaterThanOrEqual(0);
    expect(w.confidence).toBeLessThanOrEqual(1);
    if (i > 0) expect(w.start).toBeGreaterThanOrEqual(words[i - 1]?.end ?? 0);
  });
}, 60_000);

test('other languages are refused with a clear message', async () => {
  const error = await new PocketsphinxRecognizer().transcribe(audio.path, 'fi').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnsupportedLanguageError);
  expect((error as Error).message).toBe('The pocketsphinx speech recognizer cannot transcribe the language "fi" (supported: en)');
  expect(new PocketsphinxRecognizer().supportedLanguages()).toEqual(['en']);
});

test.each([
  { name: 'a missing program', options: { binaryPath: '/nonexistent/pocketsphinx_continuous' }, code: 'speech_binary_missing' },
  { name: 'a missing model', options: { modelDir: '/nonexistent/model' }, code: 'speech_model_missing' },
])('$name is reported as an unavailable engine', async ({ options, code }) => {
  const recognizer = new PocketsphinxRecognizer(options);
  await expect(recognizer.checkReady()).rejects.toBeInstanceOf(SpeechEngineUnavailableError);
  const error = await recognizer.transcribe(audio.path, 'en').catch((e: unknown) => e);
  expect((error as SpeechEngineUnavailableError).code).toBe(code);
});

test('a missing audio file is a recognition failure', async () => {
  await expect(new PocketsphinxRecognizer().transcribe(path.join(dir, 'nope.wav'), 'en')).rejects.toBeInstanceOf(SpeechRecognitionFailedError);
});

test('an AbortSignal stops a running recognition', async () => {
  const controller = new AbortController();
  const started = Date.now();
  const running = new PocketsphinxRecognizer().transcribe(audio.path, 'en', { signal: controller.signal });
  setTimeout(() => controller.abort(), 150);
  await expect(running).rejects.toBeInstanceOf(SpeechCancelledError);
  expect(Date.now() - started).toBeLessThan(1000);
});
