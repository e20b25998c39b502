// The new pages in Chromium, used as people use them (sessions carried by token, as in a cookie-less LMS
// iframe): a learner reports a video, the admin hides it from the moderation queue, the owner reads why
// and adds a co-editor, and the privacy pages; axe-core finds nothing on any page shown.
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createVideo } from '../helpers/video-factory.js';
import type { Who } from '../helpers/six-users.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
let browser: TestBrowser;
let videoId: string;

beforeAll(async () => {
  f = await createGovernanceFixture();
  browser = await launchBrowser();
  videoId = (await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'published', title: 'Kvanttimekaniikka 1' })).id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

const open = async (who: Exclude<Who, 'anonymous'>, path: string) => {
  const token = f.users.clients[who].sessionToken;
  await browser.page.goto(`${f.ctx.jwksBase}${path}${path.includes('?') ? '&' : '?'}st=${encodeURIComponent(token)}`);
};
const expectNoAxeViolations = async () => expect(await axeViolations(browser.page)).toEqual([]);

test('a learner reports the video with the keyboard and sees the confirmation', async () => {
  const { page } = browser;
  await open('learnerHere', `/videos/${videoId}/report`);
  await expectNoAxeViolations();
  await page.focus('#rep-privacy');
  await page.keyboard.press('Space');
  await page.fill('#rep-details', 'My face is shown at 12:30 and I did not agree to it');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="report-sent"]');
  await expectNoAxeViolations();
});

test('the admin hides the video from the moderation queue, giving a reason', async () => {
  const { page } = browser;
  await open('admin', '/admin/moderation');
  await expectNoAxeViolations();
  expect(await page.textContent(`[data-video-id="${videoId}"]`)).toContain('My face is shown at 12:30');
  await page.fill(`#reason-takedown-${videoId}`, 'Consent missing for a person shown');
  await page.click(`form[action*="/${videoId}/takedown"] button`);
  await page.waitForSelector('[data-testid="hidden"]');
  expect(await page.textContent('[role="status"]')).toBeTruthy();
  await expectNoAxeViolations();
});

test('the owner reads why on the ownership page and adds a colleague as co-editor', async () => {
  const { page } = browser;
  await f.makeStaff({ name: 'Kaisa Kollega', email: 'kaisa@uni.test' });
  await open('instructorHere', `/videos/${videoId}/ownership`);
  expect(await page.textContent('[data-testid="takedown"]')).toContain('Consent missing for a person shown');
  await expectNoAxeViolations();
  await page.fill('#staff-q', 'Kaisa');
  await page.press('#staff-q', 'Enter');
  await page.waitForSelector('[data-testid="candidates"]');
  await expectNoAxeViolations();
  await page.click('[data-testid="candidates"] form[action*="/editors"] button');
  await page.waitForSelector('[data-testid="editors"]');
  expect(await page.textContent('[data-testid="editors"]')).toContain('Kaisa Kollega');
  await expectNoAxeViolations();
});

test('the privacy pages: a person’s data page, and the admin’s region, people and erasure forms', async () => {
  const { page } = browser;
  await open('learnerHere', '/privacy');
  expect(await page.getAttribute('a[href^="/privacy/export"]', 'download')).not.toBeNull();
  await expectNoAxeViolations();
  await open('admin', '/admin/privacy');
  await page.fill('#storage-region', 'EU (Finland)');
  await page.click('form[action^="/admin/privacy/region"] button');
  await page.waitForSelector('[role="status"]');
  await expectNoAxeViolations();
  await page.fill('#people-q', 'Sam');
  await page.press('#people-q', 'Enter');
  await page.click('[data-testid="people"] a');
  await page.waitForSelector('#erase-heading');
  await page.fill('#staff-q', 'Kaisa');
  await page.press('#staff-q', 'Enter');
  await page.waitForSelector('#transfer-to');
  await expectNoAxeViolations();
});
