// The recorder with the keyboard alone: sources, start, pause, resume, stop, trim, the details, the
// statement and the upload, reached with Tab and worked with Space and Enter. Focus follows each step.
// The trim chosen in review is cut in processing: the video is 1 s shorter than the recording.
import { expectAxeClean, focusedId, openRecorder, playedDuration, tabTo, useRecorderSuite, waitForPreview, waitForTimer, waitProcessed } from './recorder-browser.js';

const suite = useRecorderSuite();

test('record, trim and upload with the keyboard only; the trim is cut in processing', async () => {
  const { ctx, teacher, browser } = suite;
  const { page } = browser;
  await openRecorder(suite);
  await tabTo(page, 'rec-src-camera');
  await page.keyboard.press('Space');
  await tabTo(page, 'rec-src-mic');
  await page.keyboard.press('Space');
  await waitForPreview(page, 'rec-preview-camera');
  await tabTo(page, 'rec-start');
  await page.keyboard.press('Enter');
  // During the countdown Stop has focus (it cancels); once recording, Pause has it.
  expect(await focusedId(page)).toBe('rec-stop');
  await page.waitForFunction(() => document.activeElement?.id === 'rec-pause', undefined, { timeout: 15_000 });
  await expectAxeClean(page);
  await waitForTimer(page, '0:01');
  await page.keyboard.press('Space');
  expect(await focusedId(page)).toBe('rec-resume');
  await page.keyboard.press('Space');
  expect(await focusedId(page)).toBe('rec-pause');
  await waitForTimer(page, '0:04');
  await tabTo(page, 'rec-stop');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rec-review:not([hidden])');
  expect(await focusedId(page)).toBe('rec-review-heading');

  const recordedSeconds = Number(await page.inputValue('#rec-trim-end'));
  await tabTo(page, 'rec-trim-start');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await tabTo(page, 'rec-title');
  await page.keyboard.type('Keyboard recording');
  await tabTo(page, 'rec-language');
  for (let i = 0; i < 5 && (await page.inputValue('#rec-language')) !== 'en'; i++) await page.keyboard.press('ArrowDown');
  expect(await page.inputValue('#rec-language')).toBe('en');
  await tabTo(page, 'rec-attest');
  await page.keyboard.press('Space');
  await expectAxeClean(page);
  await tabTo(page, 'rec-upload');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rec-done:not([hidden])', { timeout: 30_000 });
  expect(await page.evaluate(() => document.activeElement?.closest('#rec-done') !== null)).toBe(true);
  await expectAxeClean(page);

  const video = await waitProcessed(ctx, 'Keyboard recording', 150_000);
  expect(video.status).toBe('ready');
  const row = await ctx.deps.db.selectFrom('recordings').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ trim_start_ms: 1000, trim_end_ms: null });
  expect(recordedSeconds).toBeGreaterThanOrEqual(4);
  expect(Math.abs((video.duration_seconds ?? 0) - (recordedSeconds - 1))).toBeLessThan(0.6);
  const played = await playedDuration(page, ctx, video.id, teacher.sessionToken);
  expect(Math.abs(played - (video.duration_seconds ?? 0))).toBeLessThan(0.5);
}, 240_000);
