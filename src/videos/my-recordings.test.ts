import type { Actor } from '../auth/permissions.js';
import { defaultRetentionPolicy } from '../lifecycle/retention.js';
import { announcedTrashDate, rowLinks, rowResource, type RowFacts } from './my-recordings.js';

const DAY = 86_400_000;
const video = (o: Partial<RowFacts> = {}): RowFacts => ({ id: 'v1', ownerId: 'u1', homeCourseId: 'c1', status: 'published', editorIds: [], isPlacedInActorCourse: false, ...o });
const lti = (role: 'viewer' | 'creator' | 'manager', courseId = 'c1', userId = 'u1'): Actor => ({ kind: 'user', userId, isSiteAdmin: false, course: { courseId, role } });
const direct = (userId = 'u1'): Actor => ({ kind: 'user', userId, isSiteAdmin: false, course: null, isDirectSignIn: true });
const none = { watch: false, edit: false, captions: false, ownership: false, extension: false, publish: false, unpublish: false };

describe('rowResource: the course the video pages will judge access in', () => {
  it.each([
    ['the home course, for an actor in it', lti('creator', 'c1'), video(), 'c1'],
    ['the actor’s course when it shows the video by placement', lti('creator', 'c2'), video({ isPlacedInActorCourse: true }), 'c2'],
    ['the home course, for an actor elsewhere', lti('creator', 'c2'), video(), 'c1'],
    ['the home course, for a direct sign-in', direct(), video(), 'c1'],
  ])('%s', (_n, actor, v, courseId) => {
    expect(rowResource(actor, v).courseId).toBe(courseId);
  });
});

describe('rowLinks: only pages that will open', () => {
  it.each([
    ['owner in the home course, published', lti('creator'), video(), { ...none, watch: true, edit: true, captions: true, ownership: true, extension: true, unpublish: true }],
    ['owner in the home course, ready', lti('creator'), video({ status: 'ready' }), { ...none, watch: true, edit: true, captions: true, ownership: true, extension: true, publish: true }],
    ['owner in the home course, processing', lti('creator'), video({ status: 'processing' }), { ...none, edit: true, captions: true, ownership: true, extension: true }],
    ['owner launched in another course (LTI rules: manage it from its course)', lti('creator', 'c2'), video(), none],
    ['co-editor in the course: no extension (owner only)', lti('creator', 'c1', 'u2'), video({ editorIds: ['u2'] }), { ...none, watch: true, edit: true, captions: true, ownership: true, unpublish: true }],
    ['learner owner (ownership moved to them): watches, nothing else', lti('viewer'), video(), { ...none, watch: true, captions: true }],
    ['direct owner', direct(), video({ status: 'ready' }), { ...none, watch: true, edit: true, captions: true, ownership: true, extension: true, publish: true }],
    ['direct co-editor', direct('u2'), video({ editorIds: ['u2'] }), { ...none, watch: true, edit: true, captions: true, ownership: true, unpublish: true }],
    ['direct stranger', direct('u9'), video(), none],
  ])('%s', (_n, actor, v, expected) => {
    expect(rowLinks(actor, v)).toEqual(expected);
  });
});

describe('announcedTrashDate', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const created = new Date(now.getTime() - 800 * DAY);
  const base = new Date(created.getTime() + defaultRetentionPolicy.trashAfterDays * DAY);
  const facts = { createdAt: created, publishedAt: null, lastViewedAt: null, retainUntil: null, isOnLegalHold: false, trashWarningSentAt: null, trashWarningFor: null };

  it('is undefined while no warning was sent', () => {
    expect(announcedTrashDate(facts, defaultRetentionPolicy, now)).toBeUndefined();
  });

  it('is the warned date once the warning period has run (never sooner than 30 days after the warning)', () => {
    const sentAt = new Date(now.getTime() - 10 * DAY);
    const d = announcedTrashDate({ ...facts, trashWarningSentAt: sentAt, trashWarningFor: base }, defaultRetentionPolicy, now);
    expect(d?.toISOString()).toBe(new Date(sentAt.getTime() + 30 * DAY).toISOString());
  });

  it('is undefined when a view since the warning moved the date, or on legal hold', () => {
    const warned = { ...facts, trashWarningSentAt: new Date(now.getTime() - 10 * DAY), trashWarningFor: base };
    expect(announcedTrashDate({ ...warned, lastViewedAt: new Date(now.getTime() - DAY) }, defaultRetentionPolicy, now)).toBeUndefined();
    expect(announcedTrashDate({ ...warned, isOnLegalHold: true }, defaultRetentionPolicy, now)).toBeUndefined();
  });
});
