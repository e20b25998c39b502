// The terms policy names course roles; a staff member signed in directly has none and counts as a creator.
import type { Actor } from '../../../src/auth/permissions.js';
import { mustAcceptTerms, parseTermsPolicy } from '../../../src/governance/terms-policy.js';

const direct: Actor = { kind: 'user', userId: 'u1', isSiteAdmin: false, course: null, isDirectSignIn: true };
const noCourse: Actor = { kind: 'user', userId: 'u1', isSiteAdmin: false, course: null };

it.each([
  [['creator'], true, false],
  [['viewer'], false, true],
  [['viewer', 'creator', 'manager', 'admin'], true, true],
  [['admin'], false, false],
])('policy %j: a direct sign-in must accept: %s (a course-less non-direct session: %s)', (mustAccept, forDirect, forNoCourse) => {
  const policy = parseTermsPolicy({ mustAccept });
  expect(mustAcceptTerms(policy, direct)).toBe(forDirect);
  expect(mustAcceptTerms(policy, noCourse)).toBe(forNoCourse);
});
