// Picks the speech engine for a video's language: the first configured engine that supports it, in the
// order of preference the caller gives (deps lists whisper before pocketsphinx).
import { primaryLanguage } from './speech-recognizer.js';

type Candidate = { readonly engine: string; supportedLanguages(): readonly string[] };

export type RecognizerChoice<R extends Candidate> =
  | { recognizer: R; language: string }
  | { recognizer: null; language: string; reason: 'no_engine_for_language'; message: string; availableLanguages: string[] };

export function chooseRecognizer<R extends Candidate>(language: string, available: readonly R[]): RecognizerChoice<R> {
  const wanted = primaryLanguage(language);
  const recognizer = available.find((r) => r.supportedLanguages().includes(wanted));
  if (recognizer) return { recognizer, language: wanted };
  const availableLanguages = [...new Set(available.flatMap((r) => [...r.supportedLanguages()]))].sort();
  const message =
    available.length === 0
      ? `Automatic captions are not available: no speech recognition engine is configured.`
      : `Automatic captions are not available for the language "${wanted || language}": the configured engines (${available.map((r) => r.engine).join(', ')}) support only ${availableLanguages.join(', ')}.`;
  return { recognizer: null, language: wanted, reason: 'no_engine_for_language', message, availableLanguages };
}
