// pg-boss on the application's own PostgreSQL: no other server to run, and workers on any machine.
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Metrics } from '../http/metrics.js';
import type { JobDefinition } from './define-job.js';
import type { WorkerContext } from './worker-context.js';

export type SendOptions = { startAfter?: Date; singletonKey?: string };

export type JobSender = {
  send<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, opts?: SendOptions): Promise<string | null>;
};

export type FailedJob = { id: string; name: string; retryCount: number; output: unknown; completedOn: Date | null };

export type JobQueue = JobSender & {
  start(): Promise<void>;
  startWorkers(ctx: WorkerContext, opts: { concurrency: number; pollingIntervalSeconds?: number }): Promise<void>;
  stop(opts: { timeoutMs: number }): Promise<void>;
  isRunning(): boolean;
  failedJobs(limit?: number): Promise<FailedJob[]>;
};

export function createJobQueue(opts: { connectionString: string; jobs: readonly JobDefinition[]; log: Logger; metrics?: Metrics }): JobQueue {
  const boss = new PgBoss({ connectionString: opts.connectionString, max: 4, application_name: 'luento-jobs' });
  const byName = new Map(opts.jobs.map((j) => [j.name, j]));
  let running = false;
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));

  async function runOne(def: JobDefinition, job: PgBoss.JobWithMetadata<unknown>, ctx: WorkerContext): Promise<void> {
    const log = ctx.log.child({ job: def.name, jobId: job.id, attempt: job.retryCount + 1 });
    const controller = new AbortController();
    const started = Date.now();
    try {
      const payload: unknown = def.payload.parse(job.data);
      await def.run(payload, { ...ctx, log }, { jobId: job.id, attempt: job.retryCount + 1, signal: controller.signal });
      opts.metrics?.jobsTotal.inc({ name: def.name, outcome: 'completed' });
      log.info({ ms: Date.now() - started }, 'job completed');
    } catch (err) {
      opts.metrics?.jobsTotal.inc({ name: def.name, outcome: 'failed' });
      log.error({ err, ms: Date.now() - started, willRetry: job.retryCount < job.retryLimit }, 'job failed');
      throw err;
    }
  }

  return {
    async start() {
      await boss.start();
      for (const def of opts.jobs) {
        await boss.createQueue(def.name, {
          name: def.name,
          retryLimit: def.retry.limit,
          retryDelay: def.retry.delaySeconds,
          retryBackoff: def.retry.backoff,
          expireInSeconds: def.expireInSeconds ?? 15 * 60,
        });
        // pg-boss keeps one schedule per queue in the database, so many processes scheduling is harmless.
        if (def.schedule) await boss.schedule(def.name, def.schedule, {}, { tz: 'UTC' });
      }
      running = true;
    },
    async startWorkers(ctx, { concurrency, pollingIntervalSeconds = 2 }) {
      for (const def of opts.jobs) {
        for (let i = 0; i < concurrency; i++) {
          await boss.work(def.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
            if (job) await runOne(def, job as PgBoss.JobWithMetadata<unknown>, ctx);
          });
        }
      }
      opts.log.info({ jobs: opts.jobs.map((j) => j.name), concurrency }, 'workers started');
    },
    async send(job, payload, sendOpts) {
      if (!byName.has(job.name)) throw new Error(`Job ${job.name} is not in the registry`);
      const data = job.payload.parse(payload) as object;
      return boss.send(job.name, data, { startAfter: sendOpts?.startAfter, singletonKey: sendOpts?.singletonKey });
    },
    async stop({ timeoutMs }) {
      if (!running) return;
      running = false;
      // graceful: in-flight handlers finish (up to the timeout) before the pool closes.
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
    },
    isRunning: () => running,
    async failedJobs(limit = 100) {
      const db = boss.getDb() as { executeSql: (sql: string, v: unknown[]) => Promise<{ rows: FailedJob[] }> };
      const res = await db.executeSql(
        `SELECT id, name, retry_count AS "retryCount", output, completed_on AS "completedOn"
           FROM pgboss.job WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
        [limit],
      );
      return res.rows;
    },
  };
}
