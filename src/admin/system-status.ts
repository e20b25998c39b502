// What an operator needs to see at a glance: whether media processing can run, where media is stored,
// whether mail goes out, and which background jobs failed for good.
import type { Config } from '../config.js';
import type { FailedJob, JobQueue } from '../jobs/job-queue.js';
import type { MediaDeps } from '../media-deps.js';

export type SystemStatusDeps = { media: MediaDeps; queue: Pick<JobQueue, 'failedJobs'>; config: Config };

export type SystemStatus = {
  mediaTools: { ok: true; ffmpegPath: string; ffmpegVersion: string } | { ok: false; problem: string };
  storage: string;
  mail: string | undefined;
  failedJobs: Array<{ id: string; name: string; attempts: number; at: Date | null; reason: string }>;
};

function reasonOf(job: FailedJob): string {
  const out = job.output as { message?: unknown } | null;
  return typeof out?.message === 'string' ? out.message : JSON.stringify(job.output ?? null).slice(0, 300);
}

export async function readSystemStatus(deps: SystemStatusDeps): Promise<SystemStatus> {
  const tools = deps.media.transcoder.describe();
  const storage = deps.config.media.storage;
  return {
    mediaTools: deps.media.mediaToolsProblem ? { ok: false, problem: deps.media.mediaToolsProblem } : { ok: true, ffmpegPath: tools.ffmpegPath, ffmpegVersion: tools.ffmpegVersion },
    storage: storage.driver === 's3' ? `S3: ${storage.endpoint ?? 'AWS'} / ${storage.bucket}` : `local disk: ${storage.root}`,
    mail: deps.config.media.mail.host,
    failedJobs: (await deps.queue.failedJobs(50)).map((j) => ({ id: j.id, name: j.name, attempts: j.retryCount + 1, at: j.completedOn, reason: reasonOf(j) })),
  };
}
