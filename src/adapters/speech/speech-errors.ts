// Errors of speech recognition, with stable codes. Engine and model problems are the operator's to fix
// (503, with the path in the message for the log); an unsupported language is the user's choice (422).
import { AppError } from '../../http/errors.js';

export class UnsupportedLanguageError extends AppError {
  constructor(
    readonly language: string,
    readonly supported: readonly string[],
    engine?: string,
  ) {
    const where = engine ? `The ${engine} speech recognizer` : 'No configured speech recognizer';
    const list = supported.length > 0 ? supported.join(', ') : 'none';
    super('speech_language_unsupported', 422, `${where} cannot transcribe the language "${language}" (supported: ${list})`, undefined, {
      language,
      supported: [...supported],
    });
  }
}

export type EngineProblem = 'binary_missing' | 'model_missing' | 'model_invalid';

/** The engine cannot run here: its program or model is missing or unusable. */
export class SpeechEngineUnavailableError extends AppError {
  constructor(
    readonly problem: EngineProblem,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(`speech_${problem}`, 503, message, undefined, { problem, ...details });
  }
}

/** The caller aborted (a job was cancelled or timed out); 503 because trying again later may succeed. */
export class SpeechCancelledError extends AppError {
  constructor(engine: string) {
    super('speech_cancelled', 503, `Speech recognition (${engine}) was cancelled`);
  }
}

export class SpeechRecognitionFailedError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('speech_failed', 500, message, undefined, details);
  }
}

/** The media has no audio stream, so there is nothing to caption automatically. */
export class MediaHasNoAudioError extends AppError {
  constructor(input: string) {
    super('media_has_no_audio', 422, `The media file has no audio track to transcribe (${input})`);
  }
}

/** ffmpeg could not read the media (damaged or not media at all). */
export class AudioExtractionFailedError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('audio_extraction_failed', 422, message, undefined, details);
  }
}
