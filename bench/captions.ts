// ASR benchmark: a ~60 s flite "lecture" from a known script through the real caption pipeline
// (ffmpeg audio extraction → pocketsphinx → cue grouping). Prints one JSON line {"rtf":…,"wer":…}:
// rtf = pipeline wall time / audio duration, wer = word error rate of the cues against the script.
// Details go to stderr. Run: npm run bench:captions
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAudioForAsr } from '../src/adapters/speech/extract-audio.js';
import { PocketsphinxRecognizer } from '../src/adapters/speech/pocketsphinx-recognizer.js';
import { cueTextToPlain } from '../src/captions/caption-text.js';
import { groupWordsIntoCues } from '../src/captions/cue-grouping.js';
import { computeWordErrorRate } from '../src/captions/wer.js';
import { makeSpeechWav } from '../test/helpers/speech-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const script = await readFile(path.join(here, 'fixtures', 'lecture.txt'), 'utf8');
  // Decoder options to try, e.g. BENCH_SPHINX_ARGS="-beam 1e-60 -lw 8"; none by default.
  const extraArgs = (process.env.BENCH_SPHINX_ARGS ?? '').split(/\s+/).filter(Boolean);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luento-bench-captions-'));
  try {
    const speech = await makeSpeechWav({ text: script, dir, name: 'lecture' });
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    const audio = await extractAudioForAsr({ input: speech, output: path.join(dir, 'lecture16k.wav') });
    const { words } = await new PocketsphinxRecognizer({ extraArgs }).transcribe(audio.path, 'en');
    const cues = groupWordsIntoCues(words);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const hypothesis = cues.map((c) => cueTextToPlain(c.text)).join(' ');
    const score = computeWordErrorRate(script, hypothesis);
    const rtf = seconds / audio.durationSeconds;
    console.error(
      JSON.stringify({
        audioSeconds: round(audio.durationSeconds),
        wallSeconds: round(seconds),
        parentCpuSeconds: round((process.cpuUsage(cpuStarted).user + process.cpuUsage(cpuStarted).system) / 1e6),
        cues: cues.length,
        ...score,
        extraArgs,
      }),
    );
    console.log(JSON.stringify({ rtf: round(rtf), wer: round(score.wer) }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

await main();
