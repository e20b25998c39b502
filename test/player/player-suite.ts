// Shared setup of the player test files: the ffmpeg fixture, the test server and one Chromium per file;
// each test opens its page in a context of its own, closed after it.
import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { playerMessages } from '../../src/videos/player.messages.js';
import { launchChromium } from './chromium.js';
import { makeHlsFixture, type HlsFixture } from './hls-fixture.js';
import { closePage, openPlayer, waitForVideo } from './player-page.js';
import { startPlayerServer, type PlayerServer } from './player-server.js';

export const fi = playerMessages.fi;

export type PlayerSuite = {
  server: () => PlayerServer;
  browser: () => Browser;
  open: (query: string, opts?: Parameters<typeof openPlayer>[2]) => Promise<Page>;
  /** Registers a page opened some other way, so it is closed after the test. */
  track: (page: Page) => Page;
};

export function usePlayerSuite(): PlayerSuite {
  let fixture: HlsFixture | undefined;
  let server: PlayerServer | undefined;
  let browser: Browser | undefined;
  let pages: Page[] = [];

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([makeHlsFixture(), launchChromium()]);
    server = await startPlayerServer(fixture.dir);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(pages.map((p) => closePage(p)));
    pages = [];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (fixture) await rm(fixture.dir, { recursive: true, force: true });
  });

  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('player suite not set up');
    return value;
  };
  const track = (page: Page) => {
    pages.push(page);
    return page;
  };
  return {
    server: () => must(server),
    browser: () => must(browser),
    open: async (query, opts) => track(await openPlayer(must(browser), `${must(server).baseUrl}/watch?${query}`, opts)),
    track,
  };
}

export async function clickPlay(page: Page): Promise<void> {
  await page.getByRole('button', { name: fi['player.play'] }).click();
  await waitForVideo(page, (v) => v.currentTime > 0.3);
}

export async function chooseFromMenu(page: Page, menuName: RegExp, item: string): Promise<void> {
  await page.getByRole('button', { name: menuName }).click();
  await page.getByRole('menuitemradio', { name: item, exact: true }).click();
}
