// Which speech engines this installation offers, from config: whisper.cpp when the admin gave a model
// file (ASR_WHISPER_MODEL), pocketsphinx when its program is on the PATH (or at ASR_POCKETSPHINX_BIN).
// Whisper comes first: where both support a language, it is the better engine (ARCHITECTURE "captions").
import { findExecutable } from '../adapters/speech/find-executable.js';
import { PocketsphinxRecognizer } from '../adapters/speech/pocketsphinx-recognizer.js';
import type { SpeechRecognizer } from '../adapters/speech/speech-recognizer.js';
import { WhisperRecognizer } from '../adapters/speech/whisper-recognizer.js';
import type { MediaConfig } from '../config-media.js';
import type { Logger } from '../logger.js';

export async function buildSpeechRecognizers(opts: { asr: MediaConfig['asr']; searchPath: string | undefined; log: Logger }): Promise<SpeechRecognizer[]> {
  const engines: SpeechRecognizer[] = [];
  const { whisper, pocketsphinx } = opts.asr;
  if (whisper) engines.push(new WhisperRecognizer({ modelPath: whisper.modelPath, languages: whisper.languages, threads: whisper.threads }));
  const binary = await findExecutable(pocketsphinx.binary, opts.searchPath ?? '');
  if (binary) engines.push(new PocketsphinxRecognizer({ binaryPath: binary, modelDir: pocketsphinx.modelDir, extraArgs: pocketsphinx.extraArgs }));
  if (engines.length === 0) opts.log.warn('no speech recognition engine: automatic captions are off (install pocketsphinx, or set ASR_WHISPER_MODEL)');
  else opts.log.info({ engines: engines.map((e) => ({ engine: e.engine, languages: e.supportedLanguages() })) }, 'speech recognition engines');
  return engines;
}
