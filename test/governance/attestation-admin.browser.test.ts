// The admin's rights-and-consent statement page in Chromium, used as an admin uses it (session carried by
// token, as in a cookie-less LMS iframe): from the admin page to the versions, a draft whose name is taken
// (the problems listed and linked to their fields), a preview that shows markup as text, and publishing,
// after which the upload page shows the new statement. axe-core finds nothing on any page shown.
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
let browser: TestBrowser;

beforeAll(async () => {
  f = await createGovernanceFixture();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

const open = async (who: 'admin' | 'instructorHere', path: string) => {
  const token = f.users.clients[who].sessionToken;
  await browser.page.goto(`${f.ctx.jwksBase}${path}${path.includes('?') ? '&' : '?'}st=${encodeURIComponent(token)}`);
};
const expectNoAxeViolations = async () => expect(await axeViolations(browser.page)).toEqual([]);

test('the admin finds the page, is told which fields are wrong, previews a version and publishes it', async () => {
  const { page } = browser;
  await open('admin', '/admin');
  await page.click('a[href^="/admin/attestation"]');
  await page.waitForSelector('[data-testid="current"]');
  expect(await page.textContent('[data-version="2026-11-v1"]')).toContain('I own this recording');
  expect(await page.textContent('[data-testid="older-valid"]')).toMatch(/older version stay valid/);
  await expectNoAxeViolations();

  // A name that is taken: the page comes back with the texts kept and a list of links to the fields.
  await page.fill('#att-version', '2026-11-v1');
  await page.fill('#att-text-en', 'I confirm the rights, and <b>everyone</b> consented.\nSecond paragraph.');
  await page.click('[data-testid="preview-button"]');
  await page.waitForSelector('[data-testid="errors"]');
  expect(await page.inputValue('#att-text-en')).toContain('<b>everyone</b>');
  await page.click('[data-testid="errors"] a[href="#att-version"]');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('att-version');
  await expectNoAxeViolations();

  await page.fill('#att-version', '2027-01-v2');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="preview"]');
  const english = page.locator('[data-testid="preview"] dd[lang="en"]');
  // The markup is shown as typed, never interpreted, and the line break is kept.
  expect(await english.textContent()).toBe('I confirm the rights, and <b>everyone</b> consented.\nSecond paragraph.');
  expect(await english.locator('b').count()).toBe(0);
  expect((await english.boundingBox())!.height).toBeGreaterThan(30);
  await expectNoAxeViolations();

  await page.click('[data-testid="publish"]');
  await page.waitForSelector('[data-testid="published"]');
  expect(await page.textContent('[data-version="2027-01-v2"] h3')).toContain('current version');
  await expectNoAxeViolations();

  await open('instructorHere', `/courses/${f.here}/videos/new`);
  expect(await page.getAttribute('input[name="attestationVersion"]', 'value')).toBe('2027-01-v2');
}, 60_000);
