// Pure decisions of "My recordings": the access resource of a row (the same one the video's own pages
// will judge), what the person may open from the row, and the announced trash date, if any.
import { isAllowed, type Actor, type Resource } from '../auth/permissions.js';
import type { RetentionPolicy } from '../lifecycle/retention.js';
import { baseTrashDate, decideLifecycle } from '../lifecycle/retention.js';
import type { VideoStatus } from './videos.tables.js';

export type RowFacts = { id: string; ownerId: string; homeCourseId: string; status: VideoStatus; editorIds: readonly string[]; isPlacedInActorCourse: boolean };

/** As loadVideoAccess decides it: the actor's course when it shows the video, else the video's home course. */
export function rowResource(actor: Actor, v: RowFacts): Extract<Resource, { kind: 'video' }> {
  const actorCourse = actor.kind === 'user' ? actor.course?.courseId : undefined;
  const shownHere = actorCourse !== undefined && (actorCourse === v.homeCourseId || v.isPlacedInActorCourse);
  return { kind: 'video', courseId: shownHere && actorCourse ? actorCourse : v.homeCourseId, ownerId: v.ownerId, editorIds: v.editorIds };
}

export type RowLinks = { watch: boolean; edit: boolean; captions: boolean; ownership: boolean; extension: boolean; publish: boolean; unpublish: boolean };

/**
 * The links a row offers are exactly the pages that will open for this actor: a teacher launched in one
 * course sees their videos of other courses listed, but manages them from those courses (LTI rules).
 */
export function rowLinks(actor: Actor, v: RowFacts): RowLinks {
  const r = rowResource(actor, v);
  const isPlayable = v.status === 'ready' || v.status === 'published';
  const canWatch = isAllowed(actor, 'video.view', r) && (v.status === 'published' || isAllowed(actor, 'video.viewUnpublished', r));
  const canEdit = isAllowed(actor, 'video.edit', r);
  const canPublish = isAllowed(actor, 'video.publish', r);
  const isOwner = actor.kind === 'user' && actor.userId === v.ownerId;
  return {
    watch: isPlayable && canWatch,
    edit: canEdit,
    // The captions page opens for whoever may watch (it is also the learner's transcript page).
    captions: canWatch,
    ownership: canEdit,
    extension: canEdit && isOwner,
    publish: canPublish && v.status === 'ready',
    unpublish: canPublish && v.status === 'published',
  };
}

export type RetentionFacts = {
  createdAt: Date;
  publishedAt: Date | null;
  lastViewedAt: Date | null;
  retainUntil: Date | null;
  isOnLegalHold: boolean;
  trashWarningSentAt: Date | null;
  trashWarningFor: Date | null;
};

/**
 * The date the video moves to the trash, once its owner has been warned of it (as the lifecycle banner
 * shows it); undefined while nothing is announced, on legal hold, or when a view or an extension since
 * the warning moved the date.
 */
export function announcedTrashDate(v: RetentionFacts, policy: RetentionPolicy, now: Date): Date | undefined {
  if (v.isOnLegalHold || !v.trashWarningFor || !v.trashWarningSentAt) return undefined;
  const state = {
    createdAt: v.createdAt,
    publishedAt: v.publishedAt,
    lastViewedAt: v.lastViewedAt,
    retainUntil: v.retainUntil,
    isOnLegalHold: false,
    trashedAt: null,
    trashWarning: { sentAt: v.trashWarningSentAt, forDate: v.trashWarningFor },
    purgeWarning: null,
  };
  if (v.trashWarningFor.getTime() !== baseTrashDate(state, policy).getTime()) return undefined;
  const d = decideLifecycle(state, policy, now);
  if (d.action === 'keep' && d.reason === 'waiting-after-warning') return d.nextStepAt;
  return d.action === 'trash' ? now : undefined;
}

/**
 * Where a video's pages send a person back to: the course's library, or, for a staff member signed in
 * directly (who has no course to open), their recordings.
 */
export function libraryPathFor(actor: Actor, courseId: string): string {
  return actor.kind === 'user' && actor.isDirectSignIn && !actor.course ? '/me/videos' : `/courses/${courseId}/videos`;
}
