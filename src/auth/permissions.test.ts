import { actions, appRoles, isAllowed, permissionTable, type Action, type Actor, type AppRole } from './permissions.js';

const courseA = { kind: 'course', courseId: '1' } as const;
const user = (role: AppRole, courseId = '1', isSiteAdmin = false): Actor => ({ kind: 'user', userId: 'u1', isSiteAdmin, course: { courseId, role } });

// The whole policy, written out once more by hand: a change to the table must change this test too.
const expected: Record<Action, Record<AppRole, 'yes' | 'own' | 'owner' | 'no'>> = {
  'course.view': { viewer: 'yes', creator: 'yes', manager: 'yes' },
  'course.manage': { viewer: 'no', creator: 'no', manager: 'yes' },
  'video.view': { viewer: 'yes', creator: 'yes', manager: 'yes' },
  'video.viewUnpublished': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.upload': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.edit': { viewer: 'no', creator: 'own', manager: 'yes' },
  'video.publish': { viewer: 'no', creator: 'own', manager: 'yes' },
  'video.delete': { viewer: 'no', creator: 'owner', manager: 'yes' },
  'caption.edit': { viewer: 'no', creator: 'own', manager: 'yes' },
  'caption.compliance': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'caption.exempt': { viewer: 'no', creator: 'no', manager: 'yes' },
  'deepLink.pick': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.manageEditors': { viewer: 'no', creator: 'owner', manager: 'owner' },
  'video.transfer': { viewer: 'no', creator: 'owner', manager: 'owner' },
  'admin.site': { viewer: 'no', creator: 'no', manager: 'no' },
  'platform.manage': { viewer: 'no', creator: 'no', manager: 'no' },
  'moderation.manage': { viewer: 'no', creator: 'no', manager: 'no' },
  'privacy.manage': { viewer: 'no', creator: 'no', manager: 'no' },
};

const cases = actions.flatMap((action) => appRoles.map((role) => [action, role, expected[action][role]] as const));

describe('permission table: every action × every role', () => {
  it('lists exactly the expected actions', () => {
    expect(Object.keys(permissionTable).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(cases)('%s for %s is %s', (action, role, grant) => {
    const onOwnVideo = isAllowed(user(role), action, { kind: 'video', courseId: '1', ownerId: 'u1' });
    const onOthersVideo = isAllowed(user(role), action, { kind: 'video', courseId: '1', ownerId: 'u2' });
    const onCourse = isAllowed(user(role), action, courseA);
    // A co-editor of someone else's video: `own` covers co-editors, `owner` does not.
    const onCoEditedVideo = isAllowed(user(role), action, { kind: 'video', courseId: '1', ownerId: 'u2', editorIds: ['u3', 'u1'] });
    expect({ onOwnVideo, onOthersVideo, onCourse, onCoEditedVideo }).toEqual({
      onOwnVideo: grant !== 'no',
      onOthersVideo: grant === 'yes',
      onCourse: grant === 'yes',
      onCoEditedVideo: grant === 'yes' || grant === 'own',
    });
  });

  it.each(cases)('%s for %s: a co-editor in another course is refused', (action, role) => {
    expect(isAllowed(user(role, '2'), action, { kind: 'video', courseId: '1', ownerId: 'u2', editorIds: ['u1'] })).toBe(false);
  });

  it.each(cases)('%s for %s in another course is refused', (action, role) => {
    expect(isAllowed(user(role, '2'), action, courseA)).toBe(false);
    expect(isAllowed(user(role, '2'), action, { kind: 'video', courseId: '1', ownerId: 'u1' })).toBe(false);
  });

  it.each(actions)('%s: anonymous never, system and site admins always', (action) => {
    expect(isAllowed({ kind: 'anonymous' }, action, courseA)).toBe(false);
    expect(isAllowed({ kind: 'system' }, action, courseA)).toBe(true);
    expect(isAllowed(user('viewer', '2', true), action, courseA)).toBe(true);
    expect(isAllowed(user('viewer', '2', true), action, { kind: 'site' })).toBe(true);
  });

  it.each(cases)('%s for %s on the site resource is refused', (action, role) => {
    expect(isAllowed(user(role), action, { kind: 'site' })).toBe(false);
  });

  it('a user without a course session is refused course actions', () => {
    expect(isAllowed({ kind: 'user', userId: 'u', isSiteAdmin: false, course: null }, 'course.view', courseA)).toBe(false);
  });
});

describe('a staff member signed in directly (OIDC): no course, own videos only', () => {
  const direct: Actor = { kind: 'user', userId: 'u1', isSiteAdmin: false, course: null, isDirectSignIn: true };
  const own = { kind: 'video', courseId: '1', ownerId: 'u1' } as const;
  const coEdited = { kind: 'video', courseId: '1', ownerId: 'u2', editorIds: ['u1'] } as const;
  const others = { kind: 'video', courseId: '1', ownerId: 'u2', editorIds: ['u3'] } as const;
  // Watching one's own video is the one course-wide grant a direct sign-in keeps.
  const viewing = new Set<Action>(['video.view', 'video.viewUnpublished']);

  it.each(actions)('%s: exactly the creator’s own/owner grants on their own and co-edited videos', (action) => {
    const grant = expected[action].creator;
    expect({
      onOwnVideo: isAllowed(direct, action, own),
      onCoEditedVideo: isAllowed(direct, action, coEdited),
      onOthersVideo: isAllowed(direct, action, others),
      onCourse: isAllowed(direct, action, courseA),
      onSite: isAllowed(direct, action, { kind: 'site' }),
    }).toEqual({
      onOwnVideo: viewing.has(action) || grant === 'own' || grant === 'owner',
      onCoEditedVideo: viewing.has(action) || grant === 'own',
      onOthersVideo: false,
      onCourse: false,
      onSite: false,
    });
  });

  it('grants what the brief names, in whichever course the video lives', () => {
    for (const a of ['video.edit', 'video.publish', 'caption.edit', 'video.delete', 'video.manageEditors', 'video.transfer'] as const) {
      expect(isAllowed(direct, a, own)).toBe(true);
      expect(isAllowed(direct, a, { ...own, courseId: '99' })).toBe(true);
    }
    for (const a of ['video.upload', 'deepLink.pick', 'caption.compliance', 'caption.exempt', 'course.view'] as const) expect(isAllowed(direct, a, courseA)).toBe(false);
  });

  it('a user with no course who did not sign in directly keeps getting nothing', () => {
    const noCourse: Actor = { kind: 'user', userId: 'u1', isSiteAdmin: false, course: null };
    for (const a of actions) expect(isAllowed(noCourse, a, own)).toBe(false);
  });

  it('a direct sign-in that is also in a course (never made today) follows the course rules', () => {
    const both: Actor = { kind: 'user', userId: 'u1', isSiteAdmin: false, course: { courseId: '1', role: 'viewer' }, isDirectSignIn: true };
    expect(isAllowed(both, 'video.edit', own)).toBe(false);
    expect(isAllowed(both, 'video.view', others)).toBe(true);
  });

  it('a site admin from the admin claim may do everything', () => {
    for (const a of actions) expect(isAllowed({ ...direct, isSiteAdmin: true }, a, { kind: 'site' })).toBe(true);
  });
});
