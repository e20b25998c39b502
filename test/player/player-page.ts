// Page helpers for the player tests: open a player page in a context of its own, read the <video>'s
// state, watch for CSP violations.
import type { Browser, Page } from 'playwright-core';

export type VideoState = {
  currentTime: number; paused: boolean; ended: boolean; muted: boolean; playbackRate: number; videoHeight: number;
  trackModes: string[]; cueCounts: number[];
};

const CSP_WATCH = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;

export async function openPlayer(browser: Browser, url: string, opts: { waitFor?: 'ready' | 'error'; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: opts.bypassCSP ?? false, viewport: { width: 960, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: CSP_WATCH });
  await page.goto(url);
  await page.waitForSelector(`[data-player][data-player-state="${opts.waitFor ?? 'ready'}"]`, { state: 'attached' });
  return page;
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

export function videoState(page: Page): Promise<VideoState> {
  return page.evaluate(() => {
    const v = document.querySelector('video') as HTMLVideoElement;
    const tracks = Array.from({ length: v.textTracks.length }, (_, i) => v.textTracks[i] as TextTrack);
    return {
      currentTime: v.currentTime, paused: v.paused, ended: v.ended, muted: v.muted, playbackRate: v.playbackRate,
      videoHeight: v.videoHeight, trackModes: tracks.map((t) => t.mode), cueCounts: tracks.map((t) => t.cues?.length ?? 0),
    };
  });
}

/**
 * Polls the <video>'s state from the test until the predicate holds. (A string predicate for
 * waitForFunction would be eval'd in the page, which our CSP rightly refuses.)
 */
export async function waitForVideo(page: Page, predicate: (s: VideoState) => boolean, timeout = 10_000): Promise<VideoState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await videoState(page);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`video state never matched ${predicate.toString()}: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate('window.__cspViolations') as Promise<string[]>;
}

export function liveText(page: Page): Promise<string> {
  return page.locator('.player-live').innerText();
}
