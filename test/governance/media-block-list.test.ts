// The media block list on real PostgreSQL: what each kind of block refuses (and in which order), the
// window for purged videos, that this process's own decisions apply at once and are not undone by a
// reload that started before them, and that a failed reload keeps the last known lists.
import type { Db } from '../../src/db/database.js';
import { createMediaBlockList, type MediaBlockList } from '../../src/governance/media-block-list.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createVideo } from '../helpers/video-factory.js';

let ctx: TestContext;
let platform: TestPlatform;
let db: Db;
let ownerId: string;
let viewerId: string;
let courseId: string;
const lists: MediaBlockList[] = [];
const now = new Date('2026-11-29T12:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false });
  db = ctx.deps.db;
  platform = await createTestPlatform(db);
  ownerId = (await createUser(db, { platformId: platform.platform.id })).id;
  viewerId = (await createUser(db, { platformId: platform.platform.id })).id;
  courseId = (await createCourse(db, { platformId: platform.platform.id })).id;
});
afterAll(async () => {
  for (const l of lists) l.stop();
  await platform.close();
  await ctx.close();
});

/** A list that reloads only when told (refresh), on `source` (a database that can be made to fail). */
async function newList(source: Db = db): Promise<MediaBlockList> {
  const list = await createMediaBlockList({ db: source, log: ctx.deps.log, refreshMs: 3_600_000, purgedWindowMs: 3_600_000, now: () => now });
  lists.push(list);
  return list;
}
const newVideo = async () => (await createVideo(db, { ownerId, courseId, status: 'published' })).id;
const tombstone = (videoId: string, purgedAt: Date) =>
  db.insertInto('video_tombstones').values({ video_id: videoId, title: 'Gone', owner_id: ownerId, home_course_id: courseId, created_at: now, published_at: now, last_viewed_at: null, trashed_at: now, purged_at: purgedAt, reason: 'trash-expired', purged_by: null, blobs_deleted: 0 }).execute();
const setDisabled = (userId: string, isDisabled: boolean) => db.updateTable('users').set({ disabled_at: isDisabled ? now : null }).where('id', '=', userId).execute();

it('refuses each kind of block, most specific first, and lets everything else through', async () => {
  const [open, takenDown, trashed, both] = [await newVideo(), await newVideo(), await newVideo(), await newVideo()];
  await db.insertInto('video_takedowns').values([takenDown, both].map((id) => ({ video_id: id, reason: 'Copyright claim', taken_down_by: null }))).execute();
  await db.updateTable('videos').set({ trashed_at: now }).where('id', 'in', [trashed, both]).execute();
  const [recentlyPurged, longAgoPurged] = ['0b5f9a8e-1f5e-4f43-9d7a-3c7f3f1e0001', '0b5f9a8e-1f5e-4f43-9d7a-3c7f3f1e0002'];
  await tombstone(recentlyPurged, new Date(now.getTime() - 10 * 60_000));
  await tombstone(longAgoPurged, new Date(now.getTime() - 2 * 3_600_000));
  const disabled = (await createUser(db, { platformId: platform.platform.id })).id;
  await setDisabled(disabled, true);
  const list = await newList();
  const cases: Array<[string, string, string, string | null]> = [
    ['an open video', open, viewerId, null],
    ['a video taken down', takenDown, viewerId, 'taken_down'],
    ['a video in the trash', trashed, viewerId, 'trashed'],
    ['a video taken down and in the trash', both, viewerId, 'taken_down'],
    ['a video purged 10 minutes ago', recentlyPurged, viewerId, 'purged'],
    ['a video purged before the window (its files are gone; nobody holds a live token)', longAgoPurged, viewerId, null],
    ['an open video, for a disabled viewer', open, disabled, 'viewer_disabled'],
    ['a trashed video, for a disabled viewer', trashed, disabled, 'trashed'],
  ];
  expect(cases.map(([name, v, u]) => [name, list.refusalFor(v, u)])).toEqual(cases.map(([name, , , want]) => [name, want]));
});

it('follows the database at each reload: restores, re-enabled accounts and new blocks', async () => {
  const video = await newVideo();
  const list = await newList();
  expect(list.refusalFor(video, viewerId)).toBeNull();
  await db.updateTable('videos').set({ trashed_at: now }).where('id', '=', video).execute();
  await setDisabled(viewerId, true);
  expect(list.refusalFor(video, viewerId)).toBeNull();
  await list.refresh();
  expect(list.refusalFor(video, viewerId)).toBe('trashed');
  await db.updateTable('videos').set({ trashed_at: null }).where('id', '=', video).execute();
  await list.refresh();
  expect(list.refusalFor(video, viewerId)).toBe('viewer_disabled');
  await setDisabled(viewerId, false);
  await list.refresh();
  expect(list.refusalFor(video, viewerId)).toBeNull();
});

it('reloads by itself every refreshMs', async () => {
  const video = await newVideo();
  const list = await createMediaBlockList({ db, log: ctx.deps.log, refreshMs: 50 });
  lists.push(list);
  await db.updateTable('videos').set({ trashed_at: now }).where('id', '=', video).execute();
  const deadline = Date.now() + 2_000;
  while (list.refusalFor(video, viewerId) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(list.refusalFor(video, viewerId)).toBe('trashed');
});

it('applies this process’s decisions at once, and a reload that started before them does not undo them', async () => {
  const video = await newVideo();
  const list = await newList();
  const stale = list.refresh();
  list.noteTakedown(video, true);
  list.noteUserDisabled(viewerId, true);
  await stale;
  expect(list.refusalFor(video, viewerId)).toBe('taken_down');
  expect(list.refusalFor(await newVideo(), viewerId)).toBe('viewer_disabled');
  // The next full reload follows the database again (which, in this test, never recorded those decisions).
  await list.refresh();
  expect(list.refusalFor(video, viewerId)).toBeNull();
  list.noteUserDisabled(viewerId, true);
  list.noteUserDisabled(viewerId, false);
  expect(list.refusalFor(video, viewerId)).toBeNull();
});

it('keeps the last known lists when a reload fails', async () => {
  const video = await newVideo();
  await db.updateTable('videos').set({ trashed_at: now }).where('id', '=', video).execute();
  let isDown = false;
  // The same database behind a switch: while down, every query fails as if PostgreSQL were unreachable.
  const flaky = new Proxy(db, {
    get(target, p, receiver) {
      if (p !== 'getExecutor') return Reflect.get(target, p, receiver);
      return () => {
        const executor = target.getExecutor();
        return new Proxy(executor, {
          get: (e, q) => {
            if (q === 'executeQuery' && isDown) return () => Promise.reject(new Error('connection refused (test)'));
            const v: unknown = Reflect.get(e, q);
            // Bound to the real executor: its private fields are not reachable through a proxy.
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(e) : v;
          },
        });
      };
    },
  });
  const list = await newList(flaky);
  expect(list.refusalFor(video, viewerId)).toBe('trashed');
  isDown = true;
  await db.updateTable('videos').set({ trashed_at: null }).where('id', '=', video).execute();
  await expect(list.refresh()).rejects.toThrow('connection refused');
  expect(list.refusalFor(video, viewerId)).toBe('trashed');
  isDown = false;
  await list.refresh();
  expect(list.refusalFor(video, viewerId)).toBeNull();
});
