// Shared by the caption editor and transcript browser tests: a published video made by the real
// processing job from a generated 6 s clip, with an automatic (ASR) Finnish track of four cues, and
// Chromium pages opened with a token session (as in an LMS iframe without cookies).
import type { Browser, Page } from 'playwright-core';
import { saveCaptionVersion } from '../../src/captions/captions.repo.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { launchChromium } from '../player/chromium.js';
import { createPublishedVideo, removeWorkRoots } from '../videos/processing-fixtures.js';
import { launchEveryone } from '../videos/watch-clients.js';

export const fourCues = [
  '00:00:00.000 --> 00:00:01.500\nTervetuloa luennolle',
  '00:00:01.500 --> 00:00:03.000\nTänään puhumme termodynamiikasta',
  '00:00:03.000 --> 00:00:04.500\nEnsimmäinen pääsääntö',
  '00:00:04.500 --> 00:00:06.000\nKiitos kuulemisesta',
];

const CSP_WATCH = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;

export type CaptionBrowserFixture = {
  ctx: LtiTestContext;
  browser: Browser;
  instructorId: string;
  learnerId: string;
  instructorToken: string;
  learnerToken: string;
  newVideo: () => Promise<Video>;
};

export async function setUpCaptionBrowser(): Promise<CaptionBrowserFixture> {
  const ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '' } });
  const { courseId, instructorId, learnerId, clients } = await launchEveryone(ctx);
  const newVideo = async () => {
    const video = await createPublishedVideo(ctx.deps, { ownerId: instructorId, courseId });
    await ctx.deps.db.updateTable('videos').set({ language: 'fi' }).where('id', '=', video.id).execute();
    const vtt = `WEBVTT\n\n${fourCues.join('\n\n')}\n`;
    await saveCaptionVersion(ctx.deps.db, { videoId: video.id, language: 'fi', source: 'asr', vtt, cueCount: 4, userId: null, now: new Date() });
    return video;
  };
  return { ctx, browser: await launchChromium(), instructorId, learnerId, instructorToken: clients.instructorHere.sessionToken, learnerToken: clients.learnerHere.sessionToken, newVideo };
}

export async function openPage(f: CaptionBrowserFixture, path: string, token: string, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await f.browser.newContext({ bypassCSP: opts.bypassCSP ?? false, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript({ content: CSP_WATCH });
  await page.goto(`${f.ctx.jwksBase}${path}${path.includes('?') ? '&' : '?'}st=${encodeURIComponent(token)}`);
  return page;
}

export type CaptionBrowserSuite = {
  /** The fixture, ready once the suite's beforeAll has run. */
  fixture: () => CaptionBrowserFixture;
  /** openPage, with the page's browser context closed after the test. */
  open: (path: string, token: string, opts?: { bypassCSP?: boolean }) => Promise<Page>;
};

/** The hooks every caption browser suite shares: the fixture, pages closed after each test, all torn down at the end. */
export function useCaptionBrowser(): CaptionBrowserSuite {
  let f: CaptionBrowserFixture | undefined;
  let pages: Page[] = [];
  beforeAll(async () => {
    f = await setUpCaptionBrowser();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    pages = [];
  });
  afterAll(async () => {
    await f?.browser.close();
    await removeWorkRoots();
    await f?.ctx.close();
  });
  const fixture = () => {
    if (!f) throw new Error('the caption browser fixture is used before its beforeAll ran');
    return f;
  };
  return {
    fixture,
    open: async (path, token, opts) => {
      const page = await openPage(fixture(), path, token, opts);
      pages.push(page);
      return page;
    },
  };
}
