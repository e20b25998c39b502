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
  /**
   * Fails a job that is created, retrying or active (e.g. one whose worker was killed), so pg-boss retries it
   * with its normal backoff, or keeps it failed when its retries are used up. `reason` is stored as its output.
   * Resolves true when the job was still open and is now failed.
   */
  failJob(name: string, id: string, reason: Record<string, unknown>): Promise<boolean>;
};

/** The reason a running job's AbortSignal carries when the queue stops: the job is retried later, not failed for good. */
export class JobShutdownError extends Error {
  readonly code = 'job_shutdown';
  constructor() {
    super('The worker is shutting down; the job will be retried.');
    this.name = 'JobShutdownError';
  }
}

/** True when a job's signal was aborted because its worker is shutting down. */
export const isShutdownAbort = (signal: AbortSignal | undefined): boolean => signal?.aborted === true && signal.reason instanceof JobShutdownError;

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
  // The AbortControllers of the handlers running in this process, aborted shortly before stop() times out.
  const inFlight = new Set<AbortController>();
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));

  async function runOne(def: JobDefinition, job: PgBoss.JobWithMetadata<unknown>, ctx: WorkerContext): Promise<void> {
    const log = ctx.log.child({ job: def.name, jobId: job.id, attempt: job.retryCount + 1 });
    const controller = new AbortController();
    const started = Date.now();
    inFlight.add(controller);
    try {
      const payload: unknown = def.payload.parse(job.data);
      await def.run(payload, { ...ctx, log }, { jobId: job.id, attempt: job.retryCount + 1, signal: controller.signal });
      opts.metrics?.jobsTotal.inc({ name: def.name, outcome: 'completed' });
      log.info({ ms: Date.now() - started }, 'job completed');
    } catch (err) {
      opts.metrics?.jobsTotal.inc({ name: def.name, outcome: 'failed' });
      log.error({ err, ms: Date.now() - started, willRetry: job.retryCount < job.retryLimit }, 'job failed');
      throw err;
    } finally {
      inFlight.delete(controller);
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
      // graceful: in-flight handlers finish (up to the timeout) before the pool closes. Shortly before the
      // timeout, their signals abort, so a long job (ffmpeg) stops, cleans up and fails with a retry while
      // the pool is still open, instead of being cut off and left for pg-boss's expiry.
      const abortAt = Math.max(0, timeoutMs - Math.min(5000, Math.floor(timeoutMs / 3)));
      const timer = setTimeout(() => {
        if (inFlight.size > 0) opts.log.warn({ jobs: inFlight.size }, 'shutting down: aborting jobs still running');
        for (const c of inFlight) c.abort(new JobShutdownError());
      }, abortAt);
      try {
        await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
      } finally {
        clearTimeout(timer);
      }
    },
    async failJob(name, id, reason) {
      // pg-boss 10's types say fail() resolves void; at run time it resolves { affected } (manager.js).
      const res = (await boss.fail(name, id, reason)) as unknown as { affected?: number } | undefined;
      return (res?.affected ?? 0) > 0;
    },
    isRunning: () => running,
    async failedJobs(limit = 100) {
      // Before start() pg-boss has no connection to read with; the readiness check reports that case.
      if (!running) return [];
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
