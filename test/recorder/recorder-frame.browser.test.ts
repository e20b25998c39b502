// The recorder inside an LMS iframe. With allow="camera; microphone; display-capture" (as Moodle admins
// are told to set) it records in the frame. Without it, the page says so and offers a new window that
// opens in the same session, where capture works.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestBrowser } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { expectAxeClean, launchRecorderBrowser, recorderUrl } from './recorder-browser.js';

let lms: http.Server;
let lmsOrigin: string;
/** The LMS course page's iframe: its src, and its allow attribute (null: none). */
const frameOf = { src: '', allow: null as string | null };
let ctx: LtiTestContext;
let teacher: LaunchedClient;
let browser: TestBrowser;

beforeAll(async () => {
  // The LMS is another origin (another port), as Moodle is to Luento; its course page frames the recorder.
  lms = http.createServer((_req, res) => {
    const allow = frameOf.allow === null ? '' : ` allow="${frameOf.allow}"`;
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><html lang="en"><head><title>LMS</title></head><body><main><h1>LMS</h1><iframe title="Luento" id="f" src="${frameOf.src}"${allow} width="900" height="700"></iframe></main></body></html>`);
  });
  await new Promise<void>((r) => lms.listen(0, '127.0.0.1', r));
  lmsOrigin = `http://127.0.0.1:${(lms.address() as AddressInfo).port}`;
  ctx = await createLtiTestContext({ env: { FRAME_ANCESTORS: lmsOrigin } });
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  browser = await launchRecorderBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ctx?.close();
  await new Promise((r) => lms?.close(r));
});

/** The LMS course page framing the recorder, with or without the allow attribute. */
async function framed(allow: string | null) {
  const { page } = browser;
  frameOf.src = recorderUrl(ctx, teacher.courseId, teacher.sessionToken);
  frameOf.allow = allow;
  await page.goto(`${lmsOrigin}/course`);
  const frame = await (await page.waitForSelector('#f')).contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForSelector('#recorder[data-ready]', { state: 'attached' });
  return frame;
}

test('with allow="camera; microphone; display-capture" the recorder captures inside the frame', async () => {
  const frame = await framed('camera; microphone; display-capture');
  expect(await frame.isHidden('#rec-popout')).toBe(true);
  await frame.check('#rec-src-camera');
  await frame.waitForFunction(() => (document.getElementById('rec-preview-camera') as HTMLVideoElement).readyState >= 2, undefined, { timeout: 30_000 });
  await expectAxeClean(frame);
});

test('without it, the page offers a new window in the same session, where capture works', async () => {
  const frame = await framed(null);
  await frame.waitForSelector('#rec-popout:not([hidden])');
  await expectAxeClean(frame);
  const [popup] = await Promise.all([browser.context.waitForEvent('page'), frame.click('#rec-popout a')]);
  await popup.waitForSelector('#recorder[data-ready]', { state: 'attached' });
  expect(new URL(popup.url()).searchParams.get('st')).toBe(teacher.sessionToken);
  expect(await popup.isHidden('#rec-popout')).toBe(true);
  await popup.check('#rec-src-camera');
  await popup.waitForFunction(() => (document.getElementById('rec-preview-camera') as HTMLVideoElement).readyState >= 2, undefined, { timeout: 30_000 });
  expect(await popup.isHidden('#rec-message')).toBe(true);
  await popup.close();
});
