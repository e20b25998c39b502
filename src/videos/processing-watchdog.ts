// Finds process-video jobs whose worker died (killed, out of memory, machine lost): pg-boss still sees
// them `active` until their 6 h expiry, but the video's heartbeat went stale. Failing such a job through
// pg-boss lets it retry with its normal backoff, and the retry starts clean (processing.ts removes the
// earlier attempt's stored outputs and, on the same machine, its temp folder). A job whose retries are
// used up cannot be retried: its video becomes `failed` with the reason, since no worker will do it.
import { sql } from 'kysely';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import type { Db } from '../db/database.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { processVideoJob } from './process-video.job.js';
import { clearOutputs } from './processing-outputs.js';
import { transitionVideo } from './videos.repo.js';

export type StalledJob = { jobId: string; videoId: string; retryCount: number; retryLimit: number; startedOn: Date; heartbeatAt: Date | null };
export type WatchdogDeps = { db: Db; queue: JobSender; log: Logger; blobStore: BlobStore; now: () => Date };

export const STALLED_FAILURE = {
  code: 'processing_stalled',
  message: 'The conversion stopped several times without finishing (the server doing it stopped). Press Retry; if it fails again, contact support.',
};

/** Active process-video jobs of processing videos with no sign of life since the cutoff. */
export async function findStalledProcessingJobs(db: Db, opts: { now: Date; stallSeconds: number; limit?: number }): Promise<StalledJob[]> {
  const cutoff = new Date(opts.now.getTime() - opts.stallSeconds * 1000);
  // GREATEST ignores NULL: a job with no heartbeat yet is judged by when it started, and a heartbeat left
  // by an earlier attempt never makes a new attempt look stalled.
  const res = await sql<StalledJob>`
    SELECT j.id::text AS "jobId", v.id::text AS "videoId", j.retry_count AS "retryCount", j.retry_limit AS "retryLimit",
           j.started_on AS "startedOn", v.processing_heartbeat_at AS "heartbeatAt"
      FROM pgboss.job j JOIN videos v ON v.id::text = j.data->>'videoId'
     WHERE j.name = ${processVideoJob.name} AND j.state = 'active' AND v.status = 'processing'
       AND GREATEST(v.processing_heartbeat_at, j.started_on) < ${cutoff}
     ORDER BY j.started_on
     LIMIT ${opts.limit ?? 100}`.execute(db);
  return res.rows;
}

async function failOne(deps: WatchdogDeps, job: StalledJob, stallSeconds: number): Promise<boolean> {
  const lastSign = job.heartbeatAt && job.heartbeatAt > job.startedOn ? job.heartbeatAt : job.startedOn;
  const reason = { reason: 'stalled', detail: `no heartbeat for over ${stallSeconds} s: the worker stopped`, lastSignOfLife: lastSign.toISOString(), videoId: job.videoId };
  const isFailed = await deps.queue.failJob(processVideoJob.name, job.jobId, reason);
  if (!isFailed) return false; // finished or failed meanwhile
  const willRetry = job.retryCount < job.retryLimit;
  deps.log.warn({ jobId: job.jobId, videoId: job.videoId, lastSignOfLife: lastSign, attempt: job.retryCount + 1, willRetry }, 'process-video job stalled: failed it so that it is retried');
  if (!willRetry) {
    await clearOutputs(deps.blobStore, job.videoId);
    await transitionVideo(deps.db, job.videoId, 'processing', 'failed', { failure_code: STALLED_FAILURE.code, failure_message: STALLED_FAILURE.message, processing_percent: 0 });
  }
  return true;
}

/** Fails every stalled process-video job; returns those it failed. One failure does not stop the others. */
export async function failStalledProcessing(deps: WatchdogDeps, opts: { stallSeconds: number }): Promise<StalledJob[]> {
  const stalled = await findStalledProcessingJobs(deps.db, { now: deps.now(), stallSeconds: opts.stallSeconds });
  const failed: StalledJob[] = [];
  for (const job of stalled) {
    try {
      if (await failOne(deps, job, opts.stallSeconds)) failed.push(job);
    } catch (err) {
      deps.log.error({ err, jobId: job.jobId, videoId: job.videoId }, 'could not fail a stalled process-video job');
    }
  }
  return failed;
}
