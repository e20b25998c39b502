// The upload page in Chromium: a teacher (session carried by token, as in a cookie-less LMS iframe)
// fills the form, uploads a small generated clip through tus-js-client, sees the progress reach 100 %
// and the library show the video as processing. axe-core finds nothing on the page.
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { mediaFixture } from '../helpers/media-fixtures.js';
import { queuedJobNames } from './upload-helpers.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
let browser: TestBrowser;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ctx?.close();
});

test('upload a clip through the real page: progress to 100 %, announced, then processing in the library', async () => {
  const clip = await mediaFixture('clip360');
  const { page } = browser;
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${ctx.jwksBase}/courses/${teacher.courseId}/videos/new?st=${encodeURIComponent(teacher.sessionToken)}`);
  expect(await axeViolations(page)).toEqual([]);

  await page.fill('#up-title', 'Browser lecture');
  await page.selectOption('#up-language', 'en');
  await page.setInputFiles('#up-file', clip);
  await page.check('#up-attest');
  // Every text the live region says, in order.
  await page.evaluate(() => {
    const region = document.getElementById('up-announce')!;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await page.click('#up-start');
  await page.waitForSelector('#up-done:not([hidden])', { timeout: 20_000 });

  expect(await page.getAttribute('#up-bar', 'value')).toBe('100');
  expect(await page.textContent('#up-percent')).toContain('100 %');
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  // The demo LMS launches in Finnish.
  expect(said).toContain('100 % ladattu');
  expect(said[said.length - 1]).toMatch(/Lataus valmis/);
  expect(pageErrors).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);

  const video = await ctx.deps.db.selectFrom('videos').selectAll().where('title', '=', 'Browser lecture').executeTakeFirstOrThrow();
  expect(video.status).toBe('processing');
  expect(video.source_key).toBe(`videos/${video.id}/source/${clip.split('/').pop()}`);
  expect(Number(video.source_bytes)).toBe((await ctx.deps.media.blobStore.get(video.source_key!)).size);
  expect(await queuedJobNames(ctx.deps.pool, video.id)).toEqual(['process-video']);

  await page.click('#up-done a');
  await page.waitForSelector(`tr[data-video-id="${video.id}"]`);
  expect(await page.textContent(`tr[data-video-id="${video.id}"] .status`)).toBe('Käsitellään');
}, 60_000);
