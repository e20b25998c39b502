// The recorder in Chromium with fake devices: 5 s of camera with microphone (with a pause that does not
// count), and 5 s of screen with the camera as picture-in-picture. Each recording is uploaded through
// tus, processed by the queue's real job, and plays with the length that was recorded. axe-core finds
// nothing on any step of the page.
import type { Page } from 'playwright-core';
import type { LaunchedClient, LtiTestContext } from '../helpers/launch-as.js';
import { queuedJobNames } from '../videos/upload-helpers.js';
import { expectAxeClean, expectRecordedLength, fillReviewAndUpload, openRecorder, sourceVideoFrames, playedDuration, useRecorderSuite, waitForPreview, waitForTimer, waitProcessed } from './recorder-browser.js';

const suite = useRecorderSuite();
let ctx: LtiTestContext;
let teacher: LaunchedClient;
let page: Page;
const pageErrors: string[] = [];

beforeAll(() => {
  ({ ctx, teacher } = suite);
  page = suite.browser.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

test('camera with microphone: previews, level meter, countdown, pause not counted, 5 s recorded, uploaded, processed, plays 5 s', async () => {
  await openRecorder(suite);
  await expectAxeClean(page);
  await page.check('#rec-src-camera');
  await page.check('#rec-src-mic');
  await waitForPreview(page, 'rec-preview-camera');
  // The fake microphone plays a beep: the meter moves.
  await page.waitForFunction(() => Number((document.getElementById('rec-level') as HTMLMeterElement).value) > 0.01, undefined, { timeout: 10_000 });
  expect(await page.locator('#rec-camera option').count()).toBeGreaterThan(1);
  expect(await page.isHidden('#rec-corner')).toBe(true);
  await expectAxeClean(page);

  await page.click('#rec-start');
  await page.waitForSelector('#rec-countdown:not([hidden])');
  expect(await page.textContent('#rec-countdown')).toMatch(/3/);
  await waitForTimer(page, '0:02');
  await expectAxeClean(page);
  await page.click('#rec-pause');
  expect(await page.isVisible('#rec-resume')).toBe(true);
  const pausedAt = await page.textContent('#rec-timer');
  await page.waitForTimeout(1500);
  expect(await page.textContent('#rec-timer')).toBe(pausedAt);
  await page.click('#rec-resume');
  await waitForTimer(page, '0:05');
  await page.click('#rec-stop');
  await page.waitForSelector('#rec-review:not([hidden])');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('rec-review-heading');
  expect(Number(await page.inputValue('#rec-trim-end'))).toBeGreaterThanOrEqual(5);
  await expectAxeClean(page);

  await fillReviewAndUpload(page, 'Camera recording');
  await expectAxeClean(page);
  const video = await waitProcessed(ctx, 'Camera recording');
  expect(video).toMatchObject({ status: 'ready', is_audio_only: false });
  expect(video.source_key).toMatch(/\.webm$/);
  expect((await sourceVideoFrames(ctx, video)).count).toBeGreaterThan(20);
  await expectRecordedLength(ctx, video, 5);
  expect(await queuedJobNames(ctx.deps.pool, video.id)).toContain('process-video');
  const row = await ctx.deps.db.selectFrom('recordings').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ layout: 'camera', trim_start_ms: 0, trim_end_ms: null, is_recovered: false });
  const played = await playedDuration(page, ctx, video.id, teacher.sessionToken);
  expect(Math.abs(played - (video.duration_seconds ?? 0))).toBeLessThan(0.5);
  expect(played).toBeGreaterThan(4.5);
  expect(pageErrors).toEqual([]);
}, 240_000);

test('screen with the camera as picture-in-picture in a chosen corner: 5 s, uploaded, processed, plays 5 s', async () => {
  await openRecorder(suite);
  await page.check('#rec-src-camera');
  await page.check('#rec-src-mic');
  await page.check('#rec-src-screen');
  await waitForPreview(page, 'rec-preview-screen');
  await waitForPreview(page, 'rec-preview-camera');
  expect(await page.isVisible('#rec-corner')).toBe(true);
  await page.check('#rec-corner-top-left');
  await expectAxeClean(page);
  const screen = await page.evaluate(() => {
    const v = document.getElementById('rec-preview-screen') as HTMLVideoElement;
    return { width: v.videoWidth, height: v.videoHeight };
  });

  await page.click('#rec-start');
  await waitForPreview(page, 'rec-live');
  await waitForTimer(page, '0:05');
  await page.click('#rec-stop');
  await page.waitForSelector('#rec-review:not([hidden])');
  await fillReviewAndUpload(page, 'Screen recording');
  const video = await waitProcessed(ctx, 'Screen recording');
  expect(video.status).toBe('ready');
  await expectRecordedLength(ctx, video, 5);
  // The composite has the screen's size (even, at most 1920 wide); the ladder never upscales it.
  expect(video.height).toBeLessThanOrEqual(screen.height);
  // The composite is a moving picture, not a few frames held for 5 s (as Chromium's VP8 made of a canvas).
  const frames = await sourceVideoFrames(ctx, video);
  expect(frames.count).toBeGreaterThan(30);
  expect(frames.lastSeconds).toBeGreaterThan(4.5);
  const row = await ctx.deps.db.selectFrom('recordings').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
  expect(row.layout).toBe('screen-camera');
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('luento.recorder.prefs') ?? '{}').corner)).toBe('top-left');
  const played = await playedDuration(page, ctx, video.id, teacher.sessionToken);
  expect(Math.abs(played - (video.duration_seconds ?? 0))).toBeLessThan(0.5);
  expect(pageErrors).toEqual([]);
}, 240_000);

test('microphone alone makes an audio recording, processed as audio', async () => {
  await openRecorder(suite);
  if (await page.isChecked('#rec-src-camera')) await page.uncheck('#rec-src-camera');
  await page.check('#rec-src-mic');
  await page.waitForSelector('#rec-level-row:not([hidden])');
  await page.click('#rec-start');
  await waitForTimer(page, '0:03');
  expect(await page.isHidden('#rec-live')).toBe(true);
  await page.click('#rec-stop');
  await page.waitForSelector('#rec-review:not([hidden])');
  await fillReviewAndUpload(page, 'Audio recording');
  const video = await waitProcessed(ctx, 'Audio recording');
  expect(video).toMatchObject({ status: 'ready', is_audio_only: true });
  await expectRecordedLength(ctx, video, 3);
  const row = await ctx.deps.db.selectFrom('recordings').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
  expect(row.layout).toBe('audio');
  expect(pageErrors).toEqual([]);
}, 240_000);
