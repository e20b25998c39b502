// The caption editor in Chromium, as the video's owner: change a cue's text, autosave, reload, the change
// persists; split, merge and undo; one edit by keyboard alone; "Mark as reviewed" changes the track in
// the database and the label in the learner's captions menu; axe-core finds nothing on the page.
import type { Page } from 'playwright-core';
import { captionEditorMessages } from '../../src/captions/caption-editor.messages.js';
import { findTrack, listVersions } from '../../src/captions/captions.repo.js';
import { playerMessages } from '../../src/videos/player.messages.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { axeViolations } from '../helpers/browser.js';
import { cspViolations, waitForVideo } from '../player/player-page.js';
import { useCaptionBrowser, type CaptionBrowserFixture } from './editor-fixtures.js';

// The demo LMS launches the teacher in Finnish (the editor speaks Finnish) and the learner in English.
const fi = captionEditorMessages.fi;
const cueLabel = (n: number) => new RegExp(`^Tekstitys ${n},`);
const suite = useCaptionBrowser();
let f: CaptionBrowserFixture;
beforeAll(() => {
  f = suite.fixture();
});

async function openEditor(video: Video, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await suite.open(`/videos/${video.id}/captions/fi/edit`, f.instructorToken, opts);
  await page.waitForSelector('#caption-editor[data-editor-ready="true"]');
  return page;
}

const cueTexts = (page: Page) => page.locator('.caption-cue-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
const waitSaved = (page: Page) => page.waitForSelector('#caption-editor[data-save-state="saved"]', { timeout: 15_000 });
const currentVersion = async (video: Video) => (await findTrack(f.ctx.deps.db, video.id, 'fi'))?.currentVersion;

async function waitForVersion(video: Video, version: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await currentVersion(video)) !== version) {
    if (Date.now() > deadline) throw new Error(`version ${version} never saved (now ${await currentVersion(video)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the caption editor', () => {
  it('is axe-clean with the player and the cue list', async () => {
    const video = await f.newVideo();
    const page = await openEditor(video, { bypassCSP: true });
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('autosaves an edited cue as a new version that persists across a reload, and restores an old version', async () => {
    const video = await f.newVideo();
    const page = await openEditor(video);
    expect(await cueTexts(page)).toHaveLength(4);
    await page.getByLabel(cueLabel(1)).fill('Tervetuloa luennolle, hyvät opiskelijat');
    await waitForVersion(video, 2);
    await waitSaved(page);
    await expect(page.locator('.caption-editor-status').innerText()).resolves.toMatch(/versio 2/);
    await page.reload();
    await page.waitForSelector('#caption-editor[data-editor-ready="true"]');
    expect((await cueTexts(page))[0]).toBe('Tervetuloa luennolle, hyvät opiskelijat');
    const [latest] = await listVersions(f.ctx.deps.db, (await findTrack(f.ctx.deps.db, video.id, 'fi'))!.id);
    expect(latest).toMatchObject({ source: 'edited', createdBy: f.instructorId, cueCount: 4 });
    expect(await page.locator('.caption-versions li').count()).toBe(2);
    // Restoring version 1 brings its text back as version 3.
    await page.getByRole('button', { name: fi['captions.editor.restore'].replace('{version}', '1') }).click();
    await waitForVersion(video, 3);
    await page.locator('.caption-versions li').nth(2).waitFor();
    expect((await cueTexts(page))[0]).toBe('Tervetuloa luennolle');
    expect(await cspViolations(page)).toEqual([]);
  }, 60_000);

  it('splits at the cursor, merges with the next cue, and undoes', async () => {
    const video = await f.newVideo();
    const page = await openEditor(video);
    const second = page.getByLabel(cueLabel(2));
    await second.focus();
    await second.evaluate((el) => (el as HTMLTextAreaElement).setSelectionRange(7, 7));
    await page.getByRole('button', { name: fi['captions.editor.split'] }).click();
    expect(await cueTexts(page)).toEqual(['Tervetuloa luennolle', 'Tänään', 'puhumme termodynamiikasta', 'Ensimmäinen pääsääntö', 'Kiitos kuulemisesta']);
    await expect(page.getByLabel(cueLabel(3)).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await waitForVersion(video, 2);
    const labels = await page.locator('.caption-cue-label').allInnerTexts();
    expect(labels[1]).toMatch(/^Tekstitys 2, 0:01\.500 – 0:0\d\.\d{3}$/);
    await page.getByLabel(cueLabel(1)).focus();
    await page.getByRole('button', { name: fi['captions.editor.merge'] }).click();
    expect((await cueTexts(page))[0]).toBe('Tervetuloa luennolle Tänään');
    expect(await cueTexts(page)).toHaveLength(4);
    await page.keyboard.press('Control+z');
    expect(await cueTexts(page)).toHaveLength(5);
    await page.keyboard.press('Control+y');
    expect(await cueTexts(page)).toHaveLength(4);
    await page.keyboard.press('Control+z');
    await waitForVersion(video, 3);
    await waitSaved(page);
    const vtt = (await listVersions(f.ctx.deps.db, (await findTrack(f.ctx.deps.db, video.id, 'fi'))!.id))[0]?.vtt;
    expect(vtt).toContain('\nTänään\n');
    expect(vtt).toContain('\npuhumme termodynamiikasta\n');
  }, 60_000);

  it('can be used with the keyboard alone: Tab to a cue, type, nudge to the playhead, find and replace', async () => {
    const video = await f.newVideo();
    const page = await openEditor(video);
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'caption-cue-2')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('caption-cue-2');
    await page.keyboard.press('End');
    await page.keyboard.type(' (ensimmäinen laki)');
    // Alt+K plays and pauses without leaving the cue (and types no "k").
    await page.keyboard.press('Alt+KeyK');
    await waitForVideo(page, (v) => !v.paused);
    await page.keyboard.press('Alt+KeyK');
    await waitForVideo(page, (v) => v.paused);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('caption-cue-2');
    // The playhead follows the focused cue (3.0 s); Alt+] sets the end there, which it refuses to make shorter than 0.1 s.
    await page.evaluate(() => {
      (document.querySelector('video') as HTMLVideoElement).currentTime = 4.2;
    });
    await page.keyboard.press('Alt+BracketRight');
    expect(await page.getByLabel(cueLabel(3)).evaluate((el) => (el as HTMLTextAreaElement).labels?.[0]?.textContent)).toMatch(/0:03\.000 – 0:04\.200/);
    await page.keyboard.press('Alt+ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('caption-cue-3');
    await waitSaved(page);
    await waitForVersion(video, 2);
    const vtt = (await listVersions(f.ctx.deps.db, (await findTrack(f.ctx.deps.db, video.id, 'fi'))!.id))[0]?.vtt;
    expect(vtt).toContain('00:00:03.000 --> 00:00:04.200\nEnsimmäinen pääsääntö (ensimmäinen laki)');
    await page.getByLabel(fi['captions.editor.find'], { exact: true }).focus();
    await page.keyboard.type('luennolle');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kurssille');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await cueTexts(page))[0]).toBe('Tervetuloa kurssille');
    // "Replace all" leaves the focus on its button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(fi['captions.editor.replaceAll']);
    // The split tool uses the caret the cue's text field kept when the focus moved on to the tool.
    await page.getByLabel(cueLabel(4)).focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: fi['captions.editor.split'] }).focus();
    await page.keyboard.press('Enter');
    expect((await cueTexts(page)).slice(3, 5)).toEqual(['Kiitos', 'kuulemisesta']);
    await expect(page.locator('.caption-find-status').innerText()).resolves.toBe('1 korvattu');
  }, 60_000);

  it('refuses to save over a newer version with a clear message', async () => {
    const video = await f.newVideo();
    const page = await openEditor(video);
    const other = await openEditor(video);
    await other.getByLabel(cueLabel(1)).fill('Toisesta välilehdestä');
    await waitForVersion(video, 2);
    await page.getByLabel(cueLabel(4)).fill('Kiitos!');
    await page.waitForSelector('#caption-editor[data-save-state="conflict"]', { timeout: 15_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).count()).resolves.toBe(1);
    expect(await page.getByRole('button', { name: fi['captions.editor.reload'] }).isVisible()).toBe(true);
    expect(await currentVersion(video)).toBe(2);
  }, 60_000);

  it('"Mark as reviewed" marks the track and the learner no longer sees "automatic"', async () => {
    const video = await f.newVideo();
    const learnerMenu = async () => {
      const watch = await suite.open(`/videos/${video.id}/watch`, f.learnerToken);
      await watch.waitForSelector('[data-player][data-player-state="ready"]', { state: 'attached' });
      await watch.getByRole('button', { name: new RegExp(playerMessages.en['player.captions']) }).click();
      return watch.getByRole('menuitemradio').allInnerTexts();
    };
    expect(await learnerMenu()).toEqual(expect.arrayContaining([expect.stringMatching(/automatic, not reviewed/)]));
    const page = await openEditor(video);
    await expect(page.locator('.caption-review-state').innerText()).resolves.toBe(fi['captions.editor.notReviewed']);
    await page.getByRole('button', { name: fi['captions.editor.markReviewed'] }).click();
    await page.waitForSelector('#caption-editor[data-reviewed="true"]');
    await expect(page.locator('.caption-review-state').innerText()).resolves.toMatch(/^Tarkistanut /);
    const track = await findTrack(f.ctx.deps.db, video.id, 'fi');
    expect(track).toMatchObject({ reviewedBy: f.instructorId, currentVersion: 1 });
    const menu = await learnerMenu();
    expect(menu).toHaveLength(2);
    expect(menu.join(' ')).not.toMatch(/automatic/);
  }, 90_000);
});
