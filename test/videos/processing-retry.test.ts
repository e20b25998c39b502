// POST /videos/:id/retry: the authorization matrix, the refusals, and a retry that the real queue and
// worker carry through to a ready video.
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { findVideo, type Video } from '../../src/videos/videos.repo.js';
import { createVideoWithSource, removeWorkRoots } from './processing-fixtures.js';
import { clientFor, everyone, launchEveryone, type Clients, type Who } from './watch-clients.js';

let ctx: LtiTestContext;
let clients: Clients;
let owner: { ownerId: string; courseId: string };

beforeAll(async () => {
  ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '' } });
  await ctx.deps.queue.start();
  const l = await launchEveryone(ctx);
  clients = l.clients;
  owner = { ownerId: l.instructorId, courseId: l.courseId };
});
afterAll(async () => {
  await ctx.close();
  await removeWorkRoots();
});

const failedVideo = async (fixture: 'audioOnly' | 'clip360' = 'audioOnly'): Promise<Video> => {
  const v = await createVideoWithSource(ctx.deps, { ...owner, fixture, status: 'failed' });
  await ctx.deps.db.updateTable('videos').set({ failure_code: 'transcode_failed', failure_message: 'It broke.' }).where('id', '=', v.id).execute();
  return v;
};
const retry = (who: Who, v: Video) => clientFor(ctx, clients, who).post(`/videos/${v.id}/retry`).set('Accept', 'application/json').type('form').send({});
const queuedJobs = async (videoId: string) =>
  Number((await ctx.deps.pool.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'process-video' AND data->>'videoId' = $1`, [videoId])).rows[0].n);

describe('POST /videos/:id/retry', () => {
  const matrix: Record<Who, number> = { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 303, instructorElsewhere: 403, admin: 303 };
  it.each(everyone)('for %s', async (who) => {
    const v = await failedVideo();
    const res = await retry(who, v);
    expect(res.status).toBe(matrix[who]);
    const after = await findVideo(ctx.deps.db, v.id);
    if (res.status === 303) {
      expect(after).toMatchObject({ status: 'processing', failure_code: null, failure_message: null, processing_percent: 0 });
      expect(await queuedJobs(v.id)).toBe(1);
    } else {
      expect(after).toMatchObject({ status: 'failed', failure_message: 'It broke.' });
      expect(await queuedJobs(v.id)).toBe(0);
    }
  });

  it('refuses a video that has not failed (409)', async () => {
    const v = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'audioOnly', status: 'ready' });
    const res = await retry('instructorHere', v);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_failed');
  });

  it('refuses when the rejected source was removed, saying to upload again (409)', async () => {
    const v = await createVideoWithSource(ctx.deps, { ...owner, status: 'failed' });
    const res = await retry('instructorHere', v);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Upload the video again/);
    expect(await findVideo(ctx.deps.db, v.id)).toMatchObject({ status: 'failed' });
  });

  it('shows the retry button in the library for a failed video', async () => {
    const v = await failedVideo();
    const res = await clients.instructorHere.get(`/courses/${owner.courseId}/videos`);
    expect(res.text).toContain(`action="/videos/${v.id}/retry`);
    const learner = await clients.learnerHere.get(`/courses/${owner.courseId}/videos`);
    expect(learner.text).not.toContain('/retry');
  });

  it('is carried through by the real queue and worker to a ready video', async () => {
    const v = await failedVideo('clip360');
    expect((await retry('instructorHere', v)).status).toBe(303);
    await ctx.deps.queue.startWorkers(ctx.deps.workerContext, { concurrency: 1, pollingIntervalSeconds: 0.5 });
    const deadline = Date.now() + 60_000;
    let status = 'processing';
    while (Date.now() < deadline && status !== 'ready') {
      await new Promise((r) => setTimeout(r, 250));
      status = (await findVideo(ctx.deps.db, v.id))?.status ?? 'gone';
    }
    expect(await findVideo(ctx.deps.db, v.id)).toMatchObject({ status: 'ready', processing_percent: 100 });
  }, 90_000);
});
