// Speech recognition with whisper.cpp through @napi-rs/whisper, for Finnish, Swedish and English. The
// admin provides a ggml model file (ASR_WHISPER_MODEL): none can be downloaded by the product.
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { WHISPER_CHILD_SCRIPT } from './whisper-child.js';
import { wordsFromWhisperSegments, type WhisperSegment } from './whisper-segments.js';
import { ProcessAbortedError, runProcess } from './run-process.js';
import { SpeechCancelledError, SpeechEngineUnavailableError, SpeechRecognitionFailedError, UnsupportedLanguageError } from './speech-errors.js';
import { primaryLanguage, type SpeechRecognizer, type TranscribeOptions, type Transcript } from './speech-recognizer.js';

export type WhisperOptions = {
  /** Path of a whisper.cpp ggml model (e.g. ggml-large-v3-turbo.bin). */
  modelPath: string;
  /** Languages to offer; default fi, sv, en. An English-only model (*.en) should be given ["en"]. */
  languages?: readonly string[];
  /** CPU threads for whisper_full; default 2. */
  threads?: number;
};

// whisper.cpp's ggml file magic 0x67676d6c, stored little-endian ("lmgg").
const GGML_MAGIC = Buffer.from([0x6c, 0x6d, 0x67, 0x67]);

type ChildResult = { ok: true; segments: WhisperSegment[] } | { ok: false; code: string; message: string } | { phase: 'load' | 'run' };

export class WhisperRecognizer implements SpeechRecognizer {
  readonly engine = 'whisper';
  private readonly languages: readonly string[];

  constructor(private readonly options: WhisperOptions) {
    this.languages = (options.languages ?? ['fi', 'sv', 'en']).map(primaryLanguage);
  }

  supportedLanguages(): readonly string[] {
    return this.languages;
  }

  /** Checks that the model file exists, can be read, and is a ggml file. */
  async checkReady(): Promise<void> {
    const { modelPath } = this.options;
    const magic = Buffer.alloc(4);
    try {
      const handle = await open(modelPath, 'r');
      try {
        if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
        await handle.read(magic, 0, 4, 0);
      } finally {
        await handle.close();
      }
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new SpeechEngineUnavailableError('model_missing', `the whisper model file cannot be read (${modelPath}: ${reason}); set ASR_WHISPER_MODEL to a ggml model file`, { modelPath });
    }
    if (!magic.equals(GGML_MAGIC)) {
      throw new SpeechEngineUnavailableError('model_invalid', `${modelPath} is not a whisper.cpp ggml model file`, { modelPath });
    }
  }

  async transcribe(audioFile: string, language: string, options: TranscribeOptions = {}): Promise<Transcript> {
    const wanted = primaryLanguage(language);
    if (!this.languages.includes(wanted)) throw new UnsupportedLanguageError(language, this.languages, this.engine);
    await this.checkReady();
    const bindingPath = createRequire(import.meta.url).resolve('@napi-rs/whisper');
    const args = ['--input-type=commonjs', '-e', WHISPER_CHILD_SCRIPT, bindingPath, this.options.modelPath, audioFile, wanted, String(this.options.threads ?? 2)];
    let result;
    try {
      result = await runProcess({ command: process.execPath, args, signal: options.signal });
    } catch (err) {
      if (err instanceof ProcessAbortedError) throw new SpeechCancelledError(this.engine);
      throw err;
    }
    return { words: wordsFromWhisperSegments(this.readChildResult(result.stdout, result.stderr, wanted)) };
  }

  private readChildResult(stdout: string, stderr: string, language: string): WhisperSegment[] {
    let parsed: ChildResult | undefined;
    try {
      parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildResult;
    } catch {
      parsed = undefined;
    }
    if (!parsed || 'phase' in parsed) {
      if (parsed?.phase === 'load') {
        throw new SpeechEngineUnavailableError('model_invalid', `whisper crashed loading the model ${this.options.modelPath}; the file is damaged or not a whisper model`, {
          modelPath: this.options.modelPath,
          stderr: stderr.slice(-2000),
        });
      }
      throw new SpeechRecognitionFailedError('whisper stopped without a result (it may have crashed or run out of memory)', { stderr: stderr.slice(-2000) });
    }
    if (parsed.ok) return parsed.segments;
    if (parsed.code === 'model_invalid') {
      throw new SpeechEngineUnavailableError('model_invalid', `whisper could not load the model ${this.options.modelPath}: ${parsed.message}`, { modelPath: this.options.modelPath });
    }
    if (parsed.code === 'language_unsupported') throw new UnsupportedLanguageError(language, ['en'], `${this.engine} (English-only model)`);
    throw new SpeechRecognitionFailedError(`whisper failed: ${parsed.message}`, { code: parsed.code });
  }
}
