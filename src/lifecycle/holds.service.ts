// Legal holds, per video or per owner: while one is on, the sweep never selects the video and "purge
// now" refuses it. Placing and releasing are audited with their reason.
import { sql } from 'kysely';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { NotFoundError } from '../http/errors.js';
import { actorUserId, ldb, type LifecycleDeps } from './lifecycle-deps.js';
import { insertEvent } from './lifecycle.repo.js';

export async function setVideoHold(deps: LifecycleDeps, actor: Actor, o: { videoId: string; isOn: boolean; reason: string }): Promise<void> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const now = deps.now();
  await ldb(deps)
    .transaction()
    .execute(async (tx) => {
      const v = await tx.updateTable('videos').set({ legal_hold: o.isOn, updated_at: sql`now()` }).where('id', '=', o.videoId).returning(['id', 'title', 'owner_id']).executeTakeFirst();
      if (!v) throw new NotFoundError('No video has this id');
      await insertEvent(tx, { videoId: v.id, videoTitle: v.title, ownerId: v.owner_id, action: o.isOn ? 'video-hold-on' : 'video-hold-off', reason: o.reason, actorId: actorUserId(actor), at: now });
    });
  deps.log.info({ videoId: o.videoId, isOn: o.isOn }, 'legal hold on a video changed');
}

export async function setOwnerHold(deps: LifecycleDeps, actor: Actor, o: { ownerId: string; isOn: boolean; reason: string }): Promise<void> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const now = deps.now();
  await ldb(deps)
    .transaction()
    .execute(async (tx) => {
      const user = await tx.selectFrom('users').select('id').where('id', '=', o.ownerId).executeTakeFirst();
      if (!user) throw new NotFoundError('No user has this id');
      if (o.isOn)
        await tx
          .insertInto('owner_legal_holds')
          .values({ owner_id: o.ownerId, reason: o.reason, placed_by: actorUserId(actor), placed_at: now })
          .onConflict((oc) => oc.column('owner_id').doUpdateSet({ reason: o.reason, placed_by: actorUserId(actor), placed_at: now }))
          .execute();
      else await tx.deleteFrom('owner_legal_holds').where('owner_id', '=', o.ownerId).execute();
      await insertEvent(tx, { videoId: null, ownerId: o.ownerId, action: o.isOn ? 'owner-hold-on' : 'owner-hold-off', reason: o.reason, actorId: actorUserId(actor), at: now });
    });
  deps.log.info({ ownerId: o.ownerId, isOn: o.isOn }, 'legal hold on an owner changed');
}

export type HoldList = { videos: Array<{ id: string; title: string; ownerName: string }>; owners: Array<{ ownerId: string; ownerName: string; reason: string; placedAt: Date }> };

export async function listHolds(deps: LifecycleDeps, actor: Actor): Promise<HoldList> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const db = ldb(deps);
  const videos = await db.selectFrom('videos as v').innerJoin('users as u', 'u.id', 'v.owner_id').select(['v.id', 'v.title', 'u.name']).where('v.legal_hold', '=', true).orderBy('v.title').limit(500).execute();
  const owners = await db.selectFrom('owner_legal_holds as h').innerJoin('users as u', 'u.id', 'h.owner_id').select(['h.owner_id', 'u.name', 'h.reason', 'h.placed_at']).orderBy('h.placed_at', 'desc').execute();
  return {
    videos: videos.map((v) => ({ id: v.id, title: v.title, ownerName: v.name })),
    owners: owners.map((o) => ({ ownerId: o.owner_id, ownerName: o.name, reason: o.reason, placedAt: o.placed_at })),
  };
}
