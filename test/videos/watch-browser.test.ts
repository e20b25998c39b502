// In Chromium: a learner opens the watch page of a published video that our job made from a generated
// clip. Playback advances, a quality switch changes videoHeight, the player's own view reports make a
// qualifying view and move last_viewed_at, and axe-core finds nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { findVideo, type Video } from '../../src/videos/videos.repo.js';
import { axeViolations } from '../helpers/browser.js';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';
import { launchChromium } from '../player/chromium.js';
import { cspViolations, openPlayer, waitForVideo } from '../player/player-page.js';
import { createPublishedVideo, removeWorkRoots } from './processing-fixtures.js';
import { launchEveryone } from './watch-clients.js';

let ctx: LtiTestContext;
let browser: Browser;
let video: Video;
let learnerToken: string;
let dir: string;

beforeAll(async () => {
  ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '' } });
  const l = await launchEveryone(ctx);
  learnerToken = (await launchAs(ctx, 'student', { cookies: false })).sessionToken;
  // 720p, 8 s: two rungs (720p and 360p) and long enough for a view to qualify (> 5 s).
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-watch-browser-'));
  const source = path.join(dir, 'lecture-720.mp4');
  await promisify(execFile)('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=8',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '35', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '64k', '-shortest', source], { timeout: 60_000 });
  video = await createPublishedVideo(ctx.deps, { ownerId: l.instructorId, courseId: l.courseId, sourceFile: source });
  await ctx.deps.db.updateTable('videos').set({ last_viewed_at: new Date('2025-01-01T00:00:00Z') }).where('id', '=', video.id).execute();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await removeWorkRoots();
  await browser?.close();
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  return openPlayer(browser, `${ctx.jwksBase}/videos/${video.id}/watch?st=${encodeURIComponent(learnerToken)}`, opts);
}

describe('the watch page in Chromium', () => {
  it('plays, switches quality, records a qualifying view, and is axe-clean', async () => {
    // axe-core is injected as a script, which our CSP refuses: that check runs on a page of its own.
    const checked = await open({ bypassCSP: true });
    expect(await axeViolations(checked)).toEqual([]);
    await checked.context().close();
    const p = await open();
    await p.getByRole('button', { name: /^Play$/ }).click();
    await waitForVideo(p, (v) => v.currentTime > 0.5, 20_000);
    await p.getByRole('button', { name: /Quality/ }).click();
    await p.getByRole('menuitemradio', { name: '360p', exact: true }).click();
    await waitForVideo(p, (v) => v.videoHeight === 360, 20_000);
    await p.getByRole('button', { name: /Quality/ }).click();
    await p.getByRole('menuitemradio', { name: '720p', exact: true }).click();
    await waitForVideo(p, (v) => v.videoHeight === 720, 20_000);
    await waitForVideo(p, (v) => v.ended, 30_000);
    // The player sends `end` when playback ends; it qualifies (8 s watched by a learner).
    const deadline = Date.now() + 10_000;
    let views = await ctx.deps.db.selectFrom('views').selectAll().where('video_id', '=', video.id).execute();
    while (Date.now() < deadline && !views.some((v) => v.is_qualifying)) {
      await new Promise((r) => setTimeout(r, 200));
      views = await ctx.deps.db.selectFrom('views').selectAll().where('video_id', '=', video.id).execute();
    }
    expect(views).toEqual([expect.objectContaining({ is_qualifying: true, ended_at: expect.any(Date) })]);
    expect(views[0]?.watched_seconds).toBeGreaterThan(5);
    expect((await findVideo(ctx.deps.db, video.id))?.last_viewed_at?.getTime()).toBeGreaterThan(new Date('2025-01-02').getTime());
    expect(await cspViolations(p)).toEqual([]);
    await p.context().close();
  }, 90_000);
});
