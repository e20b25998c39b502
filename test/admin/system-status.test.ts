// The admin page's system status: media tools, storage, mail and background jobs that failed for good.
import { z } from 'zod';
import { defineJob } from '../../src/jobs/define-job.js';
import { createJobQueue } from '../../src/jobs/job-queue.js';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';

describe('system status on /admin', () => {
  let ctx: LtiTestContext;
  afterEach(() => ctx?.close());

  it('shows the ffmpeg in use, local storage, mail off, and a job that failed after its retries', async () => {
    ctx = await createLtiTestContext();
    const doomed = defineJob({ name: 'doomed-for-admin', payload: z.object({}), retry: { limit: 0, delaySeconds: 1, backoff: false }, async run() {
      throw new Error('the source file is gone');
    } });
    const queue = createJobQueue({ connectionString: ctx.database.url, jobs: [doomed], log: ctx.deps.log });
    await queue.start();
    await queue.startWorkers(ctx.deps.workerContext, { concurrency: 1, pollingIntervalSeconds: 0.5 });
    await queue.send(doomed, {});
    for (let i = 0; i < 100 && (await queue.failedJobs()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await queue.stop({ timeoutMs: 2000 });
    await ctx.deps.queue.start(); // the app's own queue reads the failed jobs

    const admin = await launchAs(ctx, 'admin', { cookies: false });
    const page = await admin.get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-testid="media-tools">[^<]*\d+\.\d+/);
    expect(page.text).toContain('local disk:');
    expect(page.text).toContain('SMTP_HOST');
    expect(page.text).toContain('doomed-for-admin');
    expect(page.text).toContain('the source file is gone');
  }, 30000);

  it('says plainly when ffmpeg is missing', async () => {
    ctx = await createLtiTestContext({ env: { FFMPEG_PATH: '/nonexistent/ffmpeg' } });
    const admin = await launchAs(ctx, 'admin', { cookies: false });
    const page = await admin.get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-testid="media-tools" class="error-detail">[^<]*uploads cannot be processed/);
    expect(page.text).toContain('/nonexistent/ffmpeg');
  });
});
