// The script a child Node process runs to call whisper.cpp through @napi-rs/whisper. It runs in its own
// process because whisper_full blocks its thread for minutes and the binding's abort callback cannot stop
// it: killing the child is the only real cancellation, and a crash in native code cannot take the worker
// down (a damaged model file makes whisper.cpp abort the process: measured). It prints JSON lines:
// {"phase":"load"}, {"phase":"run"}, then {"ok":true,"segments":[...]} or {"ok":false,"code","message"}.
//
// argv: bindingPath modelPath audioFile language threads

export const WHISPER_CHILD_SCRIPT = String.raw`
'use strict';
(function main() {
const fs = require('node:fs');
const [bindingPath, modelPath, audioFile, language, threads] = process.argv.slice(1);
function finish(result, code) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}
let binding;
try {
  binding = require(bindingPath);
} catch (e) {
  finish({ ok: false, code: 'binding_missing', message: String(e && e.message) }, 3);
  return;
}
const { Whisper, WhisperFullParams, WhisperSamplingStrategy, decodeAudio } = binding;
let whisper;
// Phase markers tell the parent where a crash happened: a damaged model aborts inside whisper.cpp.
fs.writeSync(1, '{"phase":"load"}\n');
try {
  whisper = new Whisper(modelPath);
} catch (e) {
  finish({ ok: false, code: 'model_invalid', message: String(e && e.message) }, 4);
  return;
}
try {
  if (!whisper.isMultilingual && language !== 'en') {
    finish({ ok: false, code: 'language_unsupported', message: 'the model is English-only' }, 5);
    return;
  }
  fs.writeSync(1, '{"phase":"run"}\n');
  const samples = decodeAudio(fs.readFileSync(audioFile), 'audio.wav');
  const params = new WhisperFullParams(WhisperSamplingStrategy.Greedy);
  params.language = language;
  params.nThreads = Number(threads) || 2;
  params.translate = false;
  params.tokenTimestamps = true;
  params.maxLen = 1;
  params.splitOnWord = true;
  params.printProgress = false;
  params.printRealtime = false;
  params.printTimestamps = false;
  const segments = [];
  params.onNewSegment = (segment) => segments.push({ text: segment.text, start: segment.start, end: segment.end });
  whisper.full(params, samples);
  // Segments arrive through thread-safe callbacks queued while whisper_full ran; wait until they stop.
  let seen = -1;
  let quietTicks = 0;
  const wait = () => {
    if (segments.length === seen) quietTicks++;
    else quietTicks = 0;
    seen = segments.length;
    if (quietTicks >= 3) finish({ ok: true, segments }, 0);
    else setTimeout(wait, 20);
  };
  wait();
} catch (e) {
  finish({ ok: false, code: 'failed', message: String(e && e.message) }, 6);
}
})();
`;
