// The compliance pages in Chromium, as a person uses them with a keyboard: the course report (teacher),
// the site report with its filters (admin), the settings, and the text alternative and exemption pages.
// Every page shown is checked with axe-core (WCAG 2.1 A and AA).
import type { Page } from 'playwright-core';
import { sha256 } from '../../src/auth/hmac.js';
import { saveCaptionVersion } from '../../src/captions/captions.repo.js';
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { createVideo, userIdOfSession } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
let admin: LaunchedClient;
let browser: TestBrowser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createLtiTestContext();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  admin = await launchAs(ctx, 'admin', { course: 'admin-course', cookies: false });
  const teacherId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
  const make = async (title: string, daysAgo: number) => {
    const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: teacher.courseId, status: 'published', title });
    await ctx.deps.db.updateTable('videos').set({ published_at: new Date(Date.now() - daysAgo * 86_400_000) }).where('id', '=', v.id).execute();
    return v.id;
  };
  ids.overdue = await make('Overdue lecture', 20);
  ids.draft = await make('Draft lecture', 5);
  await saveCaptionVersion(ctx.deps.db, { videoId: ids.draft, language: 'fi', source: 'asr', vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhei\n', cueCount: 1, userId: null, now: new Date() });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ctx?.close();
});

const url = (client: LaunchedClient, path: string) => `${ctx.jwksBase}${path}${path.includes('?') ? '&' : '?'}st=${encodeURIComponent(client.sessionToken)}`;

/** Tabs until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; href: string; id: string }) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement & { href?: string };
      return { tag: a.tagName, text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '', id: a.id };
    });
    if (matches(el)) return;
  }
  throw new Error('not reachable with the keyboard');
}

test('the course report: axe-clean, the most urgent first, each action reachable and working by keyboard', async () => {
  const { page } = browser;
  await page.goto(url(teacher, `/courses/${teacher.courseId}/captions/compliance`));
  expect(await axeViolations(page)).toEqual([]);
  const order = await page.$$eval('tbody tr', (rows) => rows.map((r) => r.getAttribute('data-video-id')));
  expect(order).toEqual([ids.overdue, ids.draft]);
  expect(await page.textContent(`tr[data-video-id="${ids.overdue}"] .days`)).toMatch(/Myöhässä 6 päivää/);
  await tabTo(page, (el) => el.tag === 'A' && el.href.startsWith(`/videos/${ids.overdue}/captions/text-alternative`));
  await page.keyboard.press('Enter');
  await page.waitForURL(/text-alternative/);
  expect(await axeViolations(page)).toEqual([]);
  // Upload a transcript through the page's form.
  await page.setInputFiles('#ta-file', { name: 'transcript.txt', mimeType: 'text/plain', buffer: Buffer.from('Hello, this is the transcript.\n') });
  await page.click('button[type="submit"]:not(.secondary)');
  await page.waitForSelector('[data-testid="text-alternative-file"]');
  expect(await page.textContent('[role="status"]')).toMatch(/Tekstivastine tallennettiin/);
  expect(await axeViolations(page)).toEqual([]);
  // Back on the report, the video now meets the requirement and the summary says so.
  await page.goto(url(teacher, `/courses/${teacher.courseId}/captions/compliance`));
  expect(await page.getAttribute(`tr[data-video-id="${ids.overdue}"]`, 'data-status')).toBe('text-alternative');
  expect(await page.textContent('[data-count="overdue"]')).toBe('0');
  // The course setting by keyboard: choose "off" and save.
  await tabTo(page, (el) => el.id === 'cc-asr-follow');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await page.isChecked('#cc-asr-off')).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('section [role="status"]');
  expect(await axeViolations(page)).toEqual([]);
  const course = await ctx.deps.db.selectFrom('courses').select('asr_on_publish').where('id', '=', teacher.courseId).executeTakeFirstOrThrow();
  expect(course.asr_on_publish).toBe(false);
}, 90_000);

test('the site report: filters by keyboard, the settings and the exemption pages are axe-clean', async () => {
  const { page } = browser;
  await page.goto(url(admin, '/admin/captions/compliance'));
  expect(await axeViolations(page)).toEqual([]);
  await page.focus('#cc-status');
  await page.selectOption('#cc-status', 'automatic-draft');
  await tabTo(page, (el) => el.tag === 'BUTTON', 3);
  await page.keyboard.press('Enter');
  await page.waitForURL(/status=automatic-draft/);
  expect(await page.$$eval('tbody tr', (rows) => rows.map((r) => r.getAttribute('data-video-id')))).toEqual([ids.draft]);
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, (el) => el.tag === 'A' && el.href.startsWith(`/videos/${ids.draft}/captions/exemption`));
  await page.keyboard.press('Enter');
  await page.waitForURL(/exemption/);
  expect(await axeViolations(page)).toEqual([]);
  await page.focus('#ex-reason');
  await page.keyboard.type('The video reads out the text printed above it on the course page.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="exemption-current"]');
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(url(admin, '/admin/captions/settings'));
  expect(await axeViolations(page)).toEqual([]);
  await page.fill('#cs-deadline', '21');
  await page.click('button[type="submit"]');
  await page.waitForSelector('[role="status"]');
  expect(await page.inputValue('#cs-deadline')).toBe('21');
}, 90_000);
