// The process-video pipeline: source → probe → plan → one-pass HLS ladder → poster → storyboard →
// storage → ready. It owns one temp folder per video (a retry on this machine removes a killed
// attempt's) and clears a previous attempt's stored outputs first, so a retry starts clean and leaves
// no orphans. Bad media is the uploader's problem: the video fails with the reason, the source is
// deleted, and the job completes (no retry can fix a file). While it runs it writes a heartbeat, so the
// watchdog can fail (and so retry) the job of a killed worker within minutes; an abort because the worker
// is shutting down is not the video's failure: it stays `processing` and the job is retried.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { MASTER_PLAYLIST } from '../adapters/transcoder/hls-args.js';
import { MediaRejectedError } from '../adapters/transcoder/media-errors.js';
import { planRenditions, type RenditionPlan } from '../adapters/transcoder/renditions.js';
import type { Logger } from '../logger.js';
import type { MediaDeps } from '../media-deps.js';
import type { Db } from '../db/database.js';
import { isShutdownAbort } from '../jobs/job-queue.js';
import { prepareRecordingSource } from '../recorder/prepare-recording.js';
import { HEARTBEAT_INTERVAL_MS, startHeartbeat, type Heartbeat } from './processing-heartbeat.js';
import { createProgressWriter } from './processing-progress.js';
import { clearOutputs, outputKeys, putFolder } from './processing-outputs.js';
import { findVideo, recordProcessed, setProcessingPercent, transitionVideo, type Video } from './videos.repo.js';
import type { StoredRendition } from './videos.tables.js';

export type ProcessingDeps = { db: Db; media: MediaDeps; log: Logger; workRoot?: string; progressIntervalMs?: number; heartbeatIntervalMs?: number };
export type ProcessingRun = { attempt: number; isLastAttempt: boolean; signal?: AbortSignal };
export type ProcessingOutcome = 'ready' | 'rejected' | 'stale' | 'failed';

export const processingWorkDir = (root: string, videoId: string) => path.join(root, 'luento-processing', videoId);

/** Why processing failed, in words for the owner, by error code (the technical detail goes to the log). */
export function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof MediaRejectedError) return { code: err.code, message: err.message };
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' && /^[a-z_]+$/.test(err.code) ? err.code : 'processing_failed';
  if (code === 'ffmpeg_not_found') return { code, message: 'The server cannot convert videos right now: its video tools (ffmpeg) are not installed. An administrator has to fix this; then press Retry.' };
  if (code === 'storage_not_found') return { code, message: 'The uploaded file is missing from storage. Upload the video again.' };
  return { code, message: 'The video could not be converted, even after several attempts. Press Retry; if it fails again, contact support.' };
}

async function fetchSource(deps: ProcessingDeps, video: Video & { source_key: string }, workDir: string): Promise<string> {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(video.source_key)?.[0] ?? '';
  const file = path.join(workDir, `source${ext}`);
  const blob = await deps.media.blobStore.get(video.source_key);
  await pipeline(blob.stream, createWriteStream(file));
  return file;
}

async function rejectMedia(deps: ProcessingDeps, video: Video, err: MediaRejectedError): Promise<void> {
  // The file can never become a video: nothing of it is kept (issue 4), the owner sees why.
  await deps.media.blobStore.delete(outputKeys(video.id).sourcePrefix);
  if (video.source_key && !video.source_key.startsWith(outputKeys(video.id).sourcePrefix)) await deps.media.blobStore.delete(video.source_key);
  await clearOutputs(deps.media.blobStore, video.id);
  await transitionVideo(deps.db, video.id, 'processing', 'failed', { failure_code: err.code, failure_message: err.message, source_key: null, processing_percent: 0 });
  deps.log.warn({ videoId: video.id, reason: err.reason, detail: err.message }, 'video rejected: not usable media');
}

function toStoredRenditions(plan: RenditionPlan): StoredRendition[] {
  const audioKbps = plan.audio ? plan.audio.bitrateKbps : 0;
  if (plan.kind === 'audio') return [{ name: 'audio', width: 0, height: 0, bandwidth: audioKbps * 1000 }];
  return plan.video.rungs.map((r) => ({ name: r.name, width: r.width, height: r.height, bandwidth: (r.maxrateKbps + audioKbps) * 1000 }));
}

/** Like Promise.all, but waits for every task before throwing the first error: nothing still writes into a folder being removed. */
async function settleAll<T extends readonly unknown[]>(tasks: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function transcodeAndStore(deps: ProcessingDeps, video: Video, opts: { source: string; workDir: string; run: ProcessingRun }): Promise<void> {
  const { transcoder, blobStore: store } = deps.media;
  const { signal } = opts.run;
  const info = await transcoder.probe(opts.source, { signal });
  const plan = planRenditions(info);
  const progress = createProgressWriter({
    write: (p) => setProcessingPercent(deps.db, video.id, p),
    nowMs: () => Date.now(),
    minIntervalMs: deps.progressIntervalMs ?? 1000,
    onError: (err) => deps.log.warn({ err, videoId: video.id }, 'could not store processing progress'),
  });
  const hlsDir = path.join(opts.workDir, 'hls');
  const keys = outputKeys(video.id);
  const posterFile = path.join(opts.workDir, 'poster.jpg');
  // The poster needs only the source: it is made while the ladder encodes (a single-frame decode).
  const [hls] = await settleAll([
    transcoder.transcode({ input: opts.source, outDir: hlsDir, plan, signal, onProgress: (p) => progress.report(Math.min(p, 95)) }),
    plan.kind === 'video' ? transcoder.makePoster({ input: opts.source, output: posterFile, durationSeconds: plan.durationSeconds, signal }) : Promise.resolve(undefined),
  ] as const);
  await progress.flush();
  const storyboard = async () => {
    if (plan.kind !== 'video') return;
    const sbDir = path.join(opts.workDir, 'storyboard');
    const lowest = hls.renditions.at(-1)?.dir ?? 'v0';
    const sb = await transcoder.makeStoryboard({ input: path.join(hlsDir, lowest, 'index.m3u8'), outDir: sbDir, durationSeconds: plan.durationSeconds, signal });
    await putFolder({ store, dir: sbDir, files: [sb.vtt, ...sb.sprites], prefix: keys.storyboardPrefix, signal });
    await store.put(keys.poster, { file: posterFile });
  };
  // The storyboard (CPU) is made while the segments are copied to storage (I/O). The master playlist
  // goes last: a reader never sees a master naming missing files.
  await settleAll([storyboard(), putFolder({ store, dir: hlsDir, files: hls.files.filter((f) => f !== MASTER_PLAYLIST), prefix: keys.hlsPrefix, signal })] as const);
  await store.put(`${keys.hlsPrefix}${MASTER_PLAYLIST}`, { file: path.join(hlsDir, MASTER_PLAYLIST) });
  const top = plan.kind === 'video' ? plan.video.rungs[0] : undefined;
  const done = await recordProcessed(deps.db, video.id, { durationSeconds: plan.durationSeconds, width: top?.width ?? null, height: top?.height ?? null, isAudioOnly: plan.kind === 'audio', renditions: toStoredRenditions(plan) });
  if (!done) {
    // Moved on meanwhile (deleted, or another attempt won): what this attempt stored is not wanted.
    await clearOutputs(store, video.id);
    deps.log.warn({ videoId: video.id }, 'video left processing while it was being processed; outputs removed');
  }
}

/** Runs one attempt. Throws (so the queue retries) on unexpected failures before the last attempt. */
export async function processVideo(deps: ProcessingDeps, videoId: string, run: ProcessingRun): Promise<ProcessingOutcome> {
  const video = await findVideo(deps.db, videoId);
  if (!video || video.status !== 'processing' || video.trashed_at) {
    deps.log.info({ videoId, status: video?.status }, 'process-video: nothing to do (stale job)');
    return 'stale';
  }
  const workDir = processingWorkDir(deps.workRoot ?? os.tmpdir(), videoId);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  let heartbeat: Heartbeat | undefined;
  try {
    await clearOutputs(deps.media.blobStore, videoId);
    await transitionVideo(deps.db, videoId, 'processing', 'processing', {
      processing_percent: 0, processing_attempts: run.attempt, failure_code: null, failure_message: null, processing_heartbeat_at: sql`now()`,
    });
    heartbeat = startHeartbeat({ db: deps.db, videoId, intervalMs: deps.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS, log: deps.log });
    if (!video.source_key) throw new MediaRejectedError('not_media', 'No file was uploaded for this video.');
    const fetched = await fetchSource(deps, { ...video, source_key: video.source_key }, workDir);
    const source = await prepareRecordingSource({ db: deps.db, log: deps.log, ffmpegPath: deps.media.transcoder.describe().ffmpegPath, videoId, source: fetched, workDir, signal: run.signal });
    await transcodeAndStore(deps, video, { source, workDir, run });
    return 'ready';
  } catch (err) {
    if (err instanceof MediaRejectedError) {
      await rejectMedia(deps, video, err);
      return 'rejected';
    }
    await clearOutputs(deps.media.blobStore, videoId).catch(() => 0);
    if (isShutdownAbort(run.signal)) {
      deps.log.info({ videoId, attempt: run.attempt }, 'video processing stopped: the worker is shutting down; it will be retried');
      throw err;
    }
    if (!run.isLastAttempt) throw err;
    const failure = describeFailure(err);
    await transitionVideo(deps.db, videoId, 'processing', 'failed', { failure_code: failure.code, failure_message: failure.message, processing_percent: 0 });
    deps.log.error({ err, videoId, attempt: run.attempt }, 'video processing failed on its last attempt');
    return 'failed';
  } finally {
    await heartbeat?.stop();
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
