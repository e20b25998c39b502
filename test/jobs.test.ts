import { z } from 'zod';
import { defineJob } from '../src/jobs/define-job.js';
import { createJobQueue, JobShutdownError, type JobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.js';

const log = createLogger('silent');

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}

describe('job queue (pg-boss on the app database)', () => {
  let database: TestDatabase;
  let queue: JobQueue | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await queue?.stop({ timeoutMs: 3000 });
    queue = undefined;
    await database.drop();
  });

  function start(jobs: Parameters<typeof createJobQueue>[0]['jobs']) {
    queue = createJobQueue({ connectionString: database.url, jobs, log });
    return queue;
  }
  // These test jobs use no media or video services, so the context carries only what they touch.
  const ctx = () => ({ db: database.db, log, queue: queue!, now: () => new Date() }) as unknown as WorkerContext;

  it('retries a failing job with backoff until it succeeds', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    const flaky = defineJob({
      name: 'flaky',
      payload: z.object({ id: z.string() }),
      retry: { limit: 3, delaySeconds: 1, backoff: true },
      async run(_p, _c, info) {
        attempts.push({ attempt: info.attempt, at: Date.now() });
        if (info.attempt < 3) throw new Error(`attempt ${info.attempt} fails`);
      },
    });
    const q = start([flaky]);
    await q.start();
    await q.startWorkers(ctx(), { concurrency: 1, pollingIntervalSeconds: 0.5 });
    await q.send(flaky, { id: 'a' });
    await waitFor(() => (attempts.length >= 3 ? true : undefined), 25000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Backoff: the second wait is longer than the first.
    const gap1 = attempts[1]!.at - attempts[0]!.at;
    const gap2 = attempts[2]!.at - attempts[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(900);
    expect(gap2).toBeGreaterThan(gap1);
    expect(await q.failedJobs()).toEqual([]);
  }, 40000);

  it('keeps a job that exhausted its retries visible as failed, with its error', async () => {
    const doomed = defineJob({
      name: 'doomed',
      payload: z.object({}),
      retry: { limit: 0, delaySeconds: 1, backoff: false },
      async run() {
        throw new Error('the source file is gone');
      },
    });
    const q = start([doomed]);
    await q.start();
    await q.startWorkers(ctx(), { concurrency: 1, pollingIntervalSeconds: 0.5 });
    const id = await q.send(doomed, {});
    const failed = await waitFor(async () => (await q.failedJobs()).find((j) => j.id === id));
    expect(failed.name).toBe('doomed');
    expect(JSON.stringify(failed.output)).toContain('the source file is gone');
  }, 30000);

  it('refuses a payload that does not match the job schema before it is queued', async () => {
    const typed = defineJob({ name: 'typed', payload: z.object({ videoId: z.uuid() }), retry: { limit: 0, delaySeconds: 1, backoff: false }, async run() {} });
    const q = start([typed]);
    await q.start();
    await expect(q.send(typed, { videoId: 'not-a-uuid' })).rejects.toThrow();
  });

  it('lets a running job finish when the queue stops gracefully', async () => {
    const done: string[] = [];
    let started = false;
    const slow = defineJob({
      name: 'slow',
      payload: z.object({}),
      retry: { limit: 0, delaySeconds: 1, backoff: false },
      async run() {
        started = true;
        await new Promise((r) => setTimeout(r, 1500));
        done.push('finished');
      },
    });
    const q = start([slow]);
    await q.start();
    await q.startWorkers(ctx(), { concurrency: 1, pollingIntervalSeconds: 0.5 });
    await q.send(slow, {});
    await waitFor(() => (started ? true : undefined));
    await q.stop({ timeoutMs: 10000 });
    queue = undefined;
    expect(done).toEqual(['finished']);
  }, 30000);

  it('aborts a job still running shortly before the stop timeout, and leaves it to be retried', async () => {
    let started = false;
    let abortedAfterMs: number | undefined;
    let reason: unknown;
    const endless = defineJob({
      name: 'endless',
      payload: z.object({}),
      retry: { limit: 2, delaySeconds: 60, backoff: false },
      async run(_p, _c, info) {
        started = true;
        const t0 = Date.now();
        await new Promise<void>((resolve) => info.signal.addEventListener('abort', () => resolve(), { once: true }));
        abortedAfterMs = Date.now() - t0;
        reason = info.signal.reason;
        throw info.signal.reason;
      },
    });
    const q = start([endless]);
    await q.start();
    await q.startWorkers(ctx(), { concurrency: 1, pollingIntervalSeconds: 0.5 });
    const id = await q.send(endless, {});
    await waitFor(() => (started ? true : undefined));
    const t0 = Date.now();
    await q.stop({ timeoutMs: 3000 });
    queue = undefined;
    expect(Date.now() - t0).toBeLessThan(3500);
    expect(reason).toBeInstanceOf(JobShutdownError);
    // Aborted before the timeout (3000 ms less a third), not at once: a quick job would have had time to finish.
    expect(abortedAfterMs).toBeGreaterThanOrEqual(1800);
    expect(abortedAfterMs).toBeLessThan(3000);
    const row = await database.pool.query('SELECT state, output FROM pgboss.job WHERE id = $1', [id]);
    expect(row.rows[0]).toMatchObject({ state: 'retry' });
    expect(JSON.stringify(row.rows[0].output)).toContain('shutting down');
  }, 30000);

  it('fails an active job on request (failJob), so it is retried with the queue backoff', async () => {
    let runs = 0;
    const stuck = defineJob({
      name: 'stuck',
      payload: z.object({}),
      retry: { limit: 1, delaySeconds: 30, backoff: false },
      async run(_p, _c, info) {
        runs++;
        await new Promise<void>((resolve) => info.signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    });
    const q = start([stuck]);
    await q.start();
    await q.startWorkers(ctx(), { concurrency: 1, pollingIntervalSeconds: 0.5 });
    const id = (await q.send(stuck, {}))!;
    await waitFor(() => (runs > 0 ? true : undefined));
    expect(await q.failJob('stuck', id, { reason: 'stalled' })).toBe(true);
    const row = await database.pool.query(`SELECT state, output, start_after > now() + interval '20 seconds' AS "isBackedOff" FROM pgboss.job WHERE id = $1`, [id]);
    expect(row.rows[0]).toMatchObject({ state: 'retry', output: { reason: 'stalled' }, isBackedOff: true });
    // A job that is no longer open is left alone.
    await database.pool.query(`UPDATE pgboss.job SET state = 'completed' WHERE id = $1`, [id]);
    expect(await q.failJob('stuck', id, { reason: 'stalled' })).toBe(false);
  }, 30000);

  it('registers scheduled jobs once in the database, however many processes start', async () => {
    const sweep = defineJob({ name: 'nightly', payload: z.object({}), retry: { limit: 0, delaySeconds: 1, backoff: false }, schedule: '0 3 * * *', async run() {} });
    const q = start([sweep]);
    await q.start();
    const second = createJobQueue({ connectionString: database.url, jobs: [sweep], log });
    await second.start();
    await second.stop({ timeoutMs: 2000 });
    const rows = await database.pool.query("SELECT name, cron FROM pgboss.schedule WHERE name = 'nightly'");
    expect(rows.rows).toEqual([{ name: 'nightly', cron: '0 3 * * *' }]);
  });
});
