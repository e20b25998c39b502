// No whisper model can be had on these machines, so these tests cover everything up to and including the
// binding refusing or crashing on a model that is not one. A real transcription needs ASR_WHISPER_MODEL.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SpeechCancelledError, SpeechEngineUnavailableError, UnsupportedLanguageError } from '../../../src/adapters/speech/speech-errors.js';
import { WhisperRecognizer } from '../../../src/adapters/speech/whisper-recognizer.js';

let dir: string;
let wav: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-whisper-'));
  wav = path.join(dir, 'a.wav');
  // 0.1 s of 16 kHz mono silence: a 44-byte header and 3200 bytes of zeros.
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + 3200, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(3200, 40);
  await writeFile(wav, Buffer.concat([header, Buffer.alloc(3200)]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<SpeechEngineUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpeechEngineUnavailableError);
  return error as SpeechEngineUnavailableError;
}

test('offers Finnish, Swedish and English, and refuses others before touching the model', async () => {
  const recognizer = new WhisperRecognizer({ modelPath: path.join(dir, 'missing.bin') });
  expect(recognizer.supportedLanguages()).toEqual(['fi', 'sv', 'en']);
  const error = await recognizer.transcribe(wav, 'de-DE').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnsupportedLanguageError);
  expect((error as Error).message).toBe('The whisper speech recognizer cannot transcribe the language "de-DE" (supported: fi, sv, en)');
});

test('a missing model file', async () => {
  const recognizer = new WhisperRecognizer({ modelPath: path.join(dir, 'missing.bin') });
  const error = await errorOf(recognizer.checkReady());
  expect(error.code).toBe('speech_model_missing');
  expect(error.message).toContain('ASR_WHISPER_MODEL');
  expect((await errorOf(recognizer.transcribe(wav, 'fi'))).code).toBe('speech_model_missing');
});

test('a model path that is a directory, or a file that cannot be read', async () => {
  expect((await errorOf(new WhisperRecognizer({ modelPath: dir }).transcribe(wav, 'sv'))).code).toBe('speech_model_missing');
  const locked = path.join(dir, 'locked.bin');
  await writeFile(locked, 'lmgg');
  await chmod(locked, 0o000);
  // root reads files whatever their mode, so only check the unreadable case where it applies.
  if (process.getuid?.() !== 0) expect((await errorOf(new WhisperRecognizer({ modelPath: locked }).checkReady())).code).toBe('speech_model_missing');
});

test('a file that is not a ggml model is refused without loading it', async () => {
  const notModel = path.join(dir, 'model.bin');
  await writeFile(notModel, '<html>404 Not Found</html>');
  const error = await errorOf(new WhisperRecognizer({ modelPath: notModel }).transcribe(wav, 'en'));
  expect(error.code).toBe('speech_model_invalid');
  expect(error.message).toContain('not a whisper.cpp ggml model');
});

test('a damaged ggml model crashes whisper.cpp in the child process, not here', async () => {
  const damaged = path.join(dir, 'damaged.bin');
  await writeFile(damaged, Buffer.concat([Buffer.from('lmgg'), Buffer.alloc(4096, 7)]));
  const error = await errorOf(new WhisperRecognizer({ modelPath: damaged }).transcribe(wav, 'fi'));
  expect(error.code).toBe('speech_model_invalid');
  expect(error.message).toContain(damaged);
});

test('an AbortSignal kills the child process', async () => {
  const damaged = path.join(dir, 'damaged2.bin');
  await writeFile(damaged, Buffer.concat([Buffer.from('lmgg'), Buffer.alloc(64, 1)]));
  const controller = new AbortController();
  const running = new WhisperRecognizer({ modelPath: damaged }).transcribe(wav, 'en', { signal: controller.signal });
  setTimeout(() => controller.abort(), 5);
  await expect(running).rejects.toBeInstanceOf(SpeechCancelledError);
});
