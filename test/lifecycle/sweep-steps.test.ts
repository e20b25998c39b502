// The sweep's step guarantees on real PostgreSQL: crash and rerun does no step twice and skips none,
// a purge that cannot verify its files keeps the row, the caps hold, and the dry run writes nothing.
import type { BlobStore } from '../../src/adapters/storage/blob-store.js';
import { dryRunSweep } from '../../src/lifecycle/sweep.js';
import { defaultLifecycleSettings } from '../../src/lifecycle/lifecycle-settings.js';
import type { LifecycleAction } from '../../src/lifecycle/lifecycle.tables.js';
import { systemActor } from '../../src/auth/permissions.js';
import { restoreVideo } from '../../src/lifecycle/trash.service.js';
import { createLifecycleFixture, day, eventsOf, quietLog, type LifecycleFixture } from './lifecycle-fixtures.js';

// Each test gets a database of its own: moving the clock years ahead must not step other tests' videos.
let f: LifecycleFixture;
beforeEach(async () => {
  f = await createLifecycleFixture();
});
afterEach(() => f.close());

/** Five unwatched videos published on `start`: due for a trash warning on start + 700. */
async function fiveDue(start: number): Promise<string[]> {
  return Promise.all([0, 1, 2, 3, 4].map((i) => f.makeVideo({ createdDay: start, publishedDay: start, title: `Due ${start}/${i}` })));
}
const countEvents = async (ids: string[], action: LifecycleAction) =>
  Number((await f.db.selectFrom('lifecycle_events').select((eb) => eb.fn.countAll<string>().as('n')).where('video_id', 'in', ids).where('action', '=', action).executeTakeFirstOrThrow()).n);

describe('crash and rerun', () => {
  it('after a crash between two steps, the rerun does each remaining step once and repeats none', async () => {
    const ids = await fiveDue(0);
    let steps = 0;
    await expect(
      f.sweep(700, {
        settings: { stepConcurrency: 1 },
        hooks: {
          afterStep: () => {
            if (++steps === 2) throw new Error('worker killed');
          },
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await countEvents(ids, 'warn-trash')).toBe(2);
    // The crash came after the commits and before the mail: the outbox still holds those notices.
    expect(f.mailer.sent.filter((m) => m.subject.includes('Due 0/'))).toHaveLength(0);
    await f.sweep(700);
    await f.sweep(700);
    expect(await countEvents(ids, 'warn-trash')).toBe(5);
    for (const id of ids) expect((await eventsOf(f.db, id)).map((e) => e.action)).toEqual(['warn-trash']);
    const mails = f.mailer.sent.filter((m) => m.subject.includes('Due 0/'));
    expect(mails).toHaveLength(5);
    expect(new Set(mails.map((m) => m.to)).size).toBe(1);
  });

  it('with concurrent steps, a crash leaves some done and the rerun completes the rest exactly once', async () => {
    const ids = [...(await fiveDue(0)), ...(await fiveDue(0)), ...(await fiveDue(0))];
    let steps = 0;
    const crash = () => {
      if (++steps === 2) throw new Error('worker killed');
    };
    await expect(f.sweep(700, { settings: { stepConcurrency: 4 }, hooks: { afterStep: crash } })).rejects.toThrow('worker killed');
    const done = await countEvents(ids, 'warn-trash');
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(15);
    await f.sweep(700, { settings: { stepConcurrency: 4 } });
    for (const id of ids) expect((await eventsOf(f.db, id)).map((e) => e.action)).toEqual(['warn-trash']);
    expect(f.mailer.sent).toHaveLength(15);
  });

  it('a purge interrupted after deleting the files (before its commit) is completed by the rerun', async () => {
    const [id] = await Promise.all([f.makeVideo({ createdDay: 2000, publishedDay: 2000, title: 'Interrupted purge' })]);
    for (const d of [2700, 2730, 2880, 2909]) await f.sweep(d);
    expect((await eventsOf(f.db, id!)).map((e) => e.action)).toEqual(['warn-trash', 'trash', 'warn-purge']);
    let failList = true;
    const flaky: BlobStore = {
      put: (k, s, o) => f.store.put(k, s, o),
      get: (k, r) => f.store.get(k, r),
      delete: (k) => f.store.delete(k),
      signedUrl: (k, t) => f.store.signedUrl(k, t),
      list: async (p) => {
        if (failList) {
          failList = false;
          throw new Error('connection reset');
        }
        return f.store.list(p);
      },
    };
    const first = await f.sweep(2910, { store: flaky });
    expect(first.purgeFailures).toBe(1);
    expect(await f.store.list(`videos/${id}/`)).toEqual([]);
    expect(await f.db.selectFrom('videos').select('id').where('id', '=', id!).executeTakeFirst()).toBeDefined();
    const second = await f.sweep(2910, { store: flaky });
    expect(second.applied.purge).toBe(1);
    expect((await eventsOf(f.db, id!)).map((e) => e.action)).toEqual(['warn-trash', 'trash', 'warn-purge', 'purge-failed', 'purge']);
    expect(await f.db.selectFrom('video_tombstones').select('blobs_deleted').where('video_id', '=', id!).executeTakeFirstOrThrow()).toEqual({ blobs_deleted: 0 });
  });
});

describe('purge verification', () => {
  it('keeps the row, logs and audits when files are still in storage after the delete', async () => {
    const id = await f.makeVideo({ createdDay: 4000, publishedDay: 4000, title: 'Stubborn files' });
    for (const d of [4700, 4730, 4880]) await f.sweep(d);
    const stubborn: BlobStore = { ...f.store, put: (k, s, o) => f.store.put(k, s, o), get: (k, r) => f.store.get(k, r), list: (p) => f.store.list(p), signedUrl: (k, t) => f.store.signedUrl(k, t), delete: async () => 0 };
    const r = await f.sweep(4910, { store: stubborn });
    expect(r.purgeFailures).toBe(1);
    expect(r.applied.purge).toBe(0);
    expect(await f.db.selectFrom('videos').select('trashed_at').where('id', '=', id).executeTakeFirst()).toBeDefined();
    expect(await f.db.selectFrom('video_tombstones').select('video_id').where('video_id', '=', id).executeTakeFirst()).toBeUndefined();
    const failed = (await eventsOf(f.db, id)).find((e) => e.action === 'purge-failed');
    expect(failed?.details).toMatchObject({ leftCount: 2 });
  });
});

describe('caps and dry run', () => {
  it('the dry run reports what the sweep then does, writes nothing, and the caps defer the rest', async () => {
    const ids = await fiveDue(6000);
    const settings = { ...defaultLifecycleSettings, maxWarningsPerRun: 3 };
    const before = await countEvents(ids, 'warn-trash');
    const dry = await dryRunSweep({ db: f.db }, { settings, now: day(6700) });
    expect(dry.counts['warn-trash']).toBe(3);
    expect(dry.deferred['warn-trash']).toBe(2);
    expect(dry.steps.map((s) => s.action)).toEqual(['warn-trash', 'warn-trash', 'warn-trash']);
    expect(await countEvents(ids, 'warn-trash')).toBe(before);
    const run = await f.sweep(6700, { settings: { maxWarningsPerRun: 3 } });
    expect(run.applied['warn-trash']).toBe(3);
    expect(run.deferred['warn-trash']).toBe(2);
    expect(new Set(dry.steps.map((s) => s.videoId))).toEqual(new Set((await f.db.selectFrom('lifecycle_events').select('video_id').where('video_id', 'in', ids).execute()).map((e) => e.video_id)));
    await f.sweep(6701, { settings: { maxWarningsPerRun: 3 } });
    expect(await countEvents(ids, 'warn-trash')).toBe(5);
    // The late warnings still give their full 30 days: those two are trashed a day after the others.
    const trashed = await f.sweep(6730);
    expect(trashed.applied.trash).toBe(3);
    expect((await f.sweep(6731)).applied.trash).toBe(2);
  });

  it('never purges more than the cap in one run', async () => {
    const ids = await fiveDue(8000);
    for (const d of [8700, 8730, 8880]) await f.sweep(d);
    const r = await f.sweep(8910, { settings: { maxPurgesPerRun: 2 } });
    expect(r.applied.purge).toBe(2);
    expect(r.deferred.purge).toBe(3);
    expect(await countEvents(ids, 'purge')).toBe(2);
  });
});

describe('restore from a policy trash', () => {
  it('gives the video a fresh warning period instead of trashing it again the next night', async () => {
    const id = await f.makeVideo({ createdDay: 0, publishedDay: 0, title: 'Comes back' });
    await f.sweep(700);
    await f.sweep(730);
    const deps = { db: f.database.db, now: () => day(800), log: quietLog, media: { blobStore: f.store, mailer: f.mailer } };
    await restoreVideo(deps, systemActor, id);
    expect((await f.sweep(801)).applied).toMatchObject({ trash: 0, 'warn-trash': 1 });
    expect((await f.sweep(830)).applied.trash).toBe(0);
    expect((await f.sweep(831)).applied.trash).toBe(1);
    expect((await eventsOf(f.db, id)).map((e) => e.action)).toEqual(['warn-trash', 'trash', 'restore', 'warn-trash', 'trash']);
  });
});
