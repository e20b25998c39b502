// The shared caption data layer on real PostgreSQL: versions, current version, review reset.
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { findTrack, listTracks, listVersions, readCurrentVtt, saveCaptionVersion, setTrackReviewed } from '../../src/captions/captions.repo.js';
import { createCourse, createTestPlatform, createUser } from '../helpers/factories.js';
import { createVideo } from '../helpers/video-factory.js';

let ctx: TestContext;
let createVideoRow: () => ReturnType<typeof createVideo>;
let platformClose: () => Promise<unknown>;
beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false });
  const p = await createTestPlatform(ctx.database.db);
  platformClose = p.jwks.close;
  const owner = await createUser(ctx.database.db, { platformId: p.platform.id });
  const course = await createCourse(ctx.database.db, { platformId: p.platform.id });
  createVideoRow = () => createVideo(ctx.database.db, { ownerId: owner.id, courseId: course.id, language: 'en' });
});
afterAll(async () => {
  await platformClose();
  await ctx.close();
});

const vtt = (text: string) => `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${text}\n`;

test('saving creates the track, each save adds a version, and a new version clears the review', async () => {
  const video = await createVideoRow();
  const now = new Date('2026-11-01T10:00:00Z');
  const first = await saveCaptionVersion(ctx.database.db, { videoId: video.id, language: 'en', source: 'asr', vtt: vtt('one'), cueCount: 1, userId: null, now });
  expect(first.version).toBe(1);
  await setTrackReviewed(ctx.database.db, { trackId: first.trackId, userId: video.owner_id, now });
  expect((await findTrack(ctx.database.db, video.id, 'en'))?.reviewedBy).toBe(video.owner_id);
  const second = await saveCaptionVersion(ctx.database.db, { videoId: video.id, language: 'en', source: 'edited', vtt: vtt('two'), cueCount: 1, userId: video.owner_id, now });
  expect(second).toEqual({ trackId: first.trackId, version: 2 });
  const track = await findTrack(ctx.database.db, video.id, 'en');
  expect(track).toMatchObject({ source: 'edited', currentVersion: 2, reviewedBy: null });
  expect(await readCurrentVtt(ctx.database.db, first.trackId)).toContain('two');
  expect((await listVersions(ctx.database.db, first.trackId)).map((v) => v.version)).toEqual([2, 1]);
  expect(await listTracks(ctx.database.db, video.id)).toHaveLength(1);
});

test('concurrent saves get distinct version numbers', async () => {
  const video = await createVideoRow();
  const now = new Date();
  const saves = await Promise.all(
    [1, 2, 3, 4].map((n) => saveCaptionVersion(ctx.database.db, { videoId: video.id, language: 'fi', source: 'edited', vtt: vtt(`v${n}`), cueCount: 1, userId: null, now })),
  );
  expect(saves.map((s) => s.version).sort()).toEqual([1, 2, 3, 4]);
});
