// GDPR: a person downloads their data; a site admin exports anyone's, names the storage region, and runs
// an erasure (views and reports anonymised, owned videos transferred or trashed, the person blanked).
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { BadRequestError, ConflictError, NotFoundError, UnauthenticatedError } from '../http/errors.js';
import { recordAudit } from './audit.js';
import { isStaff, searchStaff, setOwnerOfAll, type Person } from './ownership.repo.js';
import {
  anonymiseUser,
  findUserProfile,
  listCoEditedVideos,
  listMemberships,
  listOwnedVideosForExport,
  listTermsAcceptances,
  listUserAttestations,
  listUserReports,
  listUserViews,
  trashOwnedVideos,
} from './privacy.repo.js';
import { loadPrivacySettings, savePrivacySettings } from './privacy-settings.js';
import { listIdentitiesOfUser } from '../auth/oidc/identities.repo.js';

export type PrivacyDeps = { db: Db; now: () => Date; publicUrl: string };

const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

async function buildExport(deps: PrivacyDeps, userId: string) {
  const profile = await findUserProfile(deps.db, userId);
  if (!profile) throw new NotFoundError('No such user');
  const link = (videoId: string) => ({ watchUrl: `${deps.publicUrl}/videos/${videoId}/watch`, detailsUrl: `${deps.publicUrl}/videos/${videoId}/edit` });
  return {
    format: 'luento-user-export-v1',
    exportedAt: deps.now().toISOString(),
    storageRegion: (await loadPrivacySettings(deps.db)).storageRegion,
    profile: {
      id: profile.id,
      name: profile.name,
      email: profile.email,
      lmsUserId: profile.sub,
      lms: profile.platformIssuer,
      locale: profile.locale,
      preferredLocale: profile.preferred_locale,
      siteRole: profile.site_role,
      createdAt: profile.created_at,
      lastLoginAt: profile.last_login_at,
    },
    // Staff direct sign-in accounts at the university's identity provider (issuer, subject).
    identities: await listIdentitiesOfUser(deps.db, userId),
    courses: await listMemberships(deps.db, userId),
    termsAcceptances: await listTermsAcceptances(deps.db, userId),
    views: (await listUserViews(deps.db, userId)).map((v) => ({ ...v, ...link(v.videoId) })),
    reports: await listUserReports(deps.db, userId),
    attestations: await listUserAttestations(deps.db, userId),
    ownedVideos: (await listOwnedVideosForExport(deps.db, userId)).map((v) => ({ ...v, ...link(v.id) })),
    coEditedVideos: (await listCoEditedVideos(deps.db, userId)).map((v) => ({ ...v, ...link(v.id) })),
  };
}
export type UserExport = Awaited<ReturnType<typeof buildExport>>;

/** The signed-in person's own data, as JSON; every download is audited. */
export async function exportMyData(deps: PrivacyDeps, actor: Actor): Promise<UserExport> {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  const data = await buildExport(deps, actor.userId);
  await recordAudit(deps.db, { action: 'user.exported', actorId: actor.userId, subject: { kind: 'user', id: actor.userId } });
  return data;
}

export async function exportUserData(deps: PrivacyDeps, actor: Actor, userId: string): Promise<UserExport> {
  authorize(actor, 'privacy.manage', { kind: 'site' });
  const data = await buildExport(deps, userId);
  await recordAudit(deps.db, { action: 'user.exported', actorId: userIdOf(actor), subject: { kind: 'user', id: userId } });
  return data;
}

export async function showMyPrivacy(deps: PrivacyDeps, actor: Actor): Promise<{ storageRegion: string }> {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  return { storageRegion: (await loadPrivacySettings(deps.db)).storageRegion };
}

export async function showPrivacyAdmin(deps: PrivacyDeps, actor: Actor, search: string | undefined): Promise<{ storageRegion: string; people: Person[] }> {
  authorize(actor, 'privacy.manage', { kind: 'site' });
  const people = search ? await searchPeople(deps.db, search) : [];
  return { storageRegion: (await loadPrivacySettings(deps.db)).storageRegion, people };
}

async function searchPeople(db: Db, text: string): Promise<Person[]> {
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('users')
    .select(['id as userId', 'name', 'email'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb(eb.fn('lower', ['email']), 'like', like)]))
    .orderBy('name')
    .limit(50)
    .execute();
}

export async function setStorageRegion(deps: PrivacyDeps, actor: Actor, storageRegion: string): Promise<void> {
  authorize(actor, 'privacy.manage', { kind: 'site' });
  await deps.db.transaction().execute(async (tx) => {
    const before = await loadPrivacySettings(tx);
    await savePrivacySettings(tx, { ...before, storageRegion });
    await recordAudit(tx, { action: 'settings.changed', actorId: userIdOf(actor), subject: { kind: 'site', id: 'privacy' }, details: { storageRegion: { from: before.storageRegion, to: storageRegion } } });
  });
}

export async function showUserPrivacy(deps: PrivacyDeps, actor: Actor, o: { userId: string; search?: string }) {
  authorize(actor, 'privacy.manage', { kind: 'site' });
  const profile = await findUserProfile(deps.db, o.userId);
  if (!profile) throw new NotFoundError('No such user');
  const owned = await listOwnedVideosForExport(deps.db, o.userId);
  return {
    person: { userId: profile.id, name: profile.name, email: profile.email, erasedAt: profile.erasedAt },
    ownedCount: owned.length,
    liveCount: owned.filter((v) => !v.trashedAt).length,
    viewCount: (await listUserViews(deps.db, o.userId)).length,
    reportCount: (await listUserReports(deps.db, o.userId)).length,
    candidates: o.search ? (await searchStaff(deps.db, o.search)).filter((p) => p.userId !== o.userId) : [],
  };
}

export type ErasureInput = { userId: string; videos: 'transfer' | 'trash'; toUserId?: string };

/** One transaction: what the person owns goes where the admin chose, then everything pointing at them is anonymised. */
export async function eraseUser(deps: PrivacyDeps, actor: Actor, e: ErasureInput): Promise<{ videosMoved: number }> {
  authorize(actor, 'privacy.manage', { kind: 'site' });
  if (userIdOf(actor) === e.userId) throw new BadRequestError('You cannot erase your own account; ask another administrator.', undefined, 'erase_self');
  const profile = await findUserProfile(deps.db, e.userId);
  if (!profile) throw new NotFoundError('No such user');
  if (profile.erasedAt) throw new ConflictError('This account has already been erased.', 'already_erased');
  if (e.videos === 'transfer') {
    if (!e.toUserId) throw new BadRequestError('Choose who receives the videos, or choose to move them to the trash.', undefined, 'transfer_target_required');
    if (e.toUserId === e.userId || !(await isStaff(deps.db, e.toUserId))) throw new BadRequestError('The videos can only go to another member of staff.', undefined, 'not_staff');
  }
  const now = deps.now();
  const moved = await deps.db.transaction().execute(async (tx) => {
    let count = 0;
    if (e.videos === 'transfer' && e.toUserId) {
      const ids = await setOwnerOfAll(tx, { fromUserId: e.userId, toUserId: e.toUserId });
      for (const id of ids) await recordAudit(tx, { action: 'video.ownership-transferred', actorId: userIdOf(actor), subject: { kind: 'video', id }, reason: 'erasure', details: { from: e.userId, to: e.toUserId, bulk: true } });
      count = ids.length;
    } else count = await trashOwnedVideos(tx, e.userId, now);
    await anonymiseUser(tx, { userId: e.userId, sub: profile.sub, email: profile.email, name: profile.name });
    await tx.insertInto('user_erasures').values({ user_id: e.userId, erased_by: userIdOf(actor), erased_at: now }).execute();
    // No personal data here: the subject is the (now blank) user id; details say what happened to the videos.
    await recordAudit(tx, { action: 'user.erased', actorId: userIdOf(actor), subject: { kind: 'user', id: e.userId }, details: { videos: e.videos, count, ...(e.toUserId && e.videos === 'transfer' ? { to: e.toUserId } : {}) }, at: now });
    return count;
  });
  return { videosMoved: moved };
}
