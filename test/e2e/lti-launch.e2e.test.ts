// A person's view: the demo LMS page launches Luento in an iframe through the real OIDC flow in
// Chromium, and the course page shows the user's name and role. Both pages pass axe-core.
// The demo LMS is served as http://localhost:PORT and Luento as http://127.0.0.1:PORT: two sites, so
// Luento is a cross-site iframe whose cookies the browser does not send, as under a real LMS.
import { axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startDemoLmsServer, type DemoLmsServer } from '../helpers/demo-lms-server.js';

let demo: DemoLmsServer;
let lms: string;
let browser: TestBrowser;

beforeAll(async () => {
  demo = await startDemoLmsServer();
  lms = demo.lms;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

it('launches the tool in an iframe from the demo LMS; the course page names the user and role', async () => {
  const { page } = browser;
  const confirms: string[] = [];
  page.on('request', (r) => r.url().includes('/lti/launch/confirm') && confirms.push(r.url()));
  await page.goto(`${lms}/demo`);
  expect(await axeViolations(page)).toEqual([]);
  await page.click('a[data-user="teacher"]');
  const frameEl = await page.waitForSelector('#tool-frame');
  const frame = await frameEl.contentFrame();
  if (!frame) throw new Error('no iframe');
  const signedIn = frame.locator('[data-testid="signed-in"]');
  await signedIn.waitFor({ timeout: 15_000 });
  expect(await signedIn.textContent()).toBe('Kirjautuneena: Tuula Opettaja, sisällöntuottaja');
  expect(await frame.locator('html').getAttribute('lang')).toBe('fi');
  expect(await axeViolations(frame)).toEqual([]);
  // Cross-site: no cookie came back, so the signed login state and the session token in links did the job.
  expect(frame.url()).toMatch(/\/courses\/\d+\?st=/);
  expect(confirms).toEqual([]);
}, 60_000);

it('launches through the platform storage postMessage API when the LMS offers it', async () => {
  const { page } = browser;
  const confirms: string[] = [];
  page.on('request', (r) => r.url().includes('/lti/launch/confirm') && confirms.push(r.url()));
  await page.goto(`${lms}/demo/launch?user=student&storage=1`);
  const frame = await (await page.waitForSelector('#tool-frame')).contentFrame();
  if (!frame) throw new Error('no iframe');
  const signedIn = frame.locator('[data-testid="signed-in"]');
  await signedIn.waitFor({ timeout: 15_000 });
  expect(await signedIn.textContent()).toBe('Signed in as Sam Student, viewer');
  // The launch waited for the value the demo LMS window kept, then confirmed it.
  expect(confirms).toHaveLength(1);
  expect(frame.url()).toMatch(/\/courses\/\d+\?st=/);
}, 60_000);
