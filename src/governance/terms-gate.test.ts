import type { Actor } from '../auth/permissions.js';
import { decideGate, isLaunchPath, isOpenBeforeAcceptance, safeNextPath } from './terms-gate.js';
import type { GateRow } from './terms.repo.js';

const learner: Actor = { kind: 'user', userId: '1', isSiteAdmin: false, course: { courseId: '9', role: 'viewer' } };
const teacher: Actor = { kind: 'user', userId: '2', isSiteAdmin: false, course: { courseId: '9', role: 'creator' } };
const admin: Actor = { kind: 'user', userId: '3', isSiteAdmin: true, course: { courseId: '9', role: 'manager' } };
const row = (r: Partial<GateRow>): GateRow => ({ isDisabled: false, requiredVersion: null, latestVersion: null, acceptedVersion: null, policy: null, ...r });

describe('decideGate', () => {
  it.each([
    ['no terms published', row({}), learner, 'open'],
    ['disabled, even with nothing to accept', row({ isDisabled: true }), learner, 'disabled'],
    ['disabled beats accepted terms', row({ isDisabled: true, requiredVersion: 1, acceptedVersion: 1 }), admin, 'disabled'],
    ['never accepted', row({ requiredVersion: 1, latestVersion: 1 }), learner, 'accept'],
    ['accepted the required version', row({ requiredVersion: 2, latestVersion: 2, acceptedVersion: 2 }), learner, 'open'],
    ['accepted an older version', row({ requiredVersion: 2, latestVersion: 2, acceptedVersion: 1 }), learner, 'accept'],
    ['a later correction needs no re-acceptance', row({ requiredVersion: 2, latestVersion: 3, acceptedVersion: 2 }), learner, 'open'],
    ['accepted a correction newer than the required one', row({ requiredVersion: 2, latestVersion: 3, acceptedVersion: 3 }), learner, 'open'],
    ['site admins count as admin: exempt', row({ requiredVersion: 1, policy: { mustAccept: ['viewer'] } }), admin, 'open'],
    ['course role exempt', row({ requiredVersion: 1, policy: { mustAccept: ['viewer', 'admin'] } }), teacher, 'open'],
    ['course role required', row({ requiredVersion: 1, policy: { mustAccept: ['creator'] } }), teacher, 'accept'],
    ['an invalid stored policy means everyone', row({ requiredVersion: 1, policy: { mustAccept: 'nobody' } }), admin, 'accept'],
  ] as const)('%s', (_name, r, actor, expected) => {
    expect(decideGate(r, actor)).toBe(expected);
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/courses/1', '/courses/1'],
    ['/courses/1?tab=a&st=secret', '/courses/1?tab=a'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/has space', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%j → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe('paths', () => {
  it.each([
    ['/lti/launch', true, false],
    ['/lti/login', true, false],
    ['/lti/deep-link', false, false],
    ['/demo/launch', true, false],
    ['/terms/accept', false, true],
    ['/terms', false, true],
    ['/termsx', false, false],
    ['/locale', false, true],
    ['/courses/1', false, false],
  ])('%s: launch %s, open before acceptance %s', (path, launch, open) => {
    expect(isLaunchPath(path)).toBe(launch);
    expect(isOpenBeforeAcceptance(path)).toBe(open);
  });
});
