// Recording playback: start, progress heartbeats and end, into `views`. Same access as watching. The
// numbers come from a browser, so they are clamped: watched seconds never exceed the duration nor
// what could have played since the view started (at 2× speed, with some slack for clock skew).
import type { Actor } from '../auth/permissions.js';
import { BadRequestError, ForbiddenError, UnauthenticatedError } from '../http/errors.js';
import { findView, touchLastViewed, upsertView } from './views.repo.js';
import { loadWatchableVideo, type VideosDeps } from './videos.service.js';

export const QUALIFYING_SECONDS = 5;
const MAX_SPEED = 2;
const SLACK_SECONDS = 15;

export type ViewReport = { event: 'start' | 'progress' | 'end'; viewId: string; videoId: string; position: number; watchedSeconds: number };
export type ViewResult = { watchedSeconds: number; isQualifying: boolean };

/** Pure: what may be believed of a report, given the view's age and the video's duration. */
export function clampWatched(opts: { reported: number; previous: number; elapsedSeconds: number; durationSeconds: number | null }): number {
  const plausible = Math.max(0, opts.elapsedSeconds) * MAX_SPEED + SLACK_SECONDS;
  const cap = Math.min(plausible, opts.durationSeconds ?? Number.POSITIVE_INFINITY);
  return Math.max(opts.previous, Math.min(opts.reported, cap));
}

export async function recordView(deps: VideosDeps, actor: Actor, opts: { videoId: string; embedVideoId?: string; report: ViewReport }): Promise<ViewResult> {
  const { report } = opts;
  if (report.videoId !== opts.videoId) throw new BadRequestError('The report names another video than the address', undefined, 'view_video_mismatch');
  const { video } = await loadWatchableVideo(deps.db, actor, opts.videoId, opts.embedVideoId);
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  const now = deps.now();
  const existing = await findView(deps.db, report.viewId);
  if (existing && (existing.video_id !== video.id || existing.user_id !== actor.userId)) throw new ForbiddenError('This view belongs to another viewer or video', 'view_not_yours');
  const duration = video.duration_seconds;
  const watched = clampWatched({
    reported: report.watchedSeconds,
    previous: existing?.watched_seconds ?? 0,
    elapsedSeconds: existing ? (now.getTime() - existing.started_at.getTime()) / 1000 : 0,
    durationSeconds: duration,
  });
  // The owner watching their own video, or an admin previewing, does not keep it alive.
  const isQualifying = watched > QUALIFYING_SECONDS && actor.userId !== video.owner_id && !actor.isSiteAdmin;
  const row = await upsertView(deps.db, {
    id: report.viewId,
    videoId: video.id,
    userId: actor.userId,
    courseId: actor.course?.courseId ?? null,
    positionSeconds: Math.min(report.position, duration ?? report.position),
    watchedSeconds: watched,
    isQualifying,
    isEnd: report.event === 'end',
    now,
  });
  if (!row) throw new ForbiddenError('This view belongs to another viewer or video', 'view_not_yours');
  if (row.is_qualifying && !existing?.is_qualifying) await touchLastViewed(deps.db, video.id, now);
  return { watchedSeconds: row.watched_seconds, isQualifying: row.is_qualifying };
}
