// "My recordings": every live video the signed-in person owns or co-edits, across courses, with what
// each row needs (course, status, captions, last view, announced trash date) and the pages it links to.
// Listing one's own videos needs no grant beyond being signed in; every linked page authorizes itself.
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { UnauthenticatedError } from '../http/errors.js';
import { captionStatus, type CaptionStatus } from '../captions/caption-deadline.js';
import { editorIdsByVideo } from '../governance/ownership.repo.js';
import { loadLifecycleSettings, retentionPolicyOf } from '../lifecycle/lifecycle-settings.js';
import { announcedTrashDate, rowLinks, type RowLinks } from './my-recordings.js';
import { captionFactsByVideo, listRecordingsPage, placedInCourse, type RecordingsCursor } from './my-recordings.repo.js';
import type { VideoStatus } from './videos.tables.js';

export const RECORDINGS_PAGE_SIZE = 50;

export type Recording = {
  id: string;
  title: string;
  isOwner: boolean;
  courseTitle: string;
  status: VideoStatus;
  captionStatus: CaptionStatus;
  lastViewedAt: Date | null;
  trashOn: Date | undefined;
  links: RowLinks;
};

export type RecordingsPage = { items: Recording[]; next: RecordingsCursor | undefined; isFirstPage: boolean };

export async function listMyRecordings(deps: { db: Db; now: () => Date }, actor: Actor, o: { after?: RecordingsCursor }): Promise<RecordingsPage> {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  const rows = await listRecordingsPage(deps.db, { userId: actor.userId, after: o.after, limit: RECORDINGS_PAGE_SIZE });
  const page = rows.slice(0, RECORDINGS_PAGE_SIZE);
  const ids = page.map((r) => r.id);
  const [editors, captions, placed, settings] = await Promise.all([
    editorIdsByVideo(deps.db, ids),
    captionFactsByVideo(deps.db, ids),
    actor.course ? placedInCourse(deps.db, ids, actor.course.courseId) : Promise.resolve(new Set<string>()),
    loadLifecycleSettings(deps.db),
  ]);
  const policy = retentionPolicyOf(settings);
  const now = deps.now();
  const items = page.map((r): Recording => {
    const facts = captions.get(r.id) ?? { tracks: [], hasTextAlternative: false, isExempt: false };
    // As the compliance report counts it: for an 'other'-language video, a track in any language is its own.
    const tracks = r.language === 'other' ? facts.tracks.map((t) => ({ ...t, language: 'other' })) : facts.tracks;
    return {
      id: r.id,
      title: r.title,
      isOwner: r.ownerId === actor.userId,
      courseTitle: r.courseTitle,
      status: r.status,
      captionStatus: captionStatus({ language: r.language, publishedAt: r.publishedAt, ...facts, tracks }),
      lastViewedAt: r.lastViewedAt,
      trashOn: announcedTrashDate(r, policy, now),
      links: rowLinks(actor, { ...r, editorIds: editors.get(r.id) ?? [], isPlacedInActorCourse: placed.has(r.id) }),
    };
  });
  return { items, next: rows.length > RECORDINGS_PAGE_SIZE ? page[page.length - 1]?.cursor : undefined, isFirstPage: !o.after };
}
