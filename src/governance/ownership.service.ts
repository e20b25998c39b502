// Ownership of videos: the owner (the author, until a transfer) adds and removes co-editors and hands the
// video to another member of staff; a site admin moves every video of a departed user in one step.
// Every change is audited in its own transaction.
import { authorize } from '../auth/authorize.js';
import { isAllowed, type Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors.js';
import type { Locale } from '../i18n/define-messages.js';
import { loadVideoAccess } from '../videos/videos.service.js';
import { listVideoAttestations, type VideoAttestation } from './attestation.repo.js';
import { statementText } from './attestation-checks.js';
import type { CurrentAttestation } from './attestation-current.js';
import { recordAudit } from './audit.js';
import { findTakedown, type Takedown } from './moderation.repo.js';
import { deleteEditor, findPerson, insertEditor, isStaff, listEditors, searchStaff, setOwner, setOwnerOfAll, type Person } from './ownership.repo.js';

export type OwnershipDeps = { db: Db; now: () => Date; attestation: CurrentAttestation };

export type OwnershipView = {
  video: { id: string; title: string; courseId: string };
  owner: Person | undefined;
  editors: Person[];
  candidates: Person[];
  attestations: VideoAttestation[];
  statement: { version: string; text: string } | undefined;
  takedown: Takedown | undefined;
  can: { manageEditors: boolean; transfer: boolean };
};

const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/** The details page: owner, co-editors, attestations, a takedown's reason; for those who may edit the video. */
export async function showOwnership(deps: OwnershipDeps, actor: Actor, o: { videoId: string; search?: string; locale: Locale }): Promise<OwnershipView> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'video.edit', resource);
  const can = { manageEditors: isAllowed(actor, 'video.manageEditors', resource), transfer: isAllowed(actor, 'video.transfer', resource) };
  const editors = await listEditors(deps.db, video.id);
  const taken = new Set([video.owner_id, ...editors.map((e) => e.userId)]);
  const found = o.search && (can.manageEditors || can.transfer) ? await searchStaff(deps.db, o.search) : [];
  const attestations = await listVideoAttestations(deps.db, video.id);
  const current = await statementText(deps.attestation, o.locale);
  const isCurrentConfirmed = attestations.some((a) => a.version === current.version);
  return {
    video: { id: video.id, title: video.title, courseId: resource.courseId },
    owner: await findPerson(deps.db, video.owner_id),
    editors,
    candidates: found.filter((p) => !taken.has(p.userId)),
    attestations,
    statement: isCurrentConfirmed ? undefined : current,
    takedown: await findTakedown(deps.db, video.id),
    can,
  };
}

async function assertStaffTarget(db: Db, userId: string): Promise<void> {
  if (!(await findPerson(db, userId))) throw new NotFoundError('No such user');
  if (!(await isStaff(db, userId))) throw new BadRequestError('Only staff (teachers and course managers) can edit or own videos; this person has no such role in any course.', undefined, 'not_staff');
}

export async function addCoEditor(deps: OwnershipDeps, actor: Actor, o: { videoId: string; userId: string }): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'video.manageEditors', resource);
  if (o.userId === video.owner_id) throw new BadRequestError('The owner already edits this video.', undefined, 'already_owner');
  await assertStaffTarget(deps.db, o.userId);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await insertEditor(tx, { videoId: video.id, userId: o.userId, addedBy: userIdOf(actor) }))) return;
    await recordAudit(tx, { action: 'video.editor-added', actorId: userIdOf(actor), subject: { kind: 'video', id: video.id }, details: { userId: o.userId } });
  });
}

export async function removeCoEditor(deps: OwnershipDeps, actor: Actor, o: { videoId: string; userId: string }): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'video.manageEditors', resource);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await deleteEditor(tx, video.id, o.userId))) throw new NotFoundError('This person is not a co-editor of the video');
    await recordAudit(tx, { action: 'video.editor-removed', actorId: userIdOf(actor), subject: { kind: 'video', id: video.id }, details: { userId: o.userId } });
  });
}

export async function transferOwnership(deps: OwnershipDeps, actor: Actor, o: { videoId: string; toUserId: string; keepAsEditor: boolean }): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'video.transfer', resource);
  if (o.toUserId === video.owner_id) throw new BadRequestError('This person already owns the video.', undefined, 'already_owner');
  await assertStaffTarget(deps.db, o.toUserId);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await setOwner(tx, { videoId: video.id, fromUserId: video.owner_id, toUserId: o.toUserId }))) throw new ConflictError('The owner changed meanwhile; reload and try again', 'stale_owner');
    if (o.keepAsEditor) await insertEditor(tx, { videoId: video.id, userId: video.owner_id, addedBy: userIdOf(actor) });
    await recordAudit(tx, { action: 'video.ownership-transferred', actorId: userIdOf(actor), subject: { kind: 'video', id: video.id }, details: { from: video.owner_id, to: o.toUserId, keptAsEditor: o.keepAsEditor } });
  });
}

/** A site admin moves every video (trashed ones too) of one user to another member of staff, in one transaction. */
export async function transferAllVideos(deps: Pick<OwnershipDeps, 'db'>, actor: Actor, o: { fromUserId: string; toUserId: string; reason: string }): Promise<{ count: number }> {
  authorize(actor, 'video.transfer', { kind: 'site' });
  if (!(await findPerson(deps.db, o.fromUserId))) throw new NotFoundError('No such user');
  if (o.fromUserId === o.toUserId) throw new BadRequestError('Choose someone else to receive the videos.', undefined, 'same_user');
  await assertStaffTarget(deps.db, o.toUserId);
  const ids = await deps.db.transaction().execute(async (tx) => {
    const moved = await setOwnerOfAll(tx, { fromUserId: o.fromUserId, toUserId: o.toUserId });
    for (const id of moved)
      await recordAudit(tx, { action: 'video.ownership-transferred', actorId: userIdOf(actor), subject: { kind: 'video', id }, reason: o.reason, details: { from: o.fromUserId, to: o.toUserId, bulk: true } });
    return moved;
  });
  return { count: ids.length };
}
