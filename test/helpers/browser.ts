// The one way tests start a browser: Debian's Chromium through playwright-core, with the flags that
// work on these machines (MEDIA-NOTES), a fresh profile each time, and an axe-core check helper.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export type TestBrowser = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** A persistent context on a fresh profile. bypassCSP lets tests inject axe-core into our strict-CSP pages. */
export async function launchBrowser(opts: { extraArgs?: string[] } = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'luento-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, ...(opts.extraArgs ?? [])],
    bypassCSP: true,
    locale: 'en-GB',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/** Runs axe-core in a page or frame and returns its violations (WCAG 2.1 A and AA rules). */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await saveScreenshot(target);
  await target.addScriptTag({ path: path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js') });
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/**
 * With LUENTO_SCREENSHOT_DIR set, every page the browser tests check with axe is also saved there as a
 * PNG named after its path (for the README's screenshots: `LUENTO_SCREENSHOT_DIR=/tmp/shots npm run jest -- test/captions`).
 */
async function saveScreenshot(target: Page | Frame): Promise<void> {
  const dir = process.env.LUENTO_SCREENSHOT_DIR;
  if (!dir) return;
  const page = 'page' in target ? target.page() : target;
  const url = new URL(target.url());
  const name = `${url.pathname}`.replace(/[0-9a-f-]{36}|\d+/g, 'N').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'root';
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}-${Date.now()}.png`), fullPage: true });
}
