import { captionBadge, isAutomaticTrack, isKnownLanguage, languageName, sortTracksForPlayer } from './caption-tracks.js';

describe('languageName', () => {
  test.each([
    ['en', 'fi', 'Englanti'],
    ['fi', 'sv', 'Finska'],
    ['sv', 'en', 'Swedish'],
    ['smn', 'fi', 'Inarinsaame'],
    ['zz', 'en', 'zz'],
  ])('%s in %s → %s', (code, locale, name) => expect(languageName(code, locale)).toBe(name));
});

test.each([
  ['fi', true],
  ['smn', true],
  ['zz', false],
  ['EN', false],
  ['english', false],
  ['', false],
])('isKnownLanguage(%j) → %s', (code, known) => expect(isKnownLanguage(code)).toBe(known));

describe('captionBadge', () => {
  const asr = (language: string, isReviewed = false) => ({ language, source: 'asr' as const, isReviewed });
  const upload = (language: string, isReviewed = false) => ({ language, source: 'upload' as const, isReviewed });
  test.each([
    { name: 'no tracks', language: 'fi', tracks: [], badge: undefined },
    { name: 'only another language', language: 'fi', tracks: [asr('en', true)], badge: undefined },
    { name: 'asr draft', language: 'en', tracks: [asr('en')], badge: 'automatic' },
    { name: 'reviewed asr', language: 'en', tracks: [asr('en', true)], badge: 'reviewed' },
    { name: 'upload not reviewed', language: 'fi', tracks: [upload('fi')], badge: 'notReviewed' },
    { name: 'other language video takes its best track', language: 'other', tracks: [asr('de'), upload('fr', true)], badge: 'reviewed' },
  ])('$name → $badge', ({ language, tracks, badge }) => expect(captionBadge(language, tracks)).toBe(badge));
});

test('isAutomaticTrack: only an unreviewed ASR track', () => {
  expect(isAutomaticTrack({ language: 'en', source: 'asr', isReviewed: false })).toBe(true);
  expect(isAutomaticTrack({ language: 'en', source: 'asr', isReviewed: true })).toBe(false);
  expect(isAutomaticTrack({ language: 'en', source: 'edited', isReviewed: false })).toBe(false);
});

test('sortTracksForPlayer puts the video language first', () => {
  const tracks = [
    { language: 'en', label: 'English' },
    { language: 'sv', label: 'Swedish' },
    { language: 'fi', label: 'Finnish' },
  ];
  expect(sortTracksForPlayer('sv', tracks).map((t) => t.language)).toEqual(['sv', 'en', 'fi']);
});
