// A teacher signs in directly, in Chromium: Luento's sign-in page (reached and used by keyboard only),
// the university's IdP on another site, the terms of use, and My recordings with the video she made
// through her LMS (linked by e-mail). Every Luento page passes axe-core. Luento is "localhost", the IdP
// "127.0.0.1": two sites, so the callback is the cross-site top-level navigation that SameSite=Lax allows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../../src/app.js';
import { systemActor } from '../../../src/auth/permissions.js';
import { publishTerms } from '../../../src/governance/terms.service.js';
import { axeViolations, launchBrowser, type TestBrowser } from '../../helpers/browser.js';
import { createCourse, createTestPlatform, createUser, type TestPlatform } from '../../helpers/factories.js';
import { idpPeople, startTestIdp, type TestIdp } from '../../helpers/oidc-idp.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { createVideo } from '../../helpers/video-factory.js';
import { oidcEnv } from './oidc-fixtures.js';

let server: http.Server;
let base: string;
let idp: TestIdp;
let ctx: TestContext;
let platform: TestPlatform;
let browser: TestBrowser;

beforeAll(async () => {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  idp = await startTestIdp({ redirectUri: `${base}/auth/oidc/callback` });
  ctx = await createTestContext({ env: { PUBLIC_URL: base, ...oidcEnv(idp.issuer) }, startQueue: false });
  handler = buildApp(ctx.deps);
  // Nea made a recording through her LMS before; the IdP knows her by the same, verified address.
  platform = await createTestPlatform(ctx.deps.db);
  const course = await createCourse(ctx.deps.db, { platformId: platform.platform.id, title: 'Physics 101' });
  const nea = await createUser(ctx.deps.db, { platformId: platform.platform.id, name: 'Nea Newcomer' });
  await ctx.deps.db.updateTable('users').set({ email: idpPeople.newcomer.email }).where('id', '=', nea.id).execute();
  await createVideo(ctx.deps.db, { ownerId: nea.id, courseId: course.id, status: 'published', title: 'Lecture 3: Waves' });
  await publishTerms({ db: ctx.deps.db, now: () => new Date() }, systemActor, { bodyFi: '# Ehdot', bodySv: '# Villkor', bodyEn: '# Terms of use\n\nUse Luento for teaching.', requiresAcceptance: 'on' });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await ctx?.close();
  await platform?.close();
  await idp?.close();
});

it('signs in with the keyboard, accepts the terms and lands on My recordings; signs out', async () => {
  const { page } = browser;
  await page.goto(`${base}/signin`);
  expect(await page.locator('h1').textContent()).toBe('Sign in');
  expect(await axeViolations(page)).toEqual([]);
  // Keyboard only: Tab until the sign-in button has focus, then Enter.
  for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('signin-button'))); i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in with Test University');
  await Promise.all([page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//), page.keyboard.press('Enter')]);

  // The university's own login page.
  await page.fill('#login', 'newcomer');
  await page.fill('#password', 'correct horse');
  await Promise.all([page.waitForURL(/\/terms\/accept/), page.click('button[type="submit"]')]);
  expect(new URL(page.url()).searchParams.get('next')).toBe('/me/videos');
  expect(await axeViolations(page)).toEqual([]);
  await Promise.all([page.waitForURL(/\/me\/videos$/), page.click('#accept-terms')]);

  expect(await page.locator('h1').textContent()).toBe('My recordings');
  const row = page.locator('tr', { hasText: 'Lecture 3: Waves' });
  expect(await row.locator('td').nth(1).textContent()).toBe('Physics 101');
  expect(await row.locator('a[href$="/edit"]').getAttribute('href')).toMatch(/^\/videos\/[0-9a-f-]{36}\/edit$/);
  expect(await page.locator('nav.site-nav a').textContent()).toBe('My recordings');
  expect(await axeViolations(page)).toEqual([]);

  await Promise.all([page.waitForURL(/\/signin\?signedOut=1$/), page.click('nav.site-nav button')]);
  expect(await page.locator('[role="status"]').textContent()).toBe('You have signed out of Luento.');
  expect(await axeViolations(page)).toEqual([]);
  const sessions = await ctx.deps.db.selectFrom('sessions').select('user_id').execute();
  expect(sessions).toEqual([]);
}, 90_000);

it('shows a student the staff-only page, accessibly', async () => {
  const { page, context } = browser;
  // Signing out of Luento leaves the IdP's own session (single sign-on): a new person needs fresh cookies.
  await context.clearCookies();
  await page.goto(`${base}/signin`);
  await Promise.all([page.waitForURL(/\/interaction\//), page.click('.signin-button')]);
  await page.fill('#login', 'student');
  await Promise.all([page.waitForURL(/\/auth\/oidc\/callback/), page.click('button[type="submit"]')]);
  // Sam's IdP locale is fi: the refusal is in Finnish, and says where students go.
  expect(await page.locator('h1').textContent()).toBe('Suora kirjautuminen on henkilökunnalle');
  expect(await page.locator('html').getAttribute('lang')).toBe('fi');
  expect(await axeViolations(page)).toEqual([]);
}, 60_000);
