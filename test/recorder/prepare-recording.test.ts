// The recorder's step in processing, on real ffmpeg with a generated WebM (VP8 + Opus, as MediaRecorder
// makes): a trim is cut before the ladder is built, a recovered recording cut off inside an element is
// repaired instead of refused, and the same cut-off file uploaded as an ordinary video is still refused.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { insertRecording } from '../../src/recorder/recordings.repo.js';
import { processVideo } from '../../src/videos/processing.js';
import { findVideo } from '../../src/videos/videos.repo.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createVideoWithSource, makeWorkRoot, processingDeps, removeWorkRoots } from '../videos/processing-fixtures.js';

let ctx: TestContext;
let platform: TestPlatform;
let owner: { ownerId: string; courseId: string };
let dir: string;
let webm: string;
let cutWebm: string;

beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false, env: { PATH: process.env.PATH ?? '' } });
  platform = await createTestPlatform(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { platformId: platform.platform.id });
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id });
  owner = { ownerId: user.id, courseId: course.id };
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-recording-test-'));
  webm = path.join(dir, 'recording.webm');
  // Live WebM without a duration or cues, as MediaRecorder writes it.
  await promisify(execFile)('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=4',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4', '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '300k',
    '-c:a', 'libopus', '-shortest', '-live', '1', '-cluster_time_limit', '1000', '-f', 'webm', webm], { timeout: 60_000 });
  const bytes = await readFile(webm);
  cutWebm = path.join(dir, 'cut.webm');
  // Cut in the middle of the file: inside a cluster, as a crash leaves it.
  await writeFile(cutWebm, bytes.subarray(0, Math.floor(bytes.length * 0.6) + 7));
}, 60_000);
afterAll(async () => {
  await removeWorkRoots();
  await platform.close();
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

async function processRecording(sourceFile: string, recording?: { trim?: { startMs: number; endMs: number | null }; isRecovered?: boolean }) {
  const video = await createVideoWithSource(ctx.deps, { ...owner, sourceFile });
  if (recording) await insertRecording(ctx.deps.db, { videoId: video.id, layout: 'camera', recordedMs: 4000, trim: recording.trim ?? null, isRecovered: recording.isRecovered ?? false });
  const outcome = await processVideo(processingDeps(ctx.deps, await makeWorkRoot()), video.id, { attempt: 1, isLastAttempt: true });
  return { outcome, video: await findVideo(ctx.deps.db, video.id) };
}

test('an untrimmed recording is processed as recorded (its duration measured, the WebM has none)', async () => {
  const { outcome, video } = await processRecording(webm, {});
  expect(outcome).toBe('ready');
  expect(video?.duration_seconds).toBeCloseTo(4, 0);
}, 60_000);

test.each([
  ['start and end', { startMs: 1000, endMs: 3000 }, 2],
  ['start only', { startMs: 1500, endMs: null }, 2.5],
  ['end only', { startMs: 0, endMs: 2500 }, 2.5],
])('a trim (%s) is cut before the ladder: the video is as long as the kept part', async (_name, trim, seconds) => {
  const { outcome, video } = await processRecording(webm, { trim });
  expect(outcome).toBe('ready');
  expect(Math.abs((video?.duration_seconds ?? 0) - seconds)).toBeLessThan(0.15);
}, 60_000);

test('a recovered recording cut off mid-element is repaired and processed', async () => {
  const { outcome, video } = await processRecording(cutWebm, { isRecovered: true });
  expect(outcome).toBe('ready');
  expect(video?.duration_seconds).toBeGreaterThan(1.5);
  expect(video?.duration_seconds).toBeLessThan(3.5);
}, 60_000);

test('the same cut-off file, uploaded as an ordinary video, is still refused as truncated', async () => {
  const { outcome, video } = await processRecording(cutWebm);
  expect(outcome).toBe('rejected');
  expect(video?.failure_code).toBe('media_truncated');
}, 60_000);
