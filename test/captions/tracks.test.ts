// A video's captions page, the ASR request and progress routes (who may use them), the caption track
// in the player (a tokenised WebVTT URL with ETag and Cache-Control), the learner's badge, and automatic
// captions on publish following the site, course and video settings.
import { createLtiTestContext, decodeHtml, type LtiTestContext } from '../helpers/launch-as.js';
import { createVideo } from '../helpers/video-factory.js';
import { clientFor, everyone, launchEveryone, type Clients, type Who } from '../videos/watch-clients.js';
import { findAsrRun } from '../../src/captions/asr-runs.repo.js';
import { findTrack, saveCaptionVersion, setTrackReviewed } from '../../src/captions/captions.repo.js';
import { signMediaToken } from '../../src/videos/media-token.js';
import type { Video } from '../../src/videos/videos.repo.js';

let ctx: LtiTestContext;
let clients: Clients;
let owner: { instructorId: string; courseId: string };
let fiVideo: Video;

const VTT = (text: string) => `WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n${text}\n`;
const save = (v: Video, language: string, source: 'asr' | 'upload') =>
  saveCaptionVersion(ctx.deps.db, { videoId: v.id, language, source, vtt: VTT(`${source} ${language}`), cueCount: 1, userId: source === 'asr' ? null : owner.instructorId, now: new Date() });
const newVideo = (o: { status?: 'ready' | 'published'; language?: 'fi' | 'sv' | 'en' | 'other' } = {}) =>
  createVideo(ctx.deps.db, { ownerId: owner.instructorId, courseId: owner.courseId, status: o.status ?? 'published', language: o.language ?? 'fi' });
const as = (who: Who) => clientFor(ctx, clients, who);

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  const l = await launchEveryone(ctx);
  clients = l.clients;
  owner = { instructorId: l.instructorId, courseId: l.courseId };
  fiVideo = await newVideo();
}, 60_000);
afterAll(async () => {
  await ctx.close();
});

describe('authorization of every captions route', () => {
  const page: Record<Who, number> = { anonymous: 401, learnerHere: 200, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 };
  it.each(everyone)('GET /videos/:id/captions for %s', async (who) => {
    const res = await as(who).get(`/videos/${fiVideo.id}/captions`);
    expect(res.status).toBe(page[who]);
    // Only those who may edit captions get the forms.
    if (res.status === 200) expect(res.text.includes('captions/upload')).toBe(who === 'instructorHere' || who === 'admin');
  });

  const progress: Record<Who, number> = { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 200, instructorElsewhere: 403, admin: 200 };
  it.each(everyone)('GET /videos/:id/captions/asr for %s', async (who) => {
    expect((await as(who).get(`/videos/${fiVideo.id}/captions/asr`).set('Accept', 'application/json')).status).toBe(progress[who]);
  });

  // A Finnish video: no engine for Finnish here (pocketsphinx is English only), so those allowed get 422.
  const request: Record<Who, number> = { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 422, instructorElsewhere: 403, admin: 422 };
  it.each(everyone)('POST /videos/:id/captions/asr for %s', async (who) => {
    expect((await as(who).post(`/videos/${fiVideo.id}/captions/asr`).set('Accept', 'application/json')).status).toBe(request[who]);
  });

  it('the caption media route trusts only a token of this video', async () => {
    await save(fiVideo, 'fi', 'upload');
    const other = await newVideo();
    const wrong = await signMediaToken(ctx.deps.media.mediaTokenKey, { videoId: other.id, viewerId: owner.instructorId, ttlSeconds: 60, now: new Date() });
    const anon = as('anonymous');
    expect((await anon.get(`/media/not-a-token/${fiVideo.id}/captions/fi.vtt`)).status).toBe(403);
    expect((await anon.get(`/media/${wrong}/${fiVideo.id}/captions/fi.vtt`)).status).toBe(403);
    const right = await signMediaToken(ctx.deps.media.mediaTokenKey, { videoId: fiVideo.id, viewerId: owner.instructorId, ttlSeconds: 60, now: new Date() });
    expect((await anon.get(`/media/${right}/${fiVideo.id}/captions/fi.vtt`)).status).toBe(200);
    expect((await anon.get(`/media/${right}/${fiVideo.id}/captions/de.vtt`)).status).toBe(404);
    expect((await anon.get(`/media/${right}/${fiVideo.id}/captions/..%2Ffi.vtt`)).status).toBe(404);
  });
});

describe('languages without a speech engine', () => {
  it('the page says so, in the UI language, and offers no button; a request is refused with 422', async () => {
    const res = await as('instructorHere').get(`/videos/${fiVideo.id}/captions`);
    const html = decodeHtml(res.text);
    expect(html).toMatch(/Automaattista tekstitystä ei ole saatavilla kielellä Suomi/);
    expect(html).not.toContain('captions/asr" method');
    const post = await as('instructorHere').post(`/videos/${fiVideo.id}/captions/asr`).set('Accept', 'application/json');
    expect(post.body.error.code).toBe('speech_language_unsupported');
    const progress = await as('instructorHere').get(`/videos/${fiVideo.id}/captions/asr`).set('Accept', 'application/json');
    expect(progress.body).toMatchObject({ canStart: false, message: expect.stringMatching(/ei ole saatavilla/) });
  });

  it('a video in an "other" language asks for its language', async () => {
    const v = await newVideo({ language: 'other' });
    const progress = await as('instructorHere').get(`/videos/${v.id}/captions/asr`).set('Accept', 'application/json');
    expect(progress.body.message).toMatch(/"muu"/);
  });
});

describe('requesting automatic captions', () => {
  it('queues one run for an English video; a second request while it waits is refused (409)', async () => {
    const v = await newVideo({ language: 'en' });
    const first = await as('instructorHere').post(`/videos/${v.id}/captions/asr`).set('Accept', 'application/json');
    expect(first.status).toBe(202);
    expect((await findAsrRun(ctx.deps.db, v.id))?.status).toBe('queued');
    const second = await as('admin').post(`/videos/${v.id}/captions/asr`).set('Accept', 'application/json');
    expect(second.status).toBe(409);
    const progress = await as('instructorHere').get(`/videos/${v.id}/captions/asr`).set('Accept', 'application/json');
    expect(progress.body).toMatchObject({ status: 'queued', isActive: true, canStart: false });
    const page = decodeHtml((await as('instructorHere').get(`/videos/${v.id}/captions`)).text);
    expect(page).toContain('data-active="true"');
    expect(page).toContain('/static/js/captions/tracks-asr-progress.js');
  });
});

describe('captions in the player', () => {
  const watch = async (v: Video) => decodeHtml((await as('learnerHere').get(`/videos/${v.id}/watch`)).text);

  it('offers each track as a <track> whose tokenised URL serves the WebVTT with ETag and Cache-Control', async () => {
    const v = await newVideo({ language: 'fi' });
    await save(v, 'fi', 'upload');
    await save(v, 'en', 'asr');
    const html = await watch(v);
    const tracks = [...html.matchAll(/<track kind="captions" src="([^"]+)" srclang="([a-z]+)"\s+label="([^"]+)"/g)].map((m) => ({ src: m[1]!, lang: m[2], label: m[3] }));
    // In the learner's UI language (the demo launches learners in English), the video's language first;
    // the unreviewed speech-recognition track is labelled automatic.
    expect(tracks.map((t) => [t.lang, t.label])).toEqual([
      ['fi', 'Finnish'],
      ['en', 'English (automatic, not reviewed)'],
    ]);
    expect(tracks[0]!.src).toMatch(new RegExp(`^/media/[^/]+/${v.id}/captions/fi\\.vtt\\?v=1$`));
    const res = await as('anonymous').get(tracks[0]!.src);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/vtt/);
    expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+/);
    expect(res.text).toBe(VTT('upload fi'));
    const again = await as('anonymous').get(tracks[0]!.src).set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
    // A new version gets a new URL, so no cached copy of the old one is shown.
    await save(v, 'fi', 'upload');
    expect(await watch(v)).toContain(`/captions/fi.vtt?v=2`);
  });

  it('shows learners the badge: none without captions, automatic, not yet reviewed, reviewed', async () => {
    const v = await newVideo({ language: 'en' });
    expect(await watch(v)).not.toContain('data-caption-badge');
    await save(v, 'en', 'asr');
    expect(await watch(v)).toMatch(/data-caption-badge="automatic">Captions: automatic</);
    await save(v, 'en', 'upload');
    expect(await watch(v)).toMatch(/data-caption-badge="notReviewed">Captions: not yet reviewed</);
    const track = await findTrack(ctx.deps.db, v.id, 'en');
    await setTrackReviewed(ctx.deps.db, { trackId: track!.id, userId: owner.instructorId, now: new Date() });
    expect(await watch(v)).toMatch(/data-caption-badge="reviewed">Captions: reviewed</);
    // In the viewer's language: the demo launches instructors in Finnish.
    expect(decodeHtml((await as('instructorHere').get(`/videos/${v.id}/watch`)).text)).toContain('>Tekstitys: tarkistettu<');
  });
});

describe('automatic captions on publish', () => {
  const publish = async (v: Video) => {
    const res = await as('instructorHere').post(`/videos/${v.id}/publish`);
    expect(res.status).toBe(303);
    return findAsrRun(ctx.deps.db, v.id);
  };
  const setSite = async (asrOnPublish: boolean) => {
    const value = JSON.stringify({ asrOnPublish });
    await ctx.deps.db
      .insertInto('app_settings')
      .values({ key: 'captions.policy', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  };
  const setCourse = (value: boolean | null) => ctx.deps.db.updateTable('courses').set({ asr_on_publish: value }).where('id', '=', owner.courseId).execute();
  afterEach(async () => {
    await ctx.deps.db.deleteFrom('app_settings').where('key', '=', 'captions.policy').execute();
    await setCourse(null);
  });

  it('queues speech recognition by default (site on, course following it)', async () => {
    expect((await publish(await newVideo({ status: 'ready', language: 'en' })))?.status).toBe('queued');
  });

  it('does not when the site turned it off, unless the course turns it on', async () => {
    await setSite(false);
    expect(await publish(await newVideo({ status: 'ready', language: 'en' }))).toBeUndefined();
    await setCourse(true);
    expect((await publish(await newVideo({ status: 'ready', language: 'en' })))?.status).toBe('queued');
  });

  it('does not when the course turned it off', async () => {
    await setCourse(false);
    expect(await publish(await newVideo({ status: 'ready', language: 'en' }))).toBeUndefined();
  });

  it('does not for a video opted out on its edit form', async () => {
    const v = await newVideo({ status: 'ready', language: 'en' });
    const form = decodeHtml((await as('instructorHere').get(`/videos/${v.id}/edit`)).text);
    expect(form).toMatch(/<input id="v-asr-opt-out" type="checkbox" name="asrOptOut"\s*>/);
    const saved = await as('instructorHere').post(`/videos/${v.id}/edit`).type('form').send({ title: 'Opted out', description: '', language: 'en', asrOptOut: 'on' });
    expect(saved.status).toBe(303);
    expect(decodeHtml((await as('instructorHere').get(`/videos/${v.id}/edit`)).text)).toMatch(/name="asrOptOut" checked/);
    expect(await publish(v)).toBeUndefined();
  });

  it('does not when captions in the video language exist already', async () => {
    const v = await newVideo({ status: 'ready', language: 'en' });
    await save(v, 'en', 'upload');
    expect(await publish(v)).toBeUndefined();
  });

  it('records a language without an engine as unsupported, so the page can say why', async () => {
    const run = await publish(await newVideo({ status: 'ready', language: 'sv' }));
    expect(run).toMatchObject({ status: 'unsupported', errorCode: 'speech_language_unsupported' });
  });
});
