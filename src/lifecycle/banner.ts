// The owner's banner: "will move to the trash on DATE unless viewed or extended", shown on the video's
// edit page and in the course library while a trash warning for the current trash date is out.
import { sql } from 'kysely';
import { isAllowed, type Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { loadLifecycleSettings, retentionPolicyOf } from './lifecycle-settings.js';
import { formatDate } from './notices.js';
import { baseTrashDate, decideLifecycle } from './retention.js';

export type LifecycleBanner = { videoId: string; title: string; dateText: string; isOwner: boolean; hasPendingRequest: boolean };

type Candidate = { id: string; title: string; owner_id: string; home_course_id: string; created_at: Date; published_at: Date | null; last_viewed_at: Date | null; retain_until: Date | null; trash_warning_sent_at: Date | null; trash_warning_for: Date | null; pending: boolean };

/**
 * Banners for the warned videos the actor may edit: one video (edit page) or a course's library.
 * `courseId` is the course the access is judged in (for one video: the course of its access resource).
 */
export async function lifecycleBanners(deps: { db: Db; now: () => Date }, actor: Actor, o: { videoId?: string; courseId: string; locale: string }): Promise<LifecycleBanner[]> {
  if (actor.kind !== 'user') return [];
  let q = deps.db
    .selectFrom('videos as v')
    .select(['v.id', 'v.title', 'v.owner_id', 'v.home_course_id', 'v.created_at', 'v.published_at', 'v.last_viewed_at', 'v.retain_until', 'v.trash_warning_sent_at', 'v.trash_warning_for'])
    .select((eb) => eb.exists(eb.selectFrom('extension_requests as r').select('r.id').whereRef('r.video_id', '=', 'v.id').where('r.status', '=', 'pending')).as('pending'))
    .where('v.trashed_at', 'is', null)
    .where('v.legal_hold', '=', false)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('owner_legal_holds as h').select('h.owner_id').whereRef('h.owner_id', '=', 'v.owner_id'))))
    .where('v.trash_warning_for', 'is not', null);
  if (o.videoId) q = q.where('v.id', '=', o.videoId);
  else q = q.where((eb) => eb.or([eb('v.home_course_id', '=', o.courseId), eb.exists(eb.selectFrom('video_placements as p').select('p.video_id').whereRef('p.video_id', '=', 'v.id').where('p.course_id', '=', o.courseId))]));
  const rows = (await q.orderBy(sql`v.trash_warning_for`).limit(100).execute()) as Candidate[];
  if (rows.length === 0) return [];
  const policy = retentionPolicyOf(await loadLifecycleSettings(deps.db));
  const now = deps.now();
  const banners: LifecycleBanner[] = [];
  for (const v of rows) {
    if (!isAllowed(actor, 'video.edit', { kind: 'video', courseId: o.courseId, ownerId: v.owner_id })) continue;
    const state = { createdAt: v.created_at, publishedAt: v.published_at, lastViewedAt: v.last_viewed_at, retainUntil: v.retain_until, isOnLegalHold: false, trashedAt: null, trashWarning: v.trash_warning_sent_at && v.trash_warning_for ? { sentAt: v.trash_warning_sent_at, forDate: v.trash_warning_for } : null, purgeWarning: null };
    // A view or an extension since the warning moved the date: that warning no longer stands.
    if (v.trash_warning_for?.getTime() !== baseTrashDate(state, policy).getTime()) continue;
    const d = decideLifecycle(state, policy, now);
    const on = d.action === 'keep' && d.reason === 'waiting-after-warning' ? d.nextStepAt : d.action === 'trash' ? now : undefined;
    if (!on) continue;
    banners.push({ videoId: v.id, title: v.title, dateText: formatDate(on, o.locale), isOwner: v.owner_id === actor.userId, hasPendingRequest: Boolean(v.pending) });
  }
  return banners;
}
