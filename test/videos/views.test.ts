// POST /videos/:id/views: the authorization matrix, upserts, clamping, qualification, last_viewed_at.
import { randomUUID } from 'node:crypto';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { findVideo, type Video } from '../../src/videos/videos.repo.js';
import { findView } from '../../src/videos/views.repo.js';
import { createPublishedVideo, removeWorkRoots } from './processing-fixtures.js';
import { clientFor, everyone, launchEveryone, type Clients, type Who } from './watch-clients.js';

let ctx: LtiTestContext;
let clients: Clients;
let video: Video;
let unpublished: Video;

beforeAll(async () => {
  ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '' } });
  const l = await launchEveryone(ctx);
  clients = l.clients;
  video = await createPublishedVideo(ctx.deps, { ownerId: l.instructorId, courseId: l.courseId });
  unpublished = await createPublishedVideo(ctx.deps, { ownerId: l.instructorId, courseId: l.courseId, fixture: 'audioOnly', publish: false });
  // Published long ago and never watched since: a qualifying view must move last_viewed_at.
  await ctx.deps.db.updateTable('videos').set({ last_viewed_at: new Date('2025-01-01T00:00:00Z') }).where('id', '=', video.id).execute();
});
afterAll(async () => {
  await ctx.close();
  await removeWorkRoots();
});

type Report = { event?: string; viewId?: string; videoId?: string; position?: number; watchedSeconds?: number; duration?: number | null };
const report = (who: Who, v: Video, body: Report) =>
  clientFor(ctx, clients, who)
    .post(`/videos/${v.id}/views`)
    .set('Accept', 'application/json')
    .send({ event: 'progress', viewId: randomUUID(), videoId: v.id, position: 1, watchedSeconds: 1, duration: 6, ...body });

describe('POST /videos/:id/views', () => {
  const matrix: Record<Who, number> = { anonymous: 401, learnerHere: 200, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 };
  it.each(everyone)('on a published video, for %s', async (who) => {
    expect((await report(who, video, { event: 'start' })).status).toBe(matrix[who]);
  });

  const unpublishedMatrix: Record<Who, number> = { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 };
  it.each(everyone)('on an unpublished video, for %s', async (who) => {
    expect((await report(who, unpublished, { event: 'start' })).status).toBe(unpublishedMatrix[who]);
  });

  it('records start, progress and end in one row; a learner’s view qualifies past 5 s and keeps the video alive', async () => {
    const viewId = randomUUID();
    const before = (await findVideo(ctx.deps.db, video.id))?.last_viewed_at;
    expect((await report('learnerHere', video, { event: 'start', viewId, position: 0, watchedSeconds: 0 })).body).toEqual({ watchedSeconds: 0, isQualifying: false });
    expect((await report('learnerHere', video, { viewId, position: 3, watchedSeconds: 3 })).body).toEqual({ watchedSeconds: 3, isQualifying: false });
    expect((await findVideo(ctx.deps.db, video.id))?.last_viewed_at).toEqual(before);
    expect((await report('learnerHere', video, { viewId, position: 5.5, watchedSeconds: 5.5 })).body).toEqual({ watchedSeconds: 5.5, isQualifying: true });
    const end = await report('learnerHere', video, { event: 'end', viewId, position: 6, watchedSeconds: 6 });
    expect(end.body).toEqual({ watchedSeconds: 6, isQualifying: true });
    const row = await findView(ctx.deps.db, viewId);
    expect(row).toMatchObject({ video_id: video.id, course_id: clients.learnerHere.courseId, position_seconds: 6, watched_seconds: 6, is_qualifying: true });
    expect(row?.ended_at).toBeInstanceOf(Date);
    const after = (await findVideo(ctx.deps.db, video.id))?.last_viewed_at;
    expect(after?.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });

  it('never lets watched seconds shrink, and clamps absurd values to the duration', async () => {
    const viewId = randomUUID();
    await report('learnerHere', video, { viewId, watchedSeconds: 4 });
    expect((await report('learnerHere', video, { viewId, watchedSeconds: 2 })).body.watchedSeconds).toBe(4);
    const absurd = await report('learnerHere', video, { viewId, watchedSeconds: 50000, position: 90000 });
    expect(absurd.status).toBe(200);
    expect(absurd.body.watchedSeconds).toBeCloseTo(video.duration_seconds ?? 6, 3);
    expect((await findView(ctx.deps.db, viewId))?.position_seconds).toBeCloseTo(video.duration_seconds ?? 6, 3);
  });

  it('does not let a view claim more than could have played since it started', async () => {
    const long = await createPublishedVideo(ctx.deps, { ownerId: (await findVideo(ctx.deps.db, video.id))?.owner_id ?? '', courseId: clients.learnerHere.courseId });
    await ctx.deps.db.updateTable('videos').set({ duration_seconds: 3600 }).where('id', '=', long.id).execute();
    const res = await report('learnerHere', long, { event: 'start', watchedSeconds: 3000, duration: 3600 });
    expect(res.body.watchedSeconds).toBeLessThanOrEqual(15);
  });

  it.each([
    ['the owner', 'instructorHere'],
    ['a site admin previewing', 'admin'],
  ] as const)('does not count a view by %s', async (_n, who) => {
    const before = (await findVideo(ctx.deps.db, video.id))?.last_viewed_at;
    const res = await report(who, video, { watchedSeconds: 6 });
    expect(res.body).toEqual({ watchedSeconds: 6, isQualifying: false });
    expect((await findVideo(ctx.deps.db, video.id))?.last_viewed_at).toEqual(before);
  });

  it('refuses to continue somebody else’s view (403), changing nothing', async () => {
    const viewId = randomUUID();
    await report('learnerHere', video, { viewId, watchedSeconds: 2 });
    const res = await report('admin', video, { viewId, watchedSeconds: 6 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('view_not_yours');
    expect((await findView(ctx.deps.db, viewId))?.watched_seconds).toBe(2);
  });

  it.each([
    ['a negative number', { watchedSeconds: -1 }, 'validation_failed'],
    ['an unknown event', { event: 'pause' }, 'validation_failed'],
    ['a view id that is not a uuid', { viewId: 'abc' }, 'validation_failed'],
    ['another video in the body', { videoId: '00000000-0000-4000-8000-000000000000' }, 'view_video_mismatch'],
  ])('answers %s with 400 and records nothing', async (_n, body, code) => {
    const viewId = randomUUID();
    const res = await report('learnerHere', video, { viewId, ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await findView(ctx.deps.db, viewId)).toBeUndefined();
  });

  it('reads only JSON (a cross-site form cannot post a view)', async () => {
    const res = await clients.learnerHere.post(`/videos/${video.id}/views`).set('Accept', 'application/json').type('form').send({ event: 'start' });
    expect(res.status).toBe(400);
  });
});
