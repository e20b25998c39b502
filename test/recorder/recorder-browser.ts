// Shared by the recorder's browser tests: Chromium with fake capture devices (camera, microphone and a
// screen picked without asking), the page's steps, and the check that a recording became a video that
// plays with the right length.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { findVideo, type Video } from '../../src/videos/videos.repo.js';
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';

export const captureArgs = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--auto-select-desktop-capture-source=Entire screen'];

export function launchRecorderBrowser(): Promise<TestBrowser> {
  return launchBrowser({ extraArgs: captureArgs });
}

export function recorderUrl(ctx: LtiTestContext, courseId: string, token: string): string {
  return `${ctx.jwksBase}/courses/${courseId}/record?st=${encodeURIComponent(token)}`;
}

export type RecorderSuite = { ctx: LtiTestContext; teacher: LaunchedClient; browser: TestBrowser };

/**
 * The set-up every recorder browser suite shares: an app with a real job worker (recordings are processed),
 * a teacher launched without cookies, and Chromium with fake devices. Registers beforeAll/afterAll; the
 * returned object is filled in before the first test runs.
 */
export function useRecorderSuite(): RecorderSuite {
  const suite = {} as RecorderSuite;
  beforeAll(async () => {
    suite.ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '' } });
    await suite.ctx.deps.queue.start();
    await suite.ctx.deps.queue.startWorkers(suite.ctx.deps.workerContext, { concurrency: 1, pollingIntervalSeconds: 0.5 });
    suite.teacher = await launchAs(suite.ctx, 'teacher', { cookies: false });
    suite.browser = await launchRecorderBrowser();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.ctx?.close();
  });
  return suite;
}

/** Opens the teacher's recorder and waits until remembered sources and recovery are settled (data-ready). */
export async function openRecorder(s: RecorderSuite, page: Page = s.browser.page): Promise<void> {
  await page.goto(recorderUrl(s.ctx, s.teacher.courseId, s.teacher.sessionToken));
  await page.waitForSelector('#recorder[data-ready]', { state: 'attached' });
}

export async function expectAxeClean(page: Page | Frame): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`axe violations: ${JSON.stringify(violations, null, 1)}`);
}

/** Waits until a preview <video> shows frames. */
export async function waitForPreview(page: Page, id: string): Promise<void> {
  await page.waitForFunction((i) => {
    const v = document.getElementById(i) as HTMLVideoElement | null;
    return !!v && !v.hidden && v.readyState >= 2 && v.videoWidth > 0;
  }, id, { timeout: 30_000 });
}

/**
 * Waits until the recording timer shows at least `text` (m:ss). At least, not exactly: on a loaded
 * machine the page may update the timer late and skip a second.
 */
export async function waitForTimer(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const seconds = (v: string) => v.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
      const shown = document.getElementById('rec-timer')?.textContent ?? '';
      return /^\d+:\d\d$/.test(shown) && seconds(shown) >= seconds(t);
    },
    text,
    // Encoding a screen and camera composite in VP9 starves the page on a busy 2-core machine (CI).
    { timeout: 60_000 },
  );
}

export async function fillReviewAndUpload(page: Page, title: string): Promise<void> {
  await page.fill('#rec-title', title);
  await page.selectOption('#rec-language', 'en');
  await page.check('#rec-attest');
  await page.click('#rec-upload');
  await page.waitForSelector('#rec-done:not([hidden])', { timeout: 30_000 });
}

/** Waits for the processing job (run by the queue's workers) to finish the video. */
/**
 * The processed video is as long as the page's recording clock said when it stopped (pauses excluded),
 * and that clock reached at least `minSeconds`. Compared with the clock, not with a fixed length: on a
 * busy machine the stop click lands a little after the timer showed the target.
 */
export async function expectRecordedLength(ctx: LtiTestContext, video: Video, minSeconds: number): Promise<void> {
  const row = await ctx.deps.db.selectFrom('recordings').select('recorded_ms').where('video_id', '=', video.id).executeTakeFirstOrThrow();
  const recorded = Number(row.recorded_ms) / 1000;
  expect(recorded).toBeGreaterThanOrEqual(minSeconds - 0.1);
  expect(recorded).toBeLessThan(minSeconds + 3);
  expect(Math.abs((video.duration_seconds ?? 0) - recorded)).toBeLessThan(0.75);
}

export async function waitProcessed(ctx: LtiTestContext, title: string, timeoutMs = 150_000): Promise<Video> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await ctx.deps.db.selectFrom('videos').select('id').where('title', '=', title).executeTakeFirst();
    const video = row ? await findVideo(ctx.deps.db, row.id) : undefined;
    if (video && (video.status === 'ready' || video.status === 'failed')) return video;
    if (Date.now() > deadline) throw new Error(`video "${title}" not processed in time: ${video?.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Opens the processed video's watch page in the same browser session and returns what the <video> says its length is. */
export async function playedDuration(page: Page, ctx: LtiTestContext, videoId: string, token: string): Promise<number> {
  await page.goto(`${ctx.jwksBase}/videos/${videoId}/watch?st=${encodeURIComponent(token)}`);
  await page.waitForSelector('[data-player][data-player-state="ready"]', { state: 'attached', timeout: 20_000 });
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).play());
  await page.waitForFunction(() => {
    const v = document.querySelector('video') as HTMLVideoElement;
    return v.currentTime > 0.3 && Number.isFinite(v.duration) && v.duration > 0;
  }, undefined, { timeout: 20_000 });
  return page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).duration);
}

/** How many video frames the uploaded source holds, and the time of the last one (ffprobe over its packets). */
export async function sourceVideoFrames(ctx: LtiTestContext, video: Video): Promise<{ count: number; lastSeconds: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luento-recording-'));
  try {
    const file = path.join(dir, 'source.webm');
    await pipeline((await ctx.deps.media.blobStore.get(video.source_key ?? '')).stream, createWriteStream(file));
    const { stdout } = await promisify(execFile)('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]);
    const times = stdout.split('\n').map((l) => parseFloat(l)).filter((n) => Number.isFinite(n));
    return { count: times.length, lastSeconds: Math.max(0, ...times) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Presses Tab until the element with this id has focus (keyboard-only tests); fails if it never does. */
export async function tabTo(page: Page, id: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} never received focus from the keyboard`);
}

export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
