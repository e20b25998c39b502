// Issue 4, "a worker killed mid-job leads to a retry that starts clean and leaves no orphan files": a real
// worker process (src/worker.ts) is SIGKILLed while ffmpeg transcodes, the watchdog fails its job through
// pg-boss, and a second worker retries it to a ready video. Also: the watchdog's choice of stalled jobs, and
// an abort at shutdown that leaves the video `processing`.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JobShutdownError } from '../../src/jobs/job-queue.js';
import { processVideoJob } from '../../src/videos/process-video.job.js';
import { processVideo, processingWorkDir } from '../../src/videos/processing.js';
import { failStalledProcessing, findStalledProcessingJobs, STALLED_FAILURE } from '../../src/videos/processing-watchdog.js';
import { findVideo } from '../../src/videos/videos.repo.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { spawnLuento, type Spawned } from '../helpers/spawn-luento.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createVideoWithSource, processingDeps, removeWorkRoots } from './processing-fixtures.js';

let ctx: TestContext;
let platform: TestPlatform;
let owner: { ownerId: string; courseId: string };
let scratch: string;
let longClip: string;
const workers: Spawned[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ env: { PATH: process.env.PATH ?? '' } });
  platform = await createTestPlatform(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { platformId: platform.platform.id });
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id });
  owner = { ownerId: user.id, courseId: course.id };
  scratch = await mkdtemp(path.join(os.tmpdir(), 'luento-watchdog-test-'));
  // Long enough (20 s) that ffmpeg is still transcoding when the worker is killed; tiny (320×180) to stay cheap.
  longClip = path.join(scratch, 'long.mp4');
  await promisify(execFile)('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=20',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=20', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '48k', '-shortest', longClip], { timeout: 60_000 });
}, 60_000);
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await removeWorkRoots();
  await rm(scratch, { recursive: true, force: true });
  await platform.close();
  await ctx.close();
});

const exists = (p: string) => stat(p).then(() => true, () => false);
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const jobRow = async (id: string) =>
  (await ctx.deps.pool.query(`SELECT state, output, start_after AS "startAfter" FROM pgboss.job WHERE id = $1`, [id])).rows[0] as { state: string; output: unknown; startAfter: Date };

/** A worker process on this test's database and storage; its temp and work folder (TMPDIR, MEDIA_WORK_DIR) is `tmp`. */
function startWorker(tmp: string): Spawned {
  const w = spawnLuento('worker', {
    NODE_ENV: 'test', DATABASE_URL: ctx.database.url, DATA_DIR: ctx.dataDir, TMPDIR: tmp, MEDIA_WORK_DIR: tmp, PATH: process.env.PATH,
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789', PUBLIC_URL: 'https://luento.test', WORKER_CONCURRENCY: '1', LOG_LEVEL: 'warn',
  });
  workers.push(w);
  return w;
}

/** How many processes have `text` in their command line (Linux /proc). */
async function processesNaming(text: string): Promise<number> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  const lines = await Promise.all(pids.map((p) => readFile(`/proc/${p}/cmdline`, 'utf8').catch(() => '')));
  return lines.filter((l) => l.includes(text)).length;
}

/** Every file below dir, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** Files of a stored HLS folder that no playlist names (a killed attempt's leftovers). */
async function unreferencedHlsFiles(hlsDir: string): Promise<string[]> {
  const files = await filesUnder(hlsDir);
  const named = new Set<string>(['master.m3u8']);
  for (const f of files.filter((n) => n.endsWith('.m3u8'))) {
    const text = await readFile(path.join(hlsDir, f), 'utf8');
    const uris = [...text.matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!).concat(text.split('\n').filter((l) => l && !l.startsWith('#')));
    for (const u of uris) named.add(path.join(path.dirname(f), u.split('?')[0]!));
  }
  return files.filter((f) => !named.has(f));
}

describe('a worker killed mid-transcode', () => {
  it('is failed by the watchdog, retried by pg-boss, and the retry ends ready with no orphan files', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, sourceFile: longClip });
    const jobId = (await ctx.deps.queue.send(processVideoJob, { videoId: video.id }))!;
    const tmp = path.join(scratch, 'worker-tmp');
    const workDir = processingWorkDir(tmp, video.id);
    const first = startWorker(tmp);
    // Killed once the heartbeat shows the attempt running and ffmpeg writes its HLS folder.
    await waitFor('transcoding', async () => {
      if (first.child.exitCode !== null) throw new Error(`worker exited: ${first.stderr()}`);
      const v = await findVideo(ctx.deps.db, video.id);
      return v?.processing_heartbeat_at && (await exists(path.join(workDir, 'hls'))) ? true : undefined;
    }, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    // Its ffmpeg does not outlive it for long (it dies on the closed pipe), so nothing writes into the folder the retry clears.
    await waitFor('the killed worker\'s ffmpeg to end', async () => ((await processesNaming(workDir)) === 0 ? true : undefined), 10_000);
    expect(await exists(path.join(workDir, 'source.mp4'))).toBe(true); // the killed attempt's leftovers
    // As if the killed attempt had got as far as storing a segment.
    await ctx.deps.media.blobStore.put(`videos/${video.id}/hls/v0/orphan.m4s`, { file: longClip });
    expect((await jobRow(jobId)).state).toBe('active');
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'processing' });

    const watchdog = (nowMs: number) => failStalledProcessing({ db: ctx.deps.db, queue: ctx.deps.queue, log: ctx.deps.log, blobStore: ctx.deps.media.blobStore, now: () => new Date(nowMs) }, { stallSeconds: 120 });
    expect(await watchdog(Date.now())).toEqual([]); // the heartbeat is still fresh
    const failed = await watchdog(Date.now() + 121_000);
    expect(failed).toEqual([expect.objectContaining({ jobId, videoId: video.id })]);
    const retried = await jobRow(jobId);
    expect(retried).toMatchObject({ state: 'retry', output: { reason: 'stalled', videoId: video.id } });
    // pg-boss's own backoff (30 s for process-video) applies; the test skips the wait.
    expect(retried.startAfter.getTime()).toBeGreaterThan(Date.now() + 20_000);
    await ctx.deps.pool.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [jobId]);
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'processing' });

    const second = startWorker(tmp);
    await waitFor('ready', async () => ((await findVideo(ctx.deps.db, video.id))?.status === 'ready' ? true : undefined), 45_000);
    second.child.kill('SIGTERM');
    await second.exited;
    expect((await jobRow(jobId)).state).toBe('completed');
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'ready', processing_attempts: 2 });
    expect(await filesUnder(path.join(tmp, 'luento-processing'))).toEqual([]);
    const stored = path.join(ctx.dataDir, 'media', 'videos', video.id);
    expect(await unreferencedHlsFiles(path.join(stored, 'hls'))).toEqual([]);
    expect((await filesUnder(stored)).filter((f) => !/^(source|hls|storyboard)\/|^poster\.jpg$/.test(f))).toEqual([]);
  }, 90_000);
});

describe('the processing heartbeat', () => {
  it('is written on its own timer while the attempt runs, and stops with it', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, sourceFile: longClip });
    const beats = new Set<number>();
    const poll = setInterval(() => void findVideo(ctx.deps.db, video.id).then((v) => v?.processing_heartbeat_at && beats.add(v.processing_heartbeat_at.getTime())), 40);
    const outcome = await processVideo(processingDeps(ctx.deps, path.join(scratch, 'beat-tmp'), { heartbeatIntervalMs: 150 }), video.id, { attempt: 1, isLastAttempt: true }).finally(() => clearInterval(poll));
    expect(outcome).toBe('ready');
    expect(beats.size).toBeGreaterThanOrEqual(3);
    const last = (await ctx.deps.pool.query('SELECT processing_heartbeat_at AS at FROM videos WHERE id = $1', [video.id])).rows[0].at as Date;
    await new Promise((r) => setTimeout(r, 400));
    const later = (await ctx.deps.pool.query('SELECT processing_heartbeat_at AS at FROM videos WHERE id = $1', [video.id])).rows[0].at as Date;
    expect(later.getTime()).toBe(last.getTime());
  }, 40_000);
});

describe('the processing watchdog', () => {
  /** A process-video job that pg-boss sees active, as a worker that took it and died leaves it. */
  async function activeJob(videoId: string, opts: { startedSecondsAgo: number; retryCount?: number }): Promise<string> {
    const id = (await ctx.deps.queue.send(processVideoJob, { videoId }))!;
    await ctx.deps.pool.query(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - make_interval(secs => $2), retry_count = $3 WHERE id = $1`,
      [id, opts.startedSecondsAgo, opts.retryCount ?? 0],
    );
    return id;
  }
  const heartbeat = (videoId: string, secondsAgo: number | null) =>
    ctx.deps.pool.query(`UPDATE videos SET processing_heartbeat_at = CASE WHEN $2::int IS NULL THEN NULL ELSE now() - make_interval(secs => $2) END WHERE id = $1`, [videoId, secondsAgo]);

  it('counts a job with no heartbeat that started long ago as stalled, but not a fresh or beating one', async () => {
    const silentOld = await createVideoWithSource(ctx.deps, owner);
    const silentNew = await createVideoWithSource(ctx.deps, owner);
    const beating = await createVideoWithSource(ctx.deps, owner);
    const staleBeat = await createVideoWithSource(ctx.deps, owner);
    await activeJob(silentOld.id, { startedSecondsAgo: 600 });
    await activeJob(silentNew.id, { startedSecondsAgo: 30 });
    await activeJob(beating.id, { startedSecondsAgo: 600 });
    await heartbeat(beating.id, 10);
    await activeJob(staleBeat.id, { startedSecondsAgo: 600 });
    await heartbeat(staleBeat.id, 300);
    const stalled = await findStalledProcessingJobs(ctx.deps.db, { now: new Date(), stallSeconds: 120 });
    const ids = stalled.map((s) => s.videoId);
    expect(ids).toEqual(expect.arrayContaining([silentOld.id, staleBeat.id]));
    expect(ids).not.toContain(silentNew.id);
    expect(ids).not.toContain(beating.id);
  });

  it('marks the video failed, with the reason, when the stalled job was its last attempt', async () => {
    const video = await createVideoWithSource(ctx.deps, owner);
    const jobId = await activeJob(video.id, { startedSecondsAgo: 600, retryCount: processVideoJob.retry.limit });
    const failed = await failStalledProcessing({ db: ctx.deps.db, queue: ctx.deps.queue, log: ctx.deps.log, blobStore: ctx.deps.media.blobStore, now: () => new Date() }, { stallSeconds: 120 });
    expect(failed.map((f) => f.jobId)).toContain(jobId);
    expect((await jobRow(jobId)).state).toBe('failed');
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'failed', failure_code: STALLED_FAILURE.code, failure_message: STALLED_FAILURE.message });
  });
});

describe('an abort because the worker shuts down', () => {
  it('stops ffmpeg, removes the temp folder, and leaves the video processing even on the last attempt', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, sourceFile: longClip });
    const workRoot = path.join(scratch, 'abort-tmp');
    const controller = new AbortController();
    const hlsDir = path.join(processingWorkDir(workRoot, video.id), 'hls');
    const watcher = setInterval(() => void exists(hlsDir).then((yes) => yes && controller.abort(new JobShutdownError())), 50);
    const started = Date.now();
    const attempt = processVideo(processingDeps(ctx.deps, workRoot), video.id, { attempt: 3, isLastAttempt: true, signal: controller.signal }).finally(() => clearInterval(watcher));
    await expect(attempt).rejects.toBeDefined();
    expect(controller.signal.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'processing', failure_code: null });
    expect(await filesUnder(path.join(workRoot, 'luento-processing'))).toEqual([]);
    expect((await ctx.deps.media.blobStore.list(`videos/${video.id}/hls/`)).length).toBe(0);
  }, 40_000);
  it('queues a fresh job when the cut-off attempt was the last one, so the video is not stranded', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, sourceFile: longClip });
    const controller = new AbortController();
    controller.abort(new JobShutdownError());
    const lastAttempt = processVideoJob.retry.limit + 1;
    await expect(processVideoJob.run({ videoId: video.id }, ctx.deps.workerContext, { jobId: 'x', attempt: lastAttempt, signal: controller.signal })).rejects.toBeDefined();
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'processing' });
    const queued = await ctx.deps.pool.query(`SELECT start_after > now() AS "isLater" FROM pgboss.job WHERE name = 'process-video' AND data->>'videoId' = $1`, [video.id]);
    expect(queued.rows).toEqual([{ isLater: true }]);
  });
});
