// The player around playback: resume after a reload, view reports, storyboard thumbnails, audio-only
// sources, media errors, hls.js staying off pages without a player, and axe-core.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';
import { liveText, videoState, waitForVideo } from './player-page.js';
import type { ViewReport } from './player-server.js';
import { MEDIA_TOKEN } from './player-server.js';
import { clickPlay, fi, usePlayerSuite } from './player-suite.js';

const suite = usePlayerSuite();

async function waitForReport(videoId: string, event: string, timeout = 10_000): Promise<ViewReport[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const reports = suite.server().viewReports.filter((r) => r.body.videoId === videoId);
    if (reports.some((r) => r.body.event === event)) return reports;
    if (Date.now() > deadline) throw new Error(`no ${event} report for ${videoId}: ${JSON.stringify(reports)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('player session', () => {
  it('resumes near the saved position after a reload, and can start from the beginning', async () => {
    const p = await suite.open('video=resume');
    await clickPlay(p);
    await p.keyboard.press('5');
    await p.keyboard.press('k');
    await waitForVideo(p, (v) => v.paused);
    await p.waitForFunction(() => Number(localStorage.getItem('luento:resume:resume')) >= 2.9);
    await p.reload();
    await p.waitForSelector('[data-player][data-player-state="ready"]', { state: 'attached' });
    const resumed = await waitForVideo(p, (v) => v.currentTime > 0);
    expect(resumed.currentTime).toBeGreaterThanOrEqual(2.9);
    expect(resumed.currentTime).toBeLessThan(3.6);
    expect(await p.locator('.player-resume-text').innerText()).toBe('Jatketaan kohdasta 0:03.');
    await p.getByRole('button', { name: fi['player.resumeRestart'] }).click();
    expect((await videoState(p)).currentTime).toBe(0);
    expect(await p.locator('.player-resume').isHidden()).toBe(true);
    expect(await p.evaluate(() => document.activeElement?.classList.contains('player-play'))).toBe(true);
  });

  it('reports start, progress heartbeats and end with truthful numbers and the session header', async () => {
    const p = await suite.open('video=views&heartbeat=1&headers=1');
    await p.evaluate(() => { (document.querySelector('video') as HTMLVideoElement).playbackRate = 2; });
    await clickPlay(p);
    const reports = await waitForReport('views', 'end', 15_000);
    const events = reports.map((r) => r.body.event);
    expect(events[0]).toBe('start');
    expect(events.at(-1)).toBe('end');
    expect(events.filter((e) => e === 'progress').length).toBeGreaterThanOrEqual(3);
    expect(new Set(reports.map((r) => r.body.viewId)).size).toBe(1);
    expect(reports.every((r) => r.session === 'session-123' && r.contentType.startsWith('application/json'))).toBe(true);
    const [start, end] = [reports[0]!.body, reports.at(-1)!.body];
    expect(start).toMatchObject({ watchedSeconds: 0, duration: expect.closeTo(6, 0) });
    expect(start.position).toBeLessThan(1);
    expect(end.position).toBeGreaterThan(5.5);
    expect(end.watchedSeconds).toBeGreaterThan(5);
    expect(end.watchedSeconds).toBeLessThanOrEqual(6.1);
    const watched = reports.map((r) => Number(r.body.watchedSeconds));
    expect(watched).toEqual([...watched].sort((a, b) => a - b));
  });

  it('sends end with sendBeacon when the page goes away, without counting seeks as watching', async () => {
    const p = await suite.open('video=beacon');
    await clickPlay(p);
    await p.keyboard.press('8');
    await waitForVideo(p, (v) => v.currentTime > 5);
    await p.goto('about:blank');
    const reports = await waitForReport('beacon', 'end');
    const end = reports.find((r) => r.body.event === 'end')!;
    expect(end.contentType).toBe('application/json');
    expect(end.session).toBeUndefined();
    expect(end.body.position).toBeGreaterThan(5);
    // Some watching before the seek counts (how much depends on the machine), the 4.8 s jump does not.
    expect(end.body.watchedSeconds).toBeGreaterThan(0);
    expect(end.body.watchedSeconds).toBeLessThan(2.5);
  });

  it('shows storyboard thumbnails over the seek bar, fetching the sprite with the storyboard token', async () => {
    const p = await suite.open('video=storyboard');
    const seek = p.locator('.player-seek-range');
    const box = (await seek.boundingBox())!;
    const spriteLoaded = p.waitForResponse((r) => r.url().includes('sprite_001.jpg'));
    await p.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await p.locator('.player-thumb').waitFor({ state: 'visible' });
    expect(await p.locator('.player-thumb-time').innerText()).toBe('0:03');
    const image = await p.locator('.player-thumb-image').evaluate((el) => ({ bg: el.style.backgroundImage, pos: el.style.backgroundPosition, w: el.style.width }));
    expect(image.bg).toContain(`/media/sprite_001.jpg?token=${MEDIA_TOKEN}`);
    expect(image).toMatchObject({ pos: '-160px 0px', w: '160px' });
    expect((await spriteLoaded).status()).toBe(200);
    await p.mouse.move(box.x + box.width * 0.5, box.y - 200);
    await p.locator('.player-thumb').waitFor({ state: 'hidden' });
  });

  it('plays an audio-only playlist, without a quality menu', async () => {
    const p = await suite.open('video=audio&audio=1');
    await clickPlay(p);
    expect(await p.locator('[data-player]').getAttribute('class')).toContain('is-audio-only');
    expect(await p.locator('.player-quality').isHidden()).toBe(true);
  });

  it('shows a translated alert when the media cannot be loaded', async () => {
    const p = await suite.open('video=broken&broken=1', { waitFor: 'error' });
    expect(await p.getByRole('alert').innerText()).toBe(fi['player.errorNetwork']);
  });

  it('shows a translated alert when hls.js itself cannot be loaded', async () => {
    const p = await suite.open('video=noloader&hlsjs=missing', { waitFor: 'error' });
    expect(await p.getByRole('alert').innerText()).toBe(fi['player.errorLoader']);
  });

  it('plays HLS natively, without fetching hls.js, where Media Source Extensions are missing', async () => {
    const context = await suite.browser().newContext();
    const p = suite.track(await context.newPage());
    await p.addInitScript({ content: 'delete window.MediaSource; delete window.ManagedMediaSource;' });
    const requested: string[] = [];
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(`${suite.server().baseUrl}/watch?video=native`);
    await p.waitForSelector('[data-player][data-player-state="ready"]', { state: 'attached' });
    expect(await p.locator('[data-player]').getAttribute('data-player-engine')).toBe('native');
    await clickPlay(p);
    expect(requested.filter((u) => u.includes('hls.mjs'))).toEqual([]);
    expect(await p.locator('.player-quality').isHidden()).toBe(true);
  });

  it('does not load hls.js on a page without a player, even with the player script', async () => {
    const p = suite.track(await (await suite.browser().newContext()).newPage());
    const requested: string[] = [];
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(`${suite.server().baseUrl}/plain`, { waitUntil: 'networkidle' });
    expect(requested).toContain('/static/js/player/player.js');
    expect(requested.filter((u) => u.includes('hls'))).toEqual([]);
  });

  it('has no axe-core WCAG 2.1 AA violations, with the controls, a menu and the shortcuts open', async () => {
    // bypassCSP lets playwright inject axe-core as an inline script; the page itself is unchanged.
    const p = await suite.open('video=axe&download=1', { bypassCSP: true });
    await p.addScriptTag({ path: path.join(projectRoot, 'node_modules/axe-core/axe.min.js') });
    const runAxe = (page: Page) => page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
    });
    expect(await runAxe(p)).toEqual([]);
    await p.locator('.player-shortcuts summary').click();
    await p.getByRole('button', { name: /Toistonopeus/ }).click();
    expect(await runAxe(p)).toEqual([]);
    expect(await liveText(p)).toBe('');
    // The check is live: an unlabelled button added to the player is reported.
    await p.evaluate(() => document.querySelector('.player-bar')?.append(document.createElement('button')));
    expect((await runAxe(p)).map((v) => v.id)).toEqual(['button-name']);
  });
});
