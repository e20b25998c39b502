// English speech recognition with CMU pocketsphinx (Debian packages pocketsphinx and pocketsphinx-en-us).
// The command line is the one measured in MEDIA-NOTES "Speech recognition".
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { findExecutable } from './find-executable.js';
import { parsePocketsphinxWords } from './pocketsphinx-output.js';
import { ProcessAbortedError, ProcessStartError, runProcess } from './run-process.js';
import { SpeechCancelledError, SpeechEngineUnavailableError, SpeechRecognitionFailedError, UnsupportedLanguageError } from './speech-errors.js';
import { primaryLanguage, type SpeechRecognizer, type TranscribeOptions, type Transcript } from './speech-recognizer.js';

export type PocketsphinxOptions = {
  /** Default "pocketsphinx_continuous" on the PATH. */
  binaryPath?: string;
  /** Holds en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. */
  modelDir?: string;
  /** Extra decoder options, e.g. ["-beam", "1e-60"], for tuning. */
  extraArgs?: readonly string[];
};

export const DEBIAN_POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
const LANGUAGES = ['en'] as const;

export class PocketsphinxRecognizer implements SpeechRecognizer {
  readonly engine = 'pocketsphinx';
  private readonly binaryPath: string;
  private readonly model: { hmm: string; lm: string; dict: string };
  private readonly extraArgs: readonly string[];

  constructor(options: PocketsphinxOptions = {}) {
    this.binaryPath = options.binaryPath ?? 'pocketsphinx_continuous';
    const dir = options.modelDir ?? DEBIAN_POCKETSPHINX_MODEL_DIR;
    this.model = { hmm: path.join(dir, 'en-us'), lm: path.join(dir, 'en-us.lm.bin'), dict: path.join(dir, 'cmudict-en-us.dict') };
    this.extraArgs = options.extraArgs ?? [];
  }

  supportedLanguages(): readonly string[] {
    return LANGUAGES;
  }

  /** Throws SpeechEngineUnavailableError when the program or a model file is missing. */
  async checkReady(): Promise<void> {
    if (!(await findExecutable(this.binaryPath))) {
      throw new SpeechEngineUnavailableError('binary_missing', `pocketsphinx was not found (${this.binaryPath}); install the Debian package "pocketsphinx"`, {
        binaryPath: this.binaryPath,
      });
    }
    for (const [part, file] of Object.entries(this.model)) {
      try {
        await access(file, constants.R_OK);
      } catch {
        throw new SpeechEngineUnavailableError('model_missing', `the pocketsphinx ${part} model is missing (${file}); install "pocketsphinx-en-us"`, { file });
      }
    }
  }

  async transcribe(audioFile: string, language: string, options: TranscribeOptions = {}): Promise<Transcript> {
    if (primaryLanguage(language) !== 'en') throw new UnsupportedLanguageError(language, LANGUAGES, this.engine);
    await this.checkReady();
    await assertAudioFile(audioFile);
    const args = ['-infile', audioFile, '-hmm', this.model.hmm, '-lm', this.model.lm, '-dict', this.model.dict, '-time', 'yes', ...this.extraArgs];
    try {
      const result = await runProcess({ command: this.binaryPath, args, signal: options.signal });
      if (result.exitCode !== 0) {
        const lastError = result.stderr.split('\n').filter((l) => /ERROR|FATAL/.test(l)).pop() ?? `exit code ${String(result.exitCode ?? result.signal)}`;
        throw new SpeechRecognitionFailedError(`pocketsphinx failed on ${audioFile}: ${lastError.trim()}`, { stderr: result.stderr.slice(-2000) });
      }
      return { words: parsePocketsphinxWords(result.stdout) };
    } catch (err) {
      if (err instanceof ProcessAbortedError) throw new SpeechCancelledError(this.engine);
      if (err instanceof ProcessStartError) throw new SpeechEngineUnavailableError('binary_missing', `pocketsphinx could not start: ${err.message}`);
      throw err;
    }
  }
}

async function assertAudioFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new SpeechRecognitionFailedError(`the audio file to transcribe does not exist: ${file}`);
}
