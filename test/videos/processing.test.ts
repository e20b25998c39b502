// The process-video job end to end on real ffmpeg: generated clips put straight into the BlobStore.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TranscodeFailedError } from '../../src/adapters/transcoder/media-errors.js';
import type { Transcoder } from '../../src/adapters/transcoder/transcoder.js';
import { processVideoJob } from '../../src/videos/process-video.job.js';
import { processVideo, processingWorkDir } from '../../src/videos/processing.js';
import { findVideo } from '../../src/videos/videos.repo.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createVideoWithSource, makeWorkRoot, processingDeps, removeWorkRoots } from './processing-fixtures.js';

let ctx: TestContext;
let platform: TestPlatform;
let owner: { ownerId: string; courseId: string };

beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false, env: { PATH: process.env.PATH ?? '' } });
  platform = await createTestPlatform(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { platformId: platform.platform.id });
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id });
  owner = { ownerId: user.id, courseId: course.id };
});
afterAll(async () => {
  await removeWorkRoots();
  await platform.close();
  await ctx.close();
});

const keysOf = async (videoId: string) => (await ctx.deps.media.blobStore.list(`videos/${videoId}/`)).map((b) => b.key.slice(`videos/${videoId}/`.length));

describe('process-video', () => {
  it('turns a clip into a stored HLS ladder, poster and storyboard, and the video becomes ready', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'clip360' });
    const workRoot = await makeWorkRoot();
    const percents: number[] = [];
    const db = ctx.deps.db;
    // Watch the percents written, through the real repo, by polling the row while the job runs.
    const poll = setInterval(() => void findVideo(db, video.id).then((v) => v && percents.push(v.processing_percent)), 50);
    const outcome = await processVideo(processingDeps(ctx.deps, workRoot), video.id, { attempt: 1, isLastAttempt: false }).finally(() => clearInterval(poll));
    expect(outcome).toBe('ready');
    const after = await findVideo(db, video.id);
    expect(after).toMatchObject({ status: 'ready', processing_percent: 100, width: 640, height: 360, is_audio_only: false, failure_code: null });
    expect(after?.duration_seconds).toBeCloseTo(6, 0);
    expect(after?.renditions).toEqual([expect.objectContaining({ name: '360p', width: 640, height: 360 })]);
    const keys = await keysOf(video.id);
    expect(keys).toEqual(expect.arrayContaining(['hls/master.m3u8', 'hls/v0/index.m3u8', 'hls/v0/init.mp4', 'hls/v0/seg_000.m4s', 'poster.jpg', 'storyboard/storyboard.vtt', 'storyboard/sprite_001.jpg', `source/clip360.mp4`]));
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    // The temp folder is gone.
    await expect(stat(processingWorkDir(workRoot, video.id))).rejects.toThrow();
  });

  it('makes an audio HLS for an audio-only source, without poster or storyboard', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'audioOnly' });
    expect(await processVideo(processingDeps(ctx.deps, await makeWorkRoot()), video.id, { attempt: 1, isLastAttempt: false })).toBe('ready');
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'ready', is_audio_only: true });
    const keys = await keysOf(video.id);
    expect(keys).toContain('hls/master.m3u8');
    expect(keys.filter((k) => k.startsWith('poster') || k.startsWith('storyboard'))).toEqual([]);
  });

  it.each([
    ['truncated', 'truncatedMp4', 'media_truncated', /truncated|cannot be read/i],
    ['not media', 'textAsMp4', 'media_not_media', /not audio or video/i],
  ] as const)('fails a %s source with the reason, keeps nothing, and does not ask for a retry', async (_n, fixture, code, text) => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, fixture });
    const workRoot = await makeWorkRoot();
    expect(await processVideo(processingDeps(ctx.deps, workRoot), video.id, { attempt: 1, isLastAttempt: false })).toBe('rejected');
    const after = await findVideo(ctx.deps.db, video.id);
    expect(after).toMatchObject({ status: 'failed', failure_code: code, source_key: null });
    expect(after?.failure_message).toMatch(text);
    expect(await keysOf(video.id)).toEqual([]);
    expect(await readdir(path.join(workRoot, 'luento-processing'))).toEqual([]);
  });

  it('starts clean after a killed attempt: the old outputs and temp folder are removed, nothing is orphaned', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'clip360' });
    const store = ctx.deps.media.blobStore;
    const stale = ['hls/v1/seg_042.m4s', 'hls/master.m3u8', 'poster.jpg', 'storyboard/sprite_009.jpg'];
    for (const k of stale) await store.put(`videos/${video.id}/${k}`, { bytes: new TextEncoder().encode('left by a killed worker') });
    const workRoot = await makeWorkRoot();
    const leftover = path.join(processingWorkDir(workRoot, video.id), 'hls', 'v0');
    await mkdir(leftover, { recursive: true });
    await writeFile(path.join(leftover, 'seg_007.m4s'), 'partial');
    expect(await processVideo(processingDeps(ctx.deps, workRoot), video.id, { attempt: 2, isLastAttempt: false })).toBe('ready');
    const keys = await keysOf(video.id);
    expect(keys).not.toContain('hls/v1/seg_042.m4s');
    expect(keys).not.toContain('storyboard/sprite_009.jpg');
    const master = await store.get(`videos/${video.id}/hls/master.m3u8`);
    expect(master.size).toBeGreaterThan(50);
    master.stream.destroy();
    await expect(stat(processingWorkDir(workRoot, video.id))).rejects.toThrow();
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'ready', processing_attempts: 2 });
  });

  it('returns quietly for a stale job (the video is no longer processing)', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'clip360', status: 'ready' });
    expect(await processVideo(processingDeps(ctx.deps, await makeWorkRoot()), video.id, { attempt: 1, isLastAttempt: false })).toBe('stale');
    expect(await keysOf(video.id)).toEqual(['source/clip360.mp4']);
  });

  describe('when ffmpeg fails', () => {
    const failing = (): Transcoder => ({
      ...ctx.deps.media.transcoder,
      probe: (f, o) => ctx.deps.media.transcoder.probe(f, o),
      transcode: async () => {
        throw new TranscodeFailedError('ffmpeg exited with code 1', ['Conversion failed!']);
      },
      makePoster: (o) => ctx.deps.media.transcoder.makePoster(o),
      makeStoryboard: (o) => ctx.deps.media.transcoder.makeStoryboard(o),
      describe: () => ctx.deps.media.transcoder.describe(),
    });

    it('throws for a retry before the last attempt, leaving the video processing and no outputs', async () => {
      const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'clip360' });
      const deps = processingDeps(ctx.deps, await makeWorkRoot(), { media: { ...ctx.deps.media, transcoder: failing() } });
      await expect(processVideo(deps, video.id, { attempt: 1, isLastAttempt: false })).rejects.toBeInstanceOf(TranscodeFailedError);
      expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'processing' });
      expect(await keysOf(video.id)).toEqual(['source/clip360.mp4']);
    });

    it('marks the video failed with a reason on the last attempt, keeping the source for a retry', async () => {
      const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'clip360' });
      const deps = processingDeps(ctx.deps, await makeWorkRoot(), { media: { ...ctx.deps.media, transcoder: failing() } });
      expect(await processVideo(deps, video.id, { attempt: 3, isLastAttempt: true })).toBe('failed');
      const after = await findVideo(ctx.deps.db, video.id);
      expect(after).toMatchObject({ status: 'failed', failure_code: 'transcode_failed' });
      expect(after?.failure_message).toMatch(/Retry/);
      expect(await keysOf(video.id)).toEqual(['source/clip360.mp4']);
    });
  });

  it('is registered as a job that runs the pipeline with the worker context', async () => {
    const video = await createVideoWithSource(ctx.deps, { ...owner, fixture: 'audioOnly' });
    await processVideoJob.run({ videoId: video.id }, ctx.deps.workerContext, { jobId: 'j1', attempt: 1, signal: new AbortController().signal });
    expect(await findVideo(ctx.deps.db, video.id)).toMatchObject({ status: 'ready' });
  });
});
