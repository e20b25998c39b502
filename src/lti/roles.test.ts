import { mapLtiRoles, roleTable } from './roles.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2';
const m = (r: string) => `${LIS}/membership#${r}`;
const inst = (r: string) => `${LIS}/institution/person#${r}`;
const sys = (r: string) => `${LIS}/system/person#${r}`;

describe('roleTable covers every LTI 1.3 role URI (LTI Core Appendix A.2)', () => {
  // Every URI of the spec, with the grant Luento gives it on its own.
  const expected: Array<[string, string]> = [
    [m('Administrator'), 'manager'], [m('ContentDeveloper'), 'creator'], [m('Instructor'), 'creator'], [m('Learner'), 'viewer'],
    [m('Manager'), 'manager'], [m('Member'), 'viewer'], [m('Mentor'), 'viewer'], [m('Officer'), 'viewer'],
    ...['Administrator', 'Developer', 'ExternalDeveloper', 'ExternalSupport', 'ExternalSystemAdministrator', 'Support', 'SystemAdministrator'].map((s): [string, string] => [`${LIS}/membership/Administrator#${s}`, 'manager']),
    ...['ContentDeveloper', 'ContentExpert', 'ExternalContentExpert', 'Librarian'].map((s): [string, string] => [`${LIS}/membership/ContentDeveloper#${s}`, 'creator']),
    ...['ExternalInstructor', 'Grader', 'GuestInstructor', 'Lecturer', 'PrimaryInstructor', 'SecondaryInstructor', 'TeachingAssistant', 'TeachingAssistantGroup', 'TeachingAssistantOffering', 'TeachingAssistantSection', 'TeachingAssistantSectionAssociation', 'TeachingAssistantTemplate'].map((s): [string, string] => [`${LIS}/membership/Instructor#${s}`, 'creator']),
    ...['ExternalLearner', 'GuestLearner', 'Instructor', 'Learner', 'NonCreditLearner'].map((s): [string, string] => [`${LIS}/membership/Learner#${s}`, 'viewer']),
    ...['AreaManager', 'CourseCoordinator', 'Manager'].map((s): [string, string] => [`${LIS}/membership/Manager#${s}`, 'manager']),
    ...['ExternalObserver', 'Observer'].map((s): [string, string] => [`${LIS}/membership/Manager#${s}`, 'viewer']),
    [`${LIS}/membership/Member#Member`, 'viewer'],
    ...['Advisor', 'Auditor', 'ExternalAdvisor', 'ExternalAuditor', 'ExternalLearningFacilitator', 'ExternalMentor', 'ExternalReviewer', 'ExternalTutor', 'LearningFacilitator', 'Mentor', 'Reviewer', 'Tutor'].map((s): [string, string] => [`${LIS}/membership/Mentor#${s}`, 'viewer']),
    ...['Chair', 'Communications', 'Secretary', 'Treasurer', 'Vice-Chair'].map((s): [string, string] => [`${LIS}/membership/Officer#${s}`, 'viewer']),
    [inst('Administrator'), 'manager+admin'], [inst('Faculty'), 'creator'], [inst('Guest'), 'viewer'], [inst('None'), '-'], [inst('Other'), 'viewer'],
    [inst('Staff'), 'viewer'], [inst('Student'), 'viewer'], [inst('Alumni'), 'viewer'], [inst('Instructor'), 'creator'], [inst('Learner'), 'viewer'],
    [inst('Member'), 'viewer'], [inst('Mentor'), 'viewer'], [inst('Observer'), 'viewer'], [inst('ProspectiveStudent'), 'viewer'],
    [sys('Administrator'), 'admin'], [sys('None'), '-'], [sys('AccountAdmin'), '-'], [sys('Creator'), '-'], [sys('SysAdmin'), 'admin'], [sys('SysSupport'), '-'], [sys('User'), '-'],
    ['http://purl.imsglobal.org/vocab/lti/system/person#TestUser', '-'],
    // Deprecated simple names of context roles (LTI 1.3 §A.2.3.2).
    ['Administrator', 'manager'], ['ContentDeveloper', 'creator'], ['Instructor', 'creator'], ['Learner', 'viewer'], ['Manager', 'manager'], ['Member', 'viewer'], ['Mentor', 'viewer'], ['Officer', 'viewer'],
  ];

  it.each(expected)('%s → %s', (uri, want) => {
    const entry = roleTable.get(uri);
    expect(entry).toBeDefined();
    const got = [entry?.grant.course, entry?.grant.admin ? 'admin' : undefined].filter(Boolean).join('+') || '-';
    expect(got).toBe(want);
  });

  it('has no entry that the expected list does not name', () => {
    expect(new Set(roleTable.keys())).toEqual(new Set(expected.map(([u]) => u)));
  });
});

describe('mapLtiRoles', () => {
  it.each([
    ['no roles at all: least privilege', [], 'viewer', false],
    ['Moodle teacher', [m('Instructor'), inst('Faculty')], 'creator', false],
    ['Moodle non-editing teacher arrives as Learner', [m('Learner')], 'viewer', false],
    ['Moodle site admin', [inst('Administrator'), m('Instructor'), sys('Administrator')], 'creator', true],
    ['context roles win over institution roles', [m('Learner'), inst('Faculty')], 'viewer', false],
    ['institution roles decide when no context role', [inst('Faculty')], 'creator', false],
    ['institution Administrator alone', [inst('Administrator')], 'manager', true],
    ['system SysAdmin alone makes an admin, viewer in the course', [sys('SysAdmin')], 'viewer', true],
    ['the highest context role wins', [m('Learner'), m('Administrator'), m('Instructor')], 'manager', false],
    ['teaching assistant sub-role', [`${LIS}/membership/Instructor#TeachingAssistant`], 'creator', false],
    ['observer sub-role of Manager only views', [`${LIS}/membership/Manager#Observer`], 'viewer', false],
    ['unknown roles are ignored', ['urn:example:role:Wizard', m('Learner')], 'viewer', false],
  ] as const)('%s', (_name, roles, courseRole, isSiteAdmin) => {
    const r = mapLtiRoles(roles);
    expect({ courseRole: r.courseRole, isSiteAdmin: r.isSiteAdmin }).toEqual({ courseRole, isSiteAdmin });
  });

  it('reports unknown roles', () => {
    expect(mapLtiRoles(['urn:x', m('Learner')]).unknownRoles).toEqual(['urn:x']);
  });

  it.each([
    ['a custom role becomes creator', ['urn:uni:role:Lecturer'], { 'urn:uni:role:Lecturer': 'creator' }, 'creator', false],
    ['a standard role is overridden', [m('Learner')], { [m('Learner')]: 'creator' }, 'creator', false],
    ['a custom admin mapping', ['urn:uni:it-staff'], { 'urn:uni:it-staff': 'admin' }, 'viewer', true],
    ['a role mapped to none grants nothing', [inst('Administrator')], { [inst('Administrator')]: 'none' }, 'viewer', false],
    ['a custom institution role is still second to context roles', [m('Learner'), inst('Staff')], { [inst('Staff')]: 'manager' }, 'viewer', false],
  ] as const)('per-platform mapping: %s', (_name, roles, custom, courseRole, isSiteAdmin) => {
    const r = mapLtiRoles(roles, custom);
    expect({ courseRole: r.courseRole, isSiteAdmin: r.isSiteAdmin }).toEqual({ courseRole, isSiteAdmin });
  });
});
