// Pause, resume, and resumption after a page reload, in Chromium through the real upload page, with the
// browser's upload bandwidth throttled (DevTools protocol) so that there is time to pause mid-file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
let browser: TestBrowser;
let dir: string;
let file: string;
let fileSha: string;
const SIZE = 6 * 1024 * 1024;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-resume-'));
  file = path.join(dir, 'long-lecture.mp4');
  const bytes = randomBytes(SIZE);
  fileSha = createHash('sha256').update(bytes).digest('hex');
  await writeFile(file, bytes);
  // 1.5 MB/s up: a 6 MiB file takes about four seconds, long enough to pause and to reload mid-way.
  const cdp = await browser.context.newCDPSession(browser.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1.5 * 1024 * 1024 });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const pageUrl = () => `${ctx.jwksBase}/courses/${teacher.courseId}/videos/new?st=${encodeURIComponent(teacher.sessionToken)}`;

async function fillAndStart(page: Page, title: string): Promise<void> {
  await page.fill('#up-title', title);
  await page.selectOption('#up-language', 'fi');
  await page.setInputFiles('#up-file', file);
  await page.check('#up-attest');
  await page.click('#up-start');
}

async function percentOf(page: Page): Promise<number> {
  return Number(await page.getAttribute('#up-bar', 'value'));
}

async function waitForPercent(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((p) => Number((document.getElementById('up-bar') as HTMLProgressElement).value) >= p, atLeast, { timeout: 20_000 });
}

async function storedSha(title: string): Promise<{ sha: string; status: string; count: number }> {
  const rows = await ctx.deps.db.selectFrom('videos').selectAll().where('title', '=', title).execute();
  const blob = await ctx.deps.media.blobStore.get(rows[0]!.source_key!);
  const hash = createHash('sha256');
  for await (const c of blob.stream) hash.update(c as Buffer);
  return { sha: hash.digest('hex'), status: rows[0]!.status, count: rows.length };
}

test('pause stops the transfer, resume continues from where it stopped, and the stored file is whole', async () => {
  const { page } = browser;
  await page.goto(pageUrl());
  await fillAndStart(page, 'Paused lecture');
  await waitForPercent(page, 20);
  await page.click('#up-pause');
  expect(await page.isVisible('#up-resume')).toBe(true);
  // Focus moves to Resume, and the pause is announced.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('up-resume');
  const paused = await percentOf(page);
  await page.waitForTimeout(1500);
  expect(await percentOf(page)).toBe(paused);
  await page.click('#up-resume');
  await page.waitForSelector('#up-done:not([hidden])', { timeout: 30_000 });
  const stored = await storedSha('Paused lecture');
  expect(stored).toEqual({ sha: fileSha, status: 'processing', count: 1 });
}, 60_000);

test('after a reload mid-upload, choosing the same file resumes the same upload', async () => {
  const { page } = browser;
  await page.goto(pageUrl());
  await fillAndStart(page, 'Reloaded lecture');
  await waitForPercent(page, 25);
  await page.reload();
  await fillAndStart(page, 'Reloaded lecture (second try)');
  await page.waitForSelector('#up-done:not([hidden])', { timeout: 30_000 });
  // It resumed the earlier upload: no second video was made, and the earlier one holds the whole file.
  expect(await ctx.deps.db.selectFrom('videos').select('id').where('title', '=', 'Reloaded lecture (second try)').execute()).toEqual([]);
  const stored = await storedSha('Reloaded lecture');
  expect(stored).toEqual({ sha: fileSha, status: 'processing', count: 1 });
  expect(await page.textContent('#up-announce')).toMatch(/Lataus valmis/);
}, 60_000);
