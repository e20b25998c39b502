import { chooseRecognizer } from './choose-recognizer.js';

const engine = (name: string, languages: string[]) => ({ engine: name, supportedLanguages: () => languages });
const whisper = engine('whisper', ['fi', 'sv', 'en']);
const sphinx = engine('pocketsphinx', ['en']);

describe('chooseRecognizer', () => {
  test.each([
    { language: 'en', available: [whisper, sphinx], chosen: 'whisper' },
    { language: 'en-GB', available: [sphinx, whisper], chosen: 'pocketsphinx' },
    { language: 'sv_FI', available: [sphinx, whisper], chosen: 'whisper' },
    { language: 'FI', available: [whisper], chosen: 'whisper' },
  ])('$language → $chosen', ({ language, available, chosen }) => {
    const choice = chooseRecognizer(language, available);
    expect(choice.recognizer?.engine).toBe(chosen);
  });

  test('a language without an engine says which languages there are', () => {
    const choice = chooseRecognizer('fi-FI', [sphinx]);
    expect(choice).toEqual({
      recognizer: null,
      language: 'fi',
      reason: 'no_engine_for_language',
      availableLanguages: ['en'],
      message: 'Automatic captions are not available for the language "fi": the configured engines (pocketsphinx) support only en.',
    });
  });

  test('no engine at all', () => {
    const choice = chooseRecognizer('en', []);
    expect(choice.recognizer).toBeNull();
    expect(choice.recognizer === null && choice.message).toBe('Automatic captions are not available: no speech recognition engine is configured.');
  });
});
