// A person's first launch after terms are published, in Chromium: the demo LMS launches Luento in a
// cross-site iframe (no cookies, so the session rides in links and forms), the terms gate shows the
// terms, and accepting leads on to the course page. Both pages pass axe-core.
import { systemActor } from '../../src/auth/permissions.js';
import { publishTerms } from '../../src/governance/terms.service.js';
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startDemoLmsServer, type DemoLmsServer } from '../helpers/demo-lms-server.js';
import type { TestContext } from '../helpers/test-app.js';

let demo: DemoLmsServer;
let ctx: TestContext;
let lms: string;
let base: string;
let browser: TestBrowser;

beforeAll(async () => {
  demo = await startDemoLmsServer();
  ({ ctx, lms, base } = demo);
  await publishTerms({ db: ctx.deps.db, now: () => new Date() }, systemActor, {
    bodyFi: '# Käyttöehdot\n\nKäytä Luentoa vain opiskeluun.',
    bodySv: '# Användarvillkor\n\nAnvänd Luento bara för studier.',
    bodyEn: '# Terms of use\n\nUse Luento for study only.\n\n- Respect **copyright**.\n- Ask [support](mailto:support@uni.example) if unsure.',
    requiresAcceptance: 'on',
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

it('shows the terms at the first launch; accepting leads on to the course page', async () => {
  const { page } = browser;
  await page.goto(`${lms}/demo/launch?user=student`);
  const frame = await (await page.waitForSelector('#tool-frame')).contentFrame();
  if (!frame) throw new Error('no iframe');
  const accept = frame.locator('#accept-terms');
  await accept.waitFor({ timeout: 15_000 });
  expect(new URL(frame.url()).pathname).toBe('/terms/accept');
  expect(await frame.locator('h1').textContent()).toBe('Accept the terms of use');
  expect(await frame.locator('article.terms-text li strong').textContent()).toBe('copyright');
  expect(await axeViolations(frame)).toEqual([]);
  // Keyboard use: the accept button takes focus and Enter submits it.
  await accept.focus();
  await Promise.all([frame.waitForURL(/\/courses\/\d+\?st=/), frame.press('#accept-terms', 'Enter')]);
  const signedIn = frame.locator('[data-testid="signed-in"]');
  await signedIn.waitFor({ timeout: 15_000 });
  expect(await signedIn.textContent()).toBe('Signed in as Sam Student, viewer');
  expect(await frame.locator('footer a[href^="/terms"]').textContent()).toBe('Terms of use');
  expect(await axeViolations(frame)).toEqual([]);
  const rows = await ctx.deps.db.selectFrom('terms_acceptances').select(['version']).execute();
  expect(rows).toEqual([{ version: 1 }]);
}, 90_000);

it('shows a site admin the terms, users and audit pages, the declined page and the terms, all axe-clean', async () => {
  const { page } = browser;
  await page.goto(`${lms}/demo/launch?user=admin`);
  const frame = await (await page.waitForSelector('#tool-frame')).contentFrame();
  if (!frame) throw new Error('no iframe');
  await frame.locator('#accept-terms').waitFor({ timeout: 15_000 });
  await Promise.all([frame.waitForURL(/\/courses\/\d+\?st=/), frame.click('#accept-terms')]);
  const st = new URL(frame.url()).searchParams.get('st') ?? '';
  const visit = async (path: string, heading: string) => {
    await frame.goto(`${base}${path}${path.includes('?') ? '&' : '?'}st=${encodeURIComponent(st)}`);
    expect(await frame.locator('h1').textContent()).toBe(heading);
    expect(await axeViolations(frame)).toEqual([]);
  };
  await visit('/admin/terms', 'Terms of use');
  expect(await frame.locator('tr[data-version="1"] .acceptances').textContent()).toBe('2');
  await visit('/admin/users?q=sam', 'Users');
  expect(await frame.locator('tbody tr').count()).toBe(1);
  await visit('/admin/audit?action=terms.accepted', 'Audit log');
  expect(await frame.locator('tbody tr').count()).toBe(2);
  await visit('/terms/declined', 'Access is blocked');
  await visit('/terms', 'Terms of use');
}, 90_000);

it('shows a disabled user the refusal page at launch, axe-clean', async () => {
  await ctx.deps.db.updateTable('users').set({ disabled_at: new Date(), disabled_reason: 'test' }).where('sub', '=', 'demo-student-1').execute();
  const { page } = browser;
  await page.goto(`${lms}/demo/launch?user=student`);
  const frame = await (await page.waitForSelector('#tool-frame')).contentFrame();
  if (!frame) throw new Error('no iframe');
  await frame.locator('h1', { hasText: 'Account disabled' }).waitFor({ timeout: 15_000 });
  expect(await frame.locator('[role="alert"]').textContent()).toContain('has been disabled by a site administrator');
  expect(await axeViolations(frame)).toEqual([]);
}, 60_000);
