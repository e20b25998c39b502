import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractAudioForAsr } from '../../../src/adapters/speech/extract-audio.js';
import { AudioExtractionFailedError, MediaHasNoAudioError, SpeechCancelledError, SpeechEngineUnavailableError } from '../../../src/adapters/speech/speech-errors.js';
import { makeSilentVideo, makeSpeechClip } from '../../helpers/speech-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-extract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a video with speech becomes 16 kHz mono WAV of the same length', async () => {
  const clip = await makeSpeechClip({ text: 'The quick brown fox jumps over the lazy dog.', dir, name: 'fox' });
  const out = path.join(dir, 'fox16k.wav');
  const audio = await extractAudioForAsr({ input: clip, output: out });
  expect(audio.path).toBe(out);
  expect(audio.durationSeconds).toBeGreaterThan(1.5);
  expect(audio.durationSeconds).toBeLessThan(5);
  const { execFileSync } = await import('node:child_process');
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', out], { encoding: 'utf8' })) as {
    streams: Array<{ sample_rate: string; channels: number; codec_name: string }>;
  };
  expect(probe.streams[0]).toMatchObject({ sample_rate: '16000', channels: 1, codec_name: 'pcm_s16le' });
});

test('a video without audio gives MediaHasNoAudioError and leaves no file', async () => {
  const clip = await makeSilentVideo({ dir });
  const out = path.join(dir, 'silent16k.wav');
  await expect(extractAudioForAsr({ input: clip, output: out })).rejects.toBeInstanceOf(MediaHasNoAudioError);
  expect(await readdir(dir)).not.toContain('silent16k.wav');
});

test('a file that is not media gives AudioExtractionFailedError (422) and leaves no file', async () => {
  const bogus = path.join(dir, 'notes.mp4');
  await writeFile(bogus, 'these are lecture notes, not a video');
  const error = await extractAudioForAsr({ input: bogus, output: path.join(dir, 'bogus.wav') }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AudioExtractionFailedError);
  expect((error as AudioExtractionFailedError).status).toBe(422);
  expect(await readdir(dir)).not.toContain('bogus.wav');
});

test('a missing ffmpeg is reported as an unavailable engine', async () => {
  const error = await extractAudioForAsr({ input: 'x.mp4', output: path.join(dir, 'x.wav'), ffmpegPath: '/nonexistent/ffmpeg' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SpeechEngineUnavailableError);
  expect((error as SpeechEngineUnavailableError).code).toBe('speech_binary_missing');
});

test('an aborted signal cancels', async () => {
  const controller = new AbortController();
  controller.abort();
  await expect(extractAudioForAsr({ input: 'x.mp4', output: path.join(dir, 'y.wav'), signal: controller.signal })).rejects.toBeInstanceOf(SpeechCancelledError);
});
