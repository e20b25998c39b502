// GET /videos/:id/watch: the authorization matrix, the player view-model, and what the page refuses.
import { decodeHtml } from '../helpers/launch-as.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { verifyMediaToken } from '../../src/videos/media-token.js';
import { createPublishedVideo, createVideoWithSource, removeWorkRoots } from './processing-fixtures.js';
import { clientFor, everyone, launchEveryone, type Clients, type Who } from './watch-clients.js';

let ctx: LtiTestContext;
let clients: Clients;
let published: Video;
let unpublished: Video;
let processing: Video;
let learnerId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '' } });
  const l = await launchEveryone(ctx);
  clients = l.clients;
  learnerId = l.learnerId;
  published = await createPublishedVideo(ctx.deps, { ownerId: l.instructorId, courseId: l.courseId, allowDownload: true });
  unpublished = await createPublishedVideo(ctx.deps, { ownerId: l.instructorId, courseId: l.courseId, fixture: 'audioOnly', publish: false });
  processing = await createVideoWithSource(ctx.deps, { ownerId: l.instructorId, courseId: l.courseId });
});
afterAll(async () => {
  await ctx.close();
  await removeWorkRoots();
});

const watch = (who: Who, v: Video) => clientFor(ctx, clients, who).get(`/videos/${v.id}/watch`);

describe('GET /videos/:id/watch', () => {
  const publishedMatrix: Record<Who, number> = { anonymous: 401, learnerHere: 200, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 };
  it.each(everyone)('a published video, for %s', async (who) => {
    expect((await watch(who, published)).status).toBe(publishedMatrix[who]);
  });

  const unpublishedMatrix: Record<Who, number> = { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 };
  it.each(everyone)('an unpublished (ready) video, for %s', async (who) => {
    expect((await watch(who, unpublished)).status).toBe(unpublishedMatrix[who]);
  });

  // The media route itself trusts only its token: who can reach the bytes is who gets a token from the page.
  const mediaMatrix: Record<Who, boolean> = { anonymous: false, learnerHere: true, learnerElsewhere: false, instructorHere: true, instructorElsewhere: false, admin: true };
  it.each(everyone)('media of a published video are reachable through the page for %s: as the matrix says', async (who) => {
    const page = await watch(who, published);
    const hlsUrl = /data-hls-url="([^"]+)"/.exec(decodeHtml(page.text))?.[1];
    expect(hlsUrl !== undefined).toBe(mediaMatrix[who]);
    if (hlsUrl) expect((await clientFor(ctx, clients, 'anonymous').get(hlsUrl)).status).toBe(200);
    // Without a token of this video, the same kind of user gets 403, whatever their session.
    const res = await clientFor(ctx, clients, who).get(`/media/not-a-token/${published.id}/hls/master.m3u8`);
    expect(res.status).toBe(403);
  });

  it('renders the player with signed media URLs for this video, the view URL and the session header', async () => {
    const res = await watch('learnerHere', published);
    const html = decodeHtml(res.text);
    const hlsUrl = /data-hls-url="([^"]+)"/.exec(html)?.[1] ?? '';
    const m = /^\/media\/([^/]+)\/([^/]+)\/hls\/master\.m3u8$/.exec(hlsUrl);
    expect(m?.[2]).toBe(published.id);
    // The token names its viewer (the learner), so the media block list can refuse it if the account is disabled.
    await expect(verifyMediaToken(ctx.deps.media.mediaTokenKey, m?.[1] ?? '', { videoId: published.id, now: new Date() })).resolves.toMatchObject({ viewerId: learnerId });
    expect(html).toMatch(new RegExp(`poster="/media/[^"]+/${published.id}/poster.jpg"`));
    expect(html).toMatch(new RegExp(`data-storyboard-url="/media/[^"]+/${published.id}/storyboard/storyboard.vtt"`));
    expect(html).toContain(`data-view-url="/videos/${published.id}/views"`);
    expect(html).toContain(`"X-Luento-Session":"${clients.learnerHere.sessionToken}"`);
    // The media token lets the player fetch the playlist.
    expect((await clientFor(ctx, clients, 'anonymous').get(hlsUrl)).status).toBe(200);
  });

  it('offers a download link that works only when the owner allows downloads', async () => {
    const html = decodeHtml((await watch('learnerHere', published)).text);
    const download = /<a[^>]*href="(\/media\/[^"]+\/source\/[^"]+)"/.exec(html)?.[1];
    expect(download).toBeDefined();
    expect((await clientFor(ctx, clients, 'anonymous').get(download as string)).status).toBe(200);
    const none = decodeHtml((await watch('instructorHere', unpublished)).text);
    expect(none).not.toMatch(/\/source\//);
    expect(none).not.toMatch(/poster=/);
  });

  it('says why a video that is still processing cannot be played (409)', async () => {
    const res = await watch('instructorHere', processing).set('Accept', 'application/json');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/still being uploaded or processed/);
  });

  it('answers an unknown or malformed video id with 404 / 400', async () => {
    expect((await clientFor(ctx, clients, 'learnerHere').get('/videos/00000000-0000-4000-8000-000000000000/watch')).status).toBe(404);
    expect((await clientFor(ctx, clients, 'learnerHere').get('/videos/not-a-uuid/watch')).status).toBe(400);
  });

  it('links titles in the library to the watch page', async () => {
    const res = await clientFor(ctx, clients, 'instructorHere').get(`/courses/${clients.instructorHere.courseId}/videos`);
    expect(decodeHtml(res.text)).toMatch(new RegExp(`<th scope="row"><a href="/videos/${published.id}/watch[^"]*">Lecture 1</a>`));
  });
});
