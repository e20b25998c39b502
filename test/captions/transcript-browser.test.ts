// The interactive transcript and the caption style in the learner's player (Chromium, real app): the
// transcript lists the cues, clicking one seeks, the current cue is highlighted while playing, search
// filters; a chosen caption size is saved for the user and still applied after a reload; axe-clean.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { captionEditorMessages } from '../../src/captions/caption-editor.messages.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { axeViolations } from '../helpers/browser.js';
import { cspViolations, waitForVideo } from '../player/player-page.js';
import { useCaptionBrowser, type CaptionBrowserFixture } from './editor-fixtures.js';

// The demo LMS launches the learner in English.
const en = captionEditorMessages.en;
const suite = useCaptionBrowser();
let f: CaptionBrowserFixture;
let video: Video;
beforeAll(async () => {
  f = suite.fixture();
  video = await f.newVideo();
}, 120_000);

async function openWatch(opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await suite.open(`/videos/${video.id}/watch`, f.learnerToken, opts);
  await page.waitForSelector('[data-player][data-player-state="ready"]', { state: 'attached' });
  return page;
}

async function openTranscript(page: Page): Promise<void> {
  await page.getByRole('button', { name: en['captions.transcript.show'] }).click();
  await page.waitForSelector('.player-transcript-cue');
}

const currentCue = (page: Page) => page.locator('.player-transcript-cue[aria-current="true"] .player-transcript-text').allInnerTexts();

describe('the interactive transcript', () => {
  it('is axe-clean with the transcript and the style settings open', async () => {
    const page = await openWatch({ bypassCSP: true });
    await openTranscript(page);
    await page.getByRole('button', { name: en['captions.style.button'] }).click();
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('lists the cues, seeks on click, follows playback, searches, and offers downloads', async () => {
    const page = await openWatch();
    const toggle = page.getByRole('button', { name: en['captions.transcript.show'] });
    await openTranscript(page);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.player-transcript-text').allInnerTexts()).toEqual(['Tervetuloa luennolle', 'Tänään puhumme termodynamiikasta', 'Ensimmäinen pääsääntö', 'Kiitos kuulemisesta']);
    await page.getByRole('button', { name: /Ensimmäinen pääsääntö/ }).click();
    await waitForVideo(page, (v) => Math.abs(v.currentTime - 3) < 0.05);
    await page.locator('.player-transcript-cue[aria-current="true"]', { hasText: 'Ensimmäinen pääsääntö' }).waitFor({ timeout: 5_000 });
    await expect(currentCue(page)).resolves.toEqual(['Ensimmäinen pääsääntö']);
    // Keyboard: Enter on a cue seeks too.
    await page.getByRole('button', { name: /Tervetuloa luennolle/ }).focus();
    await page.keyboard.press('Enter');
    await waitForVideo(page, (v) => v.currentTime < 0.1);
    await page.getByRole('button', { name: /Tänään puhumme/ }).click();
    await page.locator('.player-play').click();
    // The highlight moves on with playback (timeupdate comes about every 250 ms).
    await page.locator('.player-transcript-cue[aria-current="true"]', { hasText: 'Ensimmäinen pääsääntö' }).waitFor({ timeout: 10_000 });
    await page.locator('.player-transcript-cue[aria-current="true"]', { hasText: 'Kiitos kuulemisesta' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.player-transcript-cue[aria-current="true"]').count()).toBe(1);
    await page.locator('.player-play').click();

    await page.getByLabel(en['captions.transcript.search']).fill('pääsääntö');
    expect(await page.locator('.player-transcript-list li:not([hidden]) .player-transcript-text').allInnerTexts()).toEqual(['Ensimmäinen pääsääntö']);
    expect(await page.locator('.player-transcript mark').allInnerTexts()).toEqual(['pääsääntö']);
    await expect(page.locator('.player-transcript-count').innerText()).resolves.toBe('1 matching cues');
    await page.getByLabel(en['captions.transcript.search']).fill('');
    expect(await page.locator('.player-transcript-list li:not([hidden])').count()).toBe(4);

    expect(await page.locator('.player-transcript-txt').getAttribute('href')).toMatch(/^blob:/);
    const vttHref = await page.locator('.player-transcript-vtt').getAttribute('href');
    expect(vttHref).toBe(await page.locator('track').evaluate((t) => (t as HTMLTrackElement).src));
    const downloaded = async (selector: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
      return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
    };
    const vtt = await downloaded('.player-transcript-vtt');
    expect(vtt.name).toMatch(/\.fi\.vtt$/);
    expect(vtt.text).toContain('00:00:04.500 --> 00:00:06.000\nKiitos kuulemisesta');
    const txt = await downloaded('.player-transcript-txt');
    expect(txt.name).toMatch(/\.fi\.txt$/);
    expect(txt.text).toBe('Tervetuloa luennolle\nTänään puhumme termodynamiikasta\nEnsimmäinen pääsääntö\nKiitos kuulemisesta\n');

    await toggle.click();
    expect(await page.locator('.player-transcript').isHidden()).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
  }, 60_000);
});

describe('caption style', () => {
  it('applies a chosen size at once, saves it for the user, and applies it again after a reload', async () => {
    const page = await openWatch();
    const root = page.locator('[data-player]');
    expect(await root.getAttribute('class')).toMatch(/cs-size-medium/);
    await page.getByRole('button', { name: en['captions.style.button'] }).click();
    await page.getByLabel(en['captions.style.size']).selectOption('x-large');
    expect(await root.getAttribute('class')).toMatch(/cs-size-x-large/);
    await page.waitForSelector('[data-player][data-caption-style-state="saved"]');
    const row = await f.ctx.deps.db.selectFrom('users').select('caption_style').where('id', '=', f.learnerId).executeTakeFirstOrThrow();
    expect(row.caption_style).toEqual({ size: 'x-large', color: 'white', background: 'solid' });
    await page.reload();
    await page.waitForSelector('[data-player][data-player-state="ready"]', { state: 'attached' });
    expect(await root.getAttribute('class')).toMatch(/cs-size-x-large/);
    expect(await page.getByLabel(en['captions.style.size']).inputValue()).toBe('x-large');
    expect(await cspViolations(page)).toEqual([]);
  }, 60_000);
});
