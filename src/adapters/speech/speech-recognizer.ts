// The speech recognition port: audio in, words with timings out. Implementations: pocketsphinx
// (English, runs everywhere, used in tests) and whisper.cpp (fi, sv, en, with an admin-provided model).

/** A recognised word; times in seconds from the start of the audio. */
export type RecognizedWord = {
  word: string;
  start: number;
  end: number;
  /** 0–1 as reported by the engine, or null when the engine gives none. */
  confidence: number | null;
};

export type Transcript = { words: RecognizedWord[] };

export type TranscribeOptions = { signal?: AbortSignal };

export interface SpeechRecognizer {
  /** A stable engine name for logs and the admin page: "pocketsphinx", "whisper". */
  readonly engine: string;
  /** Primary language subtags (ISO 639-1) the engine can transcribe, e.g. ["en"]. */
  supportedLanguages(): readonly string[];
  /** Resolves when the engine's program and model are in place; else throws SpeechEngineUnavailableError. */
  checkReady(): Promise<void>;
  /**
   * Transcribes a 16 kHz mono WAV file (see extractAudioForAsr). Throws UnsupportedLanguageError,
   * SpeechEngineUnavailableError, SpeechCancelledError or SpeechRecognitionFailedError.
   */
  transcribe(audioFile: string, language: string, options?: TranscribeOptions): Promise<Transcript>;
}

/** "en-US", "sv_FI", "FI" → "en", "sv", "fi"; the engines only care about the primary subtag. */
export function primaryLanguage(tag: string): string {
  return (tag.trim().toLowerCase().split(/[-_]/)[0] ?? '').trim();
}
