import { parseAsrSitePolicy, shouldRunAsrOnPublish } from './asr-policy.js';

test.each([
  { name: 'site on, course follows', site: true, course: null, optOut: false, hasTrack: false, run: true },
  { name: 'site off, course follows', site: false, course: null, optOut: false, hasTrack: false, run: false },
  { name: 'site off, course on', site: false, course: true, optOut: false, hasTrack: false, run: true },
  { name: 'site on, course off', site: true, course: false, optOut: false, hasTrack: false, run: false },
  { name: 'video opted out', site: true, course: true, optOut: true, hasTrack: false, run: false },
  { name: 'a track in the language exists', site: true, course: true, optOut: false, hasTrack: true, run: false },
])('$name → $run', ({ site, course, optOut, hasTrack, run }) => {
  expect(shouldRunAsrOnPublish({ site: { asrOnPublish: site }, course, isVideoOptedOut: optOut, hasTrackInLanguage: hasTrack })).toBe(run);
});

test.each([
  [undefined, true],
  [{}, true],
  [{ asrOnPublish: false, deadlineDays: 14 }, false],
  [{ asrOnPublish: 'no' }, true],
  ['garbage', true],
])('parseAsrSitePolicy(%j).asrOnPublish → %s', (value, expected) => {
  expect(parseAsrSitePolicy(value).asrOnPublish).toBe(expected);
});
