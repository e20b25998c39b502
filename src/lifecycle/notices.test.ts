import { composeNotice } from './notices.js';

const notice = { kind: 'warnTrash' as const, key: 'k', videoId: 'v1', title: 'Luento 1', ownerId: 'u1', date: new Date(Date.UTC(2027, 0, 15)), at: new Date() };
const subjectFor = (locale: string) => composeNotice(notice, { email: 'a@uni.test', locale }).subject;

it('writes the notice in the owner’s language also when the LMS sent a regional tag (fi-FI, sv_FI)', () => {
  expect(subjectFor('fi-FI')).toBe(subjectFor('fi'));
  expect(subjectFor('sv_FI')).toBe(subjectFor('sv'));
  expect(subjectFor('de-DE')).toBe(subjectFor('en'));
  expect(new Set([subjectFor('fi'), subjectFor('sv'), subjectFor('en')]).size).toBe(3);
});
