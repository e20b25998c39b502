// Automatic captions end to end through the app, on real engines: a video made from flite speech goes
// through the real processing pipeline, is published, the publish queues the ASR job, a pg-boss worker
// runs pocketsphinx, and the draft reaches the captions page, the player and the learner's badge. Then:
// a person's track is never overwritten, and a run that cannot work fails with a reason and a retry.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '../../src/auth/hmac.js';
import { saveAsrDraft } from '../../src/captions/asr-draft.js';
import { findAsrRun } from '../../src/captions/asr-runs.repo.js';
import { findTrack, readCurrentVtt, saveCaptionVersion, setTrackReviewed } from '../../src/captions/captions.repo.js';
import { parseVtt } from '../../src/captions/vtt.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, decodeHtml, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { makeSilentVideo, makeSpeechClip } from '../helpers/speech-fixtures.js';
import { createVideoWithSource, makeWorkRoot, processingDeps, removeWorkRoots } from '../videos/processing-fixtures.js';
import { processVideo } from '../../src/videos/processing.js';
import { runAsrForVideo } from '../../src/captions/asr-pipeline.js';

const SCRIPT =
  'Good morning and welcome to the second lecture. Today we study the water cycle. ' +
  'Water evaporates from the ocean, rises into the atmosphere, and falls again as rain. ' +
  'Rivers carry it back to the sea.';

let ctx: LtiTestContext;
let teacher: LaunchedClient;
let student: LaunchedClient;
let teacherId: string;
let dir: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  await ctx.deps.queue.start();
  await ctx.deps.queue.startWorkers(ctx.deps.workerContext, { concurrency: 1, pollingIntervalSeconds: 0.5 });
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  student = await launchAs(ctx, 'student', { cookies: false });
  teacherId = (await ctx.deps.db.selectFrom('sessions').select('user_id').where('token_hash', '=', sha256(teacher.sessionToken)).executeTakeFirstOrThrow()).user_id;
  dir = await mkdtemp(path.join(os.tmpdir(), 'luento-asr-app-'));
}, 60_000);
afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
  await removeWorkRoots();
});

/** A ready video processed by the real pipeline from `clip`. */
async function processedVideo(clip: string): Promise<Video> {
  const video = await createVideoWithSource(ctx.deps, { ownerId: teacherId, courseId: teacher.courseId, sourceFile: clip });
  expect(await processVideo(processingDeps(ctx.deps, await makeWorkRoot()), video.id, { attempt: 1, isLastAttempt: true })).toBe('ready');
  return video;
}

/** Polls the progress route as the page does, until the run has ended. */
async function waitForRun(videoId: string, timeoutMs = 150_000): Promise<{ status: string; message: string; canRetry: boolean }> {
  const until = Date.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    const res = await teacher.get(`/videos/${videoId}/captions/asr`).set('Accept', 'application/json');
    expect(res.status).toBe(200);
    seen.add(res.body.status);
    if (!res.body.isActive) return res.body;
    if (Date.now() > until) throw new Error(`ASR still ${res.body.status} (${res.body.percent} %) after ${timeoutMs} ms; seen ${[...seen].join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('speech in a published video becomes an automatic caption track', () => {
  let video: Video;

  it('publishing queues the job; pocketsphinx makes timed cues with the key words', async () => {
    video = await processedVideo(await makeSpeechClip({ text: SCRIPT, dir, name: 'lecture' }));
    const published = await teacher.post(`/videos/${video.id}/publish`);
    expect(published.status).toBe(303);
    expect((await findAsrRun(ctx.deps.db, video.id))?.status).toMatch(/queued|running/);

    const end = await waitForRun(video.id);
    expect(end.status).toBe('done');
    const run = await findAsrRun(ctx.deps.db, video.id);
    expect(run).toMatchObject({ status: 'done', percent: 100, engine: 'pocketsphinx', errorCode: null });

    const track = await findTrack(ctx.deps.db, video.id, 'en');
    expect(track).toMatchObject({ source: 'asr', reviewedAt: null });
    const { cues } = parseVtt((await readCurrentVtt(ctx.deps.db, track!.id))!);
    const spoken = cues.map((c) => c.text).join(' ');
    for (const word of ['welcome', 'lecture', 'water', 'ocean', 'rain']) expect(spoken).toContain(word);
    expect(cues.length).toBeGreaterThanOrEqual(3);
    expect(cues[0]!.start).toBeLessThan(3);
    expect(cues.at(-1)!.end).toBeLessThan(17);
    cues.forEach((c, i) => i > 0 && expect(c.start).toBeGreaterThanOrEqual(cues[i - 1]!.end));
  }, 240_000);

  it('the learner gets it in the player, labelled automatic, with the badge', async () => {
    const html = decodeHtml((await student.get(`/videos/${video.id}/watch`)).text);
    const src = /<track kind="captions" src="([^"]+)" srclang="en"\s+label="English \(automatic, not reviewed\)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const vtt = await student.get(src!);
    expect(vtt.status).toBe(200);
    expect(vtt.text).toMatch(/^WEBVTT/);
    expect(vtt.text).toContain('water');
    expect(html).toContain('data-caption-badge="automatic">Captions: automatic<');
  });

  it('the captions page shows the track as made by speech recognition, not reviewed', async () => {
    const html = decodeHtml((await teacher.get(`/videos/${video.id}/captions`)).text);
    expect(html).toMatch(/<tr data-language="en">[\s\S]*Puheentunnistus[\s\S]*Automaattinen, tarkistamaton/);
    expect(html).toContain('Valmis: automaattinen luonnos odottaa tarkistusta.');
  });

  it('never overwrites a track a person uploaded: the new draft is skipped and the page says so', async () => {
    const human = 'WEBVTT\n\n00:00:00.500 --> 00:00:04.000\nGood morning, and welcome to lecture two.\n';
    const up = await teacher.post(`/videos/${video.id}/captions/upload`).attach('file', Buffer.from(human), 'mine.vtt').set('Accept', 'application/json');
    expect(up.status).toBe(201);
    const asked = await teacher.post(`/videos/${video.id}/captions/asr`).set('Accept', 'application/json');
    expect(asked.status).toBe(202);
    const end = await waitForRun(video.id);
    expect(end).toMatchObject({ status: 'done', message: expect.stringMatching(/ei tallennettu/) });
    expect((await findAsrRun(ctx.deps.db, video.id))?.errorCode).toBe('asr_skipped_human_track');
    const track = await findTrack(ctx.deps.db, video.id, 'en');
    expect(track?.source).toBe('upload');
    expect(await readCurrentVtt(ctx.deps.db, track!.id)).toContain('lecture two');
  }, 240_000);
});

test('a draft never replaces a reviewed speech-recognition track either', async () => {
  const video = await createVideoWithSource(ctx.deps, { ownerId: teacherId, courseId: teacher.courseId, status: 'ready' });
  const vtt = (t: string) => `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${t}\n`;
  expect(await saveAsrDraft(ctx.deps.db, { videoId: video.id, language: 'en', vtt: vtt('first draft'), cueCount: 1, now: new Date() })).toBe(true);
  // An unreviewed draft may be replaced by a newer draft.
  expect(await saveAsrDraft(ctx.deps.db, { videoId: video.id, language: 'en', vtt: vtt('second draft'), cueCount: 1, now: new Date() })).toBe(true);
  const track = await findTrack(ctx.deps.db, video.id, 'en');
  await setTrackReviewed(ctx.deps.db, { trackId: track!.id, userId: teacherId, now: new Date() });
  expect(await saveAsrDraft(ctx.deps.db, { videoId: video.id, language: 'en', vtt: vtt('third draft'), cueCount: 1, now: new Date() })).toBe(false);
  await saveCaptionVersion(ctx.deps.db, { videoId: video.id, language: 'sv', source: 'edited', vtt: vtt('redigerad'), cueCount: 1, userId: teacherId, now: new Date() });
  expect(await saveAsrDraft(ctx.deps.db, { videoId: video.id, language: 'sv', vtt: vtt('utkast'), cueCount: 1, now: new Date() })).toBe(false);
  expect(await readCurrentVtt(ctx.deps.db, track!.id)).toContain('second draft');
});

test('a video without sound fails with the reason and offers a retry', async () => {
  const video = await processedVideo(await makeSilentVideo({ dir, name: 'silent' }));
  expect((await teacher.post(`/videos/${video.id}/captions/asr`).set('Accept', 'application/json')).status).toBe(202);
  const end = await waitForRun(video.id, 60_000);
  expect(end).toMatchObject({ status: 'failed', canRetry: true });
  expect(end.message).toMatch(/ääniraitaa/);
  const html = decodeHtml((await teacher.get(`/videos/${video.id}/captions`)).text);
  expect(html).toMatch(/<button type="submit">Yritä uudelleen<\/button>/);
  expect(await findTrack(ctx.deps.db, video.id, 'en')).toBeUndefined();
}, 120_000);

test('a job for a video trashed (or gone) meanwhile exits quietly and changes nothing', async () => {
  const video = await createVideoWithSource(ctx.deps, { ownerId: teacherId, courseId: teacher.courseId, status: 'ready' });
  await ctx.deps.db.updateTable('videos').set({ trashed_at: new Date() }).where('id', '=', video.id).execute();
  const deps = { db: ctx.deps.db, media: ctx.deps.media, log: ctx.deps.log, now: () => new Date() };
  expect(await runAsrForVideo(deps, video.id, { isLastAttempt: true })).toBe('stale');
  expect(await runAsrForVideo(deps, '00000000-0000-4000-8000-000000000000', { isLastAttempt: true })).toBe('stale');
  expect(await findAsrRun(ctx.deps.db, video.id)).toBeUndefined();
});
