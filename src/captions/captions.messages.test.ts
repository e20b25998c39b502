import {
  AudioExtractionFailedError,
  MediaHasNoAudioError,
  SpeechCancelledError,
  SpeechEngineUnavailableError,
  SpeechRecognitionFailedError,
  UnsupportedLanguageError,
} from '../adapters/speech/speech-errors.js';
import { captionsMessages } from './captions.messages.js';

test('every speech error code has a message for people in fi, sv and en', () => {
  const errors = [
    new UnsupportedLanguageError('de', ['en']),
    new SpeechEngineUnavailableError('binary_missing', 'x'),
    new SpeechEngineUnavailableError('model_missing', 'x'),
    new SpeechEngineUnavailableError('model_invalid', 'x'),
    new SpeechCancelledError('x'),
    new SpeechRecognitionFailedError('x'),
    new MediaHasNoAudioError('x'),
    new AudioExtractionFailedError('x'),
  ];
  for (const locale of ['fi', 'sv', 'en'] as const) {
    const dict: Record<string, string> = captionsMessages[locale];
    for (const error of errors) expect(dict[`captions.asr.${error.code}`]).toEqual(expect.stringMatching(/\S/));
  }
});
