// Media URLs already handed out stop working when their video leaves (trash, purge) or their viewer is
// disabled, on a real processed video: playlists, segments, posters and caption tracks that played a
// moment ago answer 403 within the media block list's reload interval (100 ms here, 5 s in production),
// with no query per request; a restore makes the video play again with a new token; another viewer of
// the same video keeps playing while one viewer is disabled.
import request from 'supertest';
import { saveCaptionVersion } from '../../src/captions/captions.repo.js';
import { createMediaBlockList } from '../../src/governance/media-block-list.js';
import { applyLifecycleStep } from '../../src/lifecycle/lifecycle-steps.js';
import { defaultRetentionPolicy } from '../../src/lifecycle/retention.js';
import { signMediaToken } from '../../src/videos/media-token.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { decodeHtml } from '../helpers/launch-as.js';
import type { Who } from '../helpers/six-users.js';
import { createVideo } from '../helpers/video-factory.js';
import { createPublishedVideo, removeWorkRoots } from '../videos/processing-fixtures.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

const REFRESH_MS = 100;
const DAY = 86_400_000;
let f: GovernanceFixture;
let video: Video;

beforeAll(async () => {
  f = await createGovernanceFixture({ mediaBlocksRefreshMs: REFRESH_MS });
  video = await createPublishedVideo(f.ctx.deps, { ownerId: f.ids.teacher, courseId: f.here, allowDownload: true });
  await saveCaptionVersion(f.ctx.deps.db, { videoId: video.id, language: 'fi', source: 'upload', vtt: 'WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHei\n', cueCount: 1, userId: f.ids.teacher, now: new Date() });
}, 120_000);
afterAll(async () => {
  await f.close();
  await removeWorkRoots();
});

/** The media URLs of one person's watch page: master playlist, a media playlist, a segment, the poster, the Finnish track and the download. */
async function mediaUrlsFor(who: Exclude<Who, 'anonymous'>): Promise<string[]> {
  const page = await f.get(who, `/videos/${video.id}/watch`);
  expect(page.status).toBe(200);
  const html = decodeHtml(page.text);
  const hls = /data-hls-url="([^"]+)"/.exec(html)?.[1] ?? '';
  const track = /<track[^>]*src="([^"]+)"/.exec(html)?.[1] ?? '';
  const download = /class="player-button player-download" href="([^"]+)"/.exec(html)?.[1] ?? '';
  const master = await get(hls);
  const variant = hls.replace('master.m3u8', master.text.split('\n').find((l) => l.endsWith('.m3u8')) ?? '');
  const segment = new URL((await get(variant)).text.split('\n').find((l) => l.endsWith('.m4s')) ?? '', `http://x${variant}`).pathname;
  return [hls, variant, segment, hls.replace('hls/master.m3u8', 'poster.jpg'), track, download];
}
const get = (url: string) => request(f.ctx.app).get(url).set('Accept', 'application/json');
const answers = async (urls: string[]) => Promise.all(urls.map(async (url) => ((r) => (r.status === 200 ? 200 : `${r.status} ${r.body?.error?.code}`))(await get(url))));
/** Polls until every URL answers `want`, for at most a few reload intervals. */
async function expectSoon(urls: string[], want: number | string): Promise<void> {
  const deadline = Date.now() + 20 * REFRESH_MS;
  let got = await answers(urls);
  while (got.some((g) => g !== want) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, REFRESH_MS / 4));
    got = await answers(urls);
  }
  expect(got).toEqual(urls.map(() => want));
}

it('the lifecycle sweep trashes the video: URLs that played answer 403 within the reload interval; restored, it plays again with a new token', async () => {
  const urls = await mediaUrlsFor('learnerHere');
  expect(urls.every(Boolean)).toBe(true);
  await expectSoon(urls, 200);
  // The sweep (a worker process) warns, then trashes after the warning period: two years and a month unwatched.
  const step = (days: number) => applyLifecycleStep({ db: f.ctx.deps.db, blobStore: f.ctx.deps.media.blobStore, log: f.ctx.deps.log }, { videoId: video.id, policy: defaultRetentionPolicy, now: new Date(Date.now() + days * DAY) });
  expect((await step(720)).action).toBe('warn-trash');
  const started = Date.now();
  expect((await step(760)).action).toBe('trash');
  await expectSoon(urls, '403 video_in_trash');
  expect(Date.now() - started).toBeLessThan(20 * REFRESH_MS);
  expect((await f.get('learnerHere', `/videos/${video.id}/watch`)).status).toBe(404);

  expect((await f.post('instructorHere', `/lifecycle/trash/${video.id}/restore`)).status).toBe(303);
  await expectSoon(urls.slice(0, 1), 200);
  // A watch page after the restore mints its token anew (the same bytes within one second: it holds no iat).
  await expectSoon(await mediaUrlsFor('learnerHere'), 200);
}, 30_000);

it('the owner’s delete moves the video to the trash, and its URLs answer 403 with the reason', async () => {
  const urls = await mediaUrlsFor('learnerHere');
  expect((await f.post('instructorHere', `/videos/${video.id}/delete`)).status).toBe(303);
  // The delete was made in this process: refused at once, without waiting for a reload.
  expect(await answers(urls)).toEqual(urls.map(() => '403 video_in_trash'));
  const refused = await request(f.ctx.app).get(urls[0]!).set('Accept', 'text/html');
  expect(refused.text).toContain('moved to the trash');
  expect((await f.post('instructorHere', `/lifecycle/trash/${video.id}/restore`)).status).toBe(303);
  // The restore was made in this process: the media plays again at once, without waiting for a reload.
  expect(await answers(urls.slice(0, 1))).toEqual([200]);
  await expectSoon(await mediaUrlsFor('learnerHere'), 200);
}, 30_000);

it('a purged video’s tokens answer 403 (deleted), not a missing file', async () => {
  const gone = await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'published' });
  const token = await signMediaToken(f.ctx.deps.media.mediaTokenKey, { videoId: gone.id, viewerId: f.ids.learner, ttlSeconds: 600, now: new Date() });
  const poster = `/media/${token}/${gone.id}/poster.jpg`;
  expect(await answers([poster])).toEqual(['404 storage_not_found']);
  expect((await f.post('instructorHere', `/videos/${gone.id}/delete`)).status).toBe(303);
  expect((await f.post('admin', `/admin/lifecycle/trash/${gone.id}/purge`)).status).toBe(303);
  expect(await f.ctx.deps.db.selectFrom('videos').select('id').where('id', '=', gone.id).executeTakeFirst()).toBeUndefined();
  await expectSoon([poster], '403 video_deleted');
});

it('a disabled viewer’s URLs answer 403 at once, another viewer of the same video keeps playing, and other processes follow', async () => {
  const learnerUrls = await mediaUrlsFor('learnerHere');
  const teacherUrls = await mediaUrlsFor('instructorHere');
  await expectSoon([...learnerUrls, ...teacherUrls], 200);
  const otherProcess = await createMediaBlockList({ db: f.ctx.deps.db, log: f.ctx.deps.log, refreshMs: REFRESH_MS });
  try {
    expect((await f.post('admin', `/admin/users/${f.ids.learner}/disable`, { reason: 'Shared their account' })).status).toBe(303);
    // This process noted the decision itself: no waiting for a reload.
    expect(await answers(learnerUrls)).toEqual(learnerUrls.map(() => '403 media_viewer_disabled'));
    expect(await answers(teacherUrls)).toEqual(teacherUrls.map(() => 200));
    const deadline = Date.now() + 20 * REFRESH_MS;
    while (otherProcess.refusalFor(video.id, f.ids.learner) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, REFRESH_MS / 4));
    expect([otherProcess.refusalFor(video.id, f.ids.learner), otherProcess.refusalFor(video.id, f.ids.teacher)]).toEqual(['viewer_disabled', null]);

    expect((await f.post('admin', `/admin/users/${f.ids.learner}/enable`, { reason: 'Cleared' })).status).toBe(303);
    await expectSoon(await mediaUrlsFor('learnerHere'), 200);
  } finally {
    otherProcess.stop();
  }
}, 30_000);
