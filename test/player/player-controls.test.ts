// The player's controls in Debian's Chromium against a real HLS ladder made by ffmpeg: playback through
// hls.js, quality, captions, speed and keyboard shortcuts.
import { cspViolations, liveText, videoState, waitForVideo } from './player-page.js';
import { chooseFromMenu, clickPlay as play, fi, usePlayerSuite } from './player-suite.js';

const suite = usePlayerSuite();
const open = suite.open;

describe('player controls', () => {
  it('plays through hls.js with its own labelled controls, within the CSP', async () => {
    const p = await open('video=play');
    expect(await p.locator('[data-player]').getAttribute('data-player-engine')).toBe('hls.js');
    expect(await p.evaluate(() => (document.querySelector('video') as HTMLVideoElement).controls)).toBe(false);
    await play(p);
    await waitForVideo(p, (v) => v.currentTime > 1.2);
    await expect(p.getByRole('button', { name: fi['player.pause'] }).isVisible()).resolves.toBe(true);
    expect(await p.locator('.player-seek-range').getAttribute('aria-valuetext')).toMatch(/^\d s, kesto 6 s$/);
    expect(await p.locator('.player-time').innerText()).toMatch(/^0:0\d \/ 0:06$/);
    expect(suite.server().requests).toContain('/static/vendor/hls.mjs');
    expect(await cspViolations(p)).toEqual([]);
  });

  it('switches quality from the menu, and Auto names the level playing', async () => {
    const p = await open('video=quality');
    await play(p);
    await p.getByRole('button', { name: /Laatu/ }).click();
    const names = await p.getByRole('menuitemradio').allInnerTexts();
    expect(names).toEqual([expect.stringMatching(/^Automaattinen \((360|180)p\)$/), '360p', '180p']);
    await p.getByRole('menuitemradio', { name: '180p' }).click();
    await waitForVideo(p, (v) => v.videoHeight === 180);
    await chooseFromMenu(p, /Laatu/, '360p');
    await waitForVideo(p, (v) => v.videoHeight === 360);
    expect(await liveText(p)).toBe('Laatu: 360p');
  });

  it('turns a caption track on from the menu, marking unreviewed tracks as automatic', async () => {
    const p = await open('video=captions');
    await p.getByRole('button', { name: /Tekstitys/ }).click();
    expect(await p.getByRole('menuitemradio').allInnerTexts()).toEqual([fi['player.captionsOff'], 'Suomi', 'English (automaattinen, tarkistamaton)']);
    await p.getByRole('menuitemradio', { name: 'Suomi' }).click();
    expect((await videoState(p)).trackModes).toEqual(['showing', 'disabled']);
    await waitForVideo(p, (v) => v.cueCounts[0] === 1);
    await p.waitForFunction(() => document.querySelector('.player-live')?.textContent === 'Tekstitys päällä: Suomi');
    // Menu keyboard: ↓ opens on the checked item, Escape closes and gives focus back to the button.
    const button = p.getByRole('button', { name: /Tekstitys/ });
    await button.focus();
    await p.keyboard.press('ArrowDown');
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Suomi');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    expect((await videoState(p)).trackModes).toEqual(['disabled', 'showing']);
    await button.focus();
    await p.keyboard.press('Enter');
    await p.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await p.evaluate(() => document.activeElement?.classList.contains('player-menu-button'))).toBe(true);
  });

  it('sets the playback speed from the menu', async () => {
    const p = await open('video=speed');
    await chooseFromMenu(p, /Toistonopeus/, '1,5×');
    expect((await videoState(p)).playbackRate).toBe(1.5);
    expect(await p.locator('.player-speed .player-menu-value').innerText()).toBe('1,5×');
    await p.waitForFunction(() => document.querySelector('.player-live')?.textContent === 'Nopeus 1,5×');
  });

  it('answers keyboard shortcuts anywhere in the player, leaving buttons their own keys', async () => {
    const p = await open('video=keys');
    await p.locator('[data-player]').focus();
    await p.keyboard.press('Space');
    await waitForVideo(p, (v) => !v.paused && v.currentTime > 0.2);
    await p.keyboard.press('k');
    await waitForVideo(p, (v) => v.paused);
    await p.keyboard.press('Home');
    await p.keyboard.press('ArrowRight');
    expect((await videoState(p)).currentTime).toBeCloseTo(5, 1);
    await p.keyboard.press('ArrowLeft');
    expect((await videoState(p)).currentTime).toBeCloseTo(0, 1);
    await p.keyboard.press('5');
    expect((await videoState(p)).currentTime).toBeCloseTo(3, 1);
    await p.keyboard.press('j');
    expect((await videoState(p)).currentTime).toBe(0);
    await p.keyboard.press('m');
    expect((await videoState(p)).muted).toBe(true);
    // aria-pressed follows the 'volumechange' event, which the browser queues.
    await p.waitForFunction(() => document.querySelector('.player-mute')?.getAttribute('aria-pressed') === 'true');
    await p.keyboard.press('c');
    expect((await videoState(p)).trackModes).toEqual(['showing', 'disabled']);
    await p.keyboard.press('Shift+Period');
    expect((await videoState(p)).playbackRate).toBe(1.25);
    await p.keyboard.press('Shift+Comma');
    await p.keyboard.press('Shift+Comma');
    expect((await videoState(p)).playbackRate).toBe(0.75);
    // ↓ while muted lowers the volume set before muting, and unmutes.
    await p.keyboard.press('ArrowDown');
    expect(await p.evaluate(() => (document.querySelector('video') as HTMLVideoElement).volume)).toBeCloseTo(0.95, 2);
    expect((await videoState(p)).muted).toBe(false);
    // Space on a focused button presses that button: here it mutes, and does not play.
    await p.locator('.player-mute').focus();
    await p.keyboard.press('Space');
    expect(await videoState(p)).toMatchObject({ muted: true, paused: true });
    // Typing in a text field outside the player is left alone.
    await p.locator('#notes').fill('');
    await p.locator('#notes').pressSequentially('kmc');
    expect(await videoState(p)).toMatchObject({ paused: true, muted: true, trackModes: ['showing', 'disabled'] });
    expect(await p.locator('#notes').inputValue()).toBe('kmc');
  });

  it('goes full screen with the whole player, by button or F', async () => {
    const p = await open('video=fullscreen');
    await p.locator('[data-player]').focus();
    await p.keyboard.press('f');
    await p.waitForFunction(() => document.fullscreenElement?.matches('[data-player]') === true
      && document.querySelector('.player-fullscreen')?.getAttribute('aria-pressed') === 'true');
    await p.getByRole('button', { name: /Koko näyttö/ }).click();
    await p.waitForFunction(() => document.fullscreenElement === null
      && document.querySelector('.player-fullscreen')?.getAttribute('aria-pressed') === 'false');
  });
});
