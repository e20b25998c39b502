// Four years of a small site, driven by an injected clock through the REAL sweep on PostgreSQL: views,
// an extension, a video hold and an owner hold. The sweep must do exactly what the pure model
// (decideLifecycle + applyDecision, run side by side) does, step for step, and the audit log must show
// the promises of the policy: no trash within two years of a view, a warning at least 30 days before
// each step, nothing deleted under a hold, and an unwatched video eventually purged, files and all.
import { applyDecision, decideLifecycle, defaultRetentionPolicy as policy, type RetentionState } from '../../src/lifecycle/retention.js';
import { createLifecycleFixture, day, DAY, t0, type LifecycleFixture } from './lifecycle-fixtures.js';

let f: LifecycleFixture;
beforeAll(async () => {
  f = await createLifecycleFixture();
});
afterAll(() => f.close());

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Plan = { id: string; created: number; views: number[]; extension?: { on: number; until: number }; holdFrom?: number; ownerHeld?: boolean };
const DAYS = 1500;

it('matches the pure model step for step over four years, and keeps every promise of the policy', async () => {
  const rand = prng(42);
  const heldOwner = await f.makeOwner();
  const plans: Plan[] = [];
  for (let i = 0; i < 14; i++) {
    const created = Math.floor(rand() * 200);
    const views = i < 3 ? [] : Array.from({ length: Math.floor(rand() * 5) }, () => created + 1 + Math.floor(rand() * 1300)).sort((a, b) => a - b);
    plans.push({ id: await f.makeVideo({ createdDay: created, publishedDay: created, title: `Video ${i}` }), created, views });
  }
  plans.push({ id: await f.makeVideo({ createdDay: 0, publishedDay: 0, title: 'Extended' }), created: 0, views: [], extension: { on: 650, until: 1000 } });
  plans.push({ id: await f.makeVideo({ createdDay: 0, publishedDay: 0, title: 'Held' }), created: 0, views: [], holdFrom: 800 });
  plans.push({ id: await f.makeVideo({ createdDay: 0, publishedDay: 0, title: 'Owner held', ownerId: heldOwner }), created: 0, views: [], ownerHeld: true });
  await f.db.insertInto('owner_legal_holds').values({ owner_id: heldOwner, reason: 'litigation', placed_by: null, placed_at: t0 }).execute();

  const model = new Map<string, { s: RetentionState; purged: boolean }>();
  for (const p of plans) {
    const at = day(p.created);
    model.set(p.id, { s: { createdAt: at, publishedAt: at, lastViewedAt: at, retainUntil: null, isOnLegalHold: !!p.ownerHeld, trashedAt: null, trashWarning: null, purgeWarning: null }, purged: false });
  }
  const expected: string[] = [];
  for (let today = 1; today <= DAYS; today++) {
    for (const p of plans) {
      const m = model.get(p.id)!;
      if (m.purged) continue;
      if (p.views.includes(today) && !m.s.trashedAt) {
        m.s = { ...m.s, lastViewedAt: day(today) };
        await f.db.updateTable('videos').set({ last_viewed_at: day(today) }).where('id', '=', p.id).where('trashed_at', 'is', null).execute();
      }
      if (p.extension?.on === today) {
        m.s = { ...m.s, retainUntil: day(p.extension.until) };
        await f.db.updateTable('videos').set({ retain_until: day(p.extension.until) }).where('id', '=', p.id).execute();
      }
      if (p.holdFrom === today) {
        m.s = { ...m.s, isOnLegalHold: true };
        await f.db.updateTable('videos').set({ legal_hold: true }).where('id', '=', p.id).execute();
      }
    }
    await f.sweep(today);
    for (const p of plans) {
      const m = model.get(p.id)!;
      if (m.purged) continue;
      const d = decideLifecycle(m.s, policy, day(today));
      if (d.action !== 'keep') expected.push(`${p.id} ${today} ${d.action}`);
      if (d.action === 'purge') m.purged = true;
      m.s = applyDecision(m.s, d, day(today));
    }
  }

  const events = await f.db.selectFrom('lifecycle_events').select(['video_id', 'at', 'action']).orderBy('id').execute();
  const actual = events.map((e) => `${e.video_id} ${Math.round((e.at.getTime() - t0.getTime()) / DAY)} ${e.action}`);
  expect(actual.sort()).toEqual(expected.sort());
  expect(expected.filter((e) => e.endsWith(' purge')).length).toBeGreaterThanOrEqual(3);

  for (const p of plans) {
    const mine = events.filter((e) => e.video_id === p.id);
    const dayOf = (a: string) => mine.filter((e) => e.action === a).map((e) => (e.at.getTime() - t0.getTime()) / DAY);
    const [trashDay] = dayOf('trash');
    const [purgeDay] = dayOf('purge');
    if (p.holdFrom !== undefined || p.ownerHeld) expect(purgeDay).toBeUndefined();
    if (p.ownerHeld) expect(mine).toEqual([]);
    if (trashDay !== undefined) {
      const lastView = Math.max(p.created, ...p.views.filter((v) => v <= trashDay));
      expect(trashDay - lastView).toBeGreaterThanOrEqual(policy.trashAfterDays);
      if (p.extension && p.extension.on <= trashDay) expect(trashDay).toBeGreaterThanOrEqual(p.extension.until);
      if (p.holdFrom !== undefined) expect(trashDay).toBeLessThan(p.holdFrom);
      expect(dayOf('warn-trash').some((w) => w <= trashDay - policy.warnBeforeTrashDays && w > lastView)).toBe(true);
      expect(dayOf('trash')).toHaveLength(1);
    }
    if (purgeDay !== undefined) {
      expect(purgeDay - trashDay!).toBeGreaterThanOrEqual(policy.purgeAfterDays);
      expect(dayOf('warn-purge').some((w) => w >= trashDay! && w <= purgeDay - policy.warnBeforePurgeDays)).toBe(true);
      expect(await f.store.list(`videos/${p.id}/`)).toEqual([]);
      expect(await f.db.selectFrom('videos').select('id').where('id', '=', p.id).executeTakeFirst()).toBeUndefined();
      expect(await f.db.selectFrom('video_tombstones').select(['title', 'reason']).where('video_id', '=', p.id).executeTakeFirst()).toMatchObject({ reason: 'trash-expired' });
    } else {
      expect((await f.store.list(`videos/${p.id}/`)).length).toBeGreaterThan(0);
    }
    // Liveness: never viewed, no hold, no extension → purged well within the four years.
    if (p.views.length === 0 && !p.extension && p.holdFrom === undefined && !p.ownerHeld) expect(purgeDay).toBeDefined();
    // The extension postponed the trash past its date (the video was otherwise due at day ~730).
    if (p.extension) expect(trashDay).toBeGreaterThanOrEqual(p.extension.until);
  }
  // Each warning was mailed once: one message per warn/trash event, with distinct Message-IDs.
  const mailed = events.filter((e) => ['warn-trash', 'trash', 'warn-purge'].includes(e.action)).length;
  expect(f.mailer.sent).toHaveLength(mailed);
  expect(new Set(f.mailer.sent.map((m) => m.messageId)).size).toBe(mailed);
}, 240_000);
