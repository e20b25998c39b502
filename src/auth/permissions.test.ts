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
