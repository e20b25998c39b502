// The captions page in Chromium, as a teacher in a cookie-less LMS iframe uses it: a broken file is
// refused with its line, a good one is saved with what was changed, automatic captions show their
// progress as the run moves on; then a learner's player loads the track through its tokenised URL and
// shows the badge. axe-core finds nothing on any page shown.
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { createVideo, userIdOfSession } from '../helpers/video-factory.js';
import { sha256 } from '../../src/auth/hmac.js';
import type { Video } from '../../src/videos/videos.repo.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
let student: LaunchedClient;
let browser: TestBrowser;
let video: Video;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  // Jobs are queued but no worker runs them: the test moves the run on itself, to see the page follow.
  await ctx.deps.queue.start();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  student = await launchAs(ctx, 'student', { cookies: false });
  const ownerId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
  video = await createVideo(ctx.deps.db, { ownerId, courseId: teacher.courseId, status: 'published', language: 'en' });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ctx?.close();
});

const url = (path: string, who: LaunchedClient) => `${ctx.jwksBase}${path}?st=${encodeURIComponent(who.sessionToken)}`;
const setRun = (status: 'running' | 'done', percent: number) => ctx.deps.db.updateTable('caption_asr_runs').set({ status, percent }).where('video_id', '=', video.id).execute();

test('upload: a broken file is refused with its line, a good one is saved with its changes listed', async () => {
  const { page } = browser;
  await page.goto(url(`/videos/${video.id}/captions`, teacher));
  expect(await page.textContent('h1')).toContain('Tekstitykset');
  expect(await axeViolations(page)).toEqual([]);

  await page.setInputFiles('#cap-file', { name: 'broken.vtt', mimeType: 'text/vtt', buffer: Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n') });
  await page.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await page.waitForSelector('#upload-error');
  expect(await page.textContent('#upload-error')).toMatch(/rivi 6: loppuaika 00:00:04.000 on ennen alkuaikaa 00:00:05.000/);
  expect(await page.$('tr[data-language="en"]')).toBeNull();
  expect(await axeViolations(page)).toEqual([]);

  const srt = '1\n00:00:01,000 --> 00:00:03,000\nGood morning.\n\n2\n00:00:02,500 --> 00:00:05,000\nWelcome to the lecture.\n';
  await page.setInputFiles('#cap-file', { name: 'lecture.srt', mimeType: 'application/x-subrip', buffer: Buffer.from(srt) });
  await page.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await page.waitForSelector('#upload-result');
  expect(await page.textContent('#upload-result')).toMatch(/2 tekstitystä[\s\S]*edellinen päättyy nyt kohdassa 00:00:02.500/);
  expect(await page.textContent('tr[data-language="en"]')).toMatch(/Englanti[\s\S]*Ladattu tiedosto[\s\S]*Tarkistamaton/);
  expect(await axeViolations(page)).toEqual([]);
}, 60_000);

test('automatic captions: the page shows the run queued, follows its progress, and reloads when it ends', async () => {
  // The uploaded English track would be kept anyway; a fresh video shows the whole run.
  const ownerId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
  video = await createVideo(ctx.deps.db, { ownerId, courseId: teacher.courseId, status: 'published', language: 'en' });
  const { page } = browser;
  await page.goto(url(`/videos/${video.id}/captions`, teacher));
  await page.click('#asr button[type="submit"]');
  await page.waitForSelector('#asr[data-active="true"]');
  expect(await page.textContent('#asr-message')).toBe('Odottaa alkamista.');
  expect(await axeViolations(page)).toEqual([]);

  await setRun('running', 30);
  await page.waitForFunction(() => document.getElementById('asr-message')?.textContent === 'Puhetta tunnistetaan: 30 %.', undefined, { timeout: 10_000 });
  expect(await page.getAttribute('#asr-bar', 'value')).toBe('30');

  await setRun('done', 100);
  await page.waitForSelector('#asr[data-active="false"]', { timeout: 10_000 });
  expect(await page.textContent('#asr-message')).toBe('Valmis: automaattinen luonnos odottaa tarkistusta.');
  expect(await axeViolations(page)).toEqual([]);
}, 60_000);

test('the learner\'s player loads the track through its tokenised URL and shows the badge', async () => {
  await ctx.deps.db.deleteFrom('caption_asr_runs').execute();
  const vtt = 'WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nFirst words\n\n00:00:02.000 --> 00:00:04.000\nSecond words\n';
  await teacher.post(`/videos/${video.id}/captions/upload`).attach('file', Buffer.from(vtt), 'a.vtt').expect(200);
  const { page } = browser;
  await page.goto(url(`/videos/${video.id}/watch`, student));
  expect(await page.textContent('[data-caption-badge]')).toBe('Captions: not yet reviewed');
  const cues = await page.evaluate(async () => {
    const el = document.querySelector('track')!;
    if (el.readyState !== 2) {
      el.track.mode = 'hidden';
      await new Promise((resolve, reject) => {
        el.addEventListener('load', resolve);
        el.addEventListener('error', reject);
      });
    }
    return Array.from(el.track.cues ?? []).map((c) => (c as VTTCue).text);
  });
  expect(cues).toEqual(['First words', 'Second words']);
  expect(await axeViolations(page)).toEqual([]);
}, 60_000);
