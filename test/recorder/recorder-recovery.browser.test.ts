// Crash safety in Chromium: the page is reloaded in mid-recording (after the leave warning), offers the
// unfinished recording kept in IndexedDB, and the recovered recording uploads, is processed and plays.
// The remembered camera and microphone come back after the reload; the upload clears the browser's copy.
import { expectAxeClean, fillReviewAndUpload, openRecorder, playedDuration, useRecorderSuite, waitForPreview, waitForTimer, waitProcessed } from './recorder-browser.js';

const suite = useRecorderSuite();

test('reload in mid-recording, recover, upload, process, play', async () => {
  const { ctx, teacher, browser } = suite;
  const { page } = browser;
  await openRecorder(suite);
  expect(await page.isHidden('#rec-recover')).toBe(true);
  await page.check('#rec-src-camera');
  await page.check('#rec-src-mic');
  await waitForPreview(page, 'rec-preview-camera');
  await page.click('#rec-start');
  await waitForTimer(page, '0:04');

  const dialogs: string[] = [];
  page.once('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(['beforeunload']);

  await page.waitForSelector('#rec-recover:not([hidden])');
  expect(await page.isHidden('#rec-setup')).toBe(true);
  expect(await page.textContent('#rec-recover-text')).toMatch(/\(0:0[2-4]\)/);
  // The choices were remembered: camera and microphone are on again, with their previews.
  expect(await page.isChecked('#rec-src-camera')).toBe(true);
  expect(await page.isChecked('#rec-src-mic')).toBe(true);
  await expectAxeClean(page);

  await page.click('#rec-recover-button');
  await page.waitForSelector('#rec-review:not([hidden])');
  await page.waitForFunction(() => (document.getElementById('rec-playback') as HTMLVideoElement).readyState >= 1);
  await fillReviewAndUpload(page, 'Recovered recording');

  const video = await waitProcessed(ctx, 'Recovered recording', 150_000);
  expect(video.failure_message).toBeNull();
  expect(video.status).toBe('ready');
  const row = await ctx.deps.db.selectFrom('recordings').selectAll().where('video_id', '=', video.id).executeTakeFirstOrThrow();
  expect(row.is_recovered).toBe(true);
  // The recovered length is what reached IndexedDB: whole seconds of chunks, about 2–4 s here. A chunk
  // is at least one second of media, more when the machine is busy: within one chunk and a half.
  expect(row.recorded_ms).toBeGreaterThan(1500);
  expect(Math.abs((video.duration_seconds ?? 0) - row.recorded_ms / 1000)).toBeLessThan(1.5);
  const played = await playedDuration(page, ctx, video.id, teacher.sessionToken);
  expect(Math.abs(played - (video.duration_seconds ?? 0))).toBeLessThan(0.5);

  // Uploaded: the browser's copy is gone, so nothing is offered again.
  await openRecorder(suite);
  expect(await page.isHidden('#rec-recover')).toBe(true);
  expect(await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('luento-recorder');
    open.onsuccess = () => {
      const req = open.result.transaction('chunks').objectStore('chunks').count();
      req.onsuccess = () => resolve(req.result);
    };
  }))).toBe(0);
}, 240_000);
