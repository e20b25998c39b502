// The caption editor's HTTP routes on real PostgreSQL: the six-user authorization matrix of every route,
// saving versions, invalid cues (400, nothing saved), version conflicts (409), review with its audit
// event, restore, CSRF on cookie sessions, and the caption style.
import request from 'supertest';
import { SESSION_HEADER } from '../../src/auth/session.middleware.js';
import { findTrack, listVersions, saveCaptionVersion } from '../../src/captions/captions.repo.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { statuses, type Who } from '../helpers/six-users.js';
import { createVideo } from '../helpers/video-factory.js';
import { clientFor, everyone, launchEveryone, type Clients } from '../videos/watch-clients.js';

let ctx: LtiTestContext;
let clients: Clients;
let courseId: string;
let instructorId: string;
let learnerId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  ({ clients, courseId, instructorId, learnerId } = await launchEveryone(ctx));
}, 60_000);
afterAll(async () => ctx.close());

const newVideo = (status: 'ready' | 'processing' = 'ready'): Promise<Video> => createVideo(ctx.deps.db, { ownerId: instructorId, courseId, status, language: 'fi' });
const cue = (start: number, end: number, text: string) => ({ start, end, text });
const vtt = (text: string) => `WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n${text}\n`;

/** PUT/POST with JSON as one of the six (token sessions: no CSRF field needed). */
function send(who: Who, method: 'put' | 'post', path: string, body: object): request.Test {
  const c: LaunchedClient | undefined = who === 'anonymous' ? undefined : clients[who];
  const r = request(ctx.app)[method](path).set('Accept', 'application/json');
  return (c ? r.set(SESSION_HEADER, c.sessionToken) : r).send(body);
}

async function seedTrack(video: Video, text = 'Hei maailma'): Promise<void> {
  await saveCaptionVersion(ctx.deps.db, { videoId: video.id, language: 'fi', source: 'asr', vtt: vtt(text), cueCount: 1, userId: null, now: new Date() });
}

describe('authorization: caption.edit (the owner here and admins), the style for anyone signed in', () => {
  const editors = statuses(401, 403, 403, 200, 403, 200);

  it.each(everyone)('GET the editor page and its JSON as %s', async (who) => {
    const video = await newVideo();
    const c = clientFor(ctx, clients, who);
    const page = await c.get(`/videos/${video.id}/captions/fi/edit`);
    expect(page.status).toBe(editors[who]);
    if (page.status === 200) expect(page.text).toContain('id="caption-editor"');
    const json = await c.get(`/videos/${video.id}/captions/fi`).set('Accept', 'application/json');
    expect(json.status).toBe(editors[who]);
  });

  it.each(everyone)('PUT cues, POST review and restore as %s', async (who) => {
    const video = await newVideo();
    await seedTrack(video);
    const put = await send(who, 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 1, cues: [cue(1, 2, 'Uusi')] });
    expect(put.status).toBe(editors[who]);
    const review = await send(who, 'post', `/videos/${video.id}/captions/fi/review`, {});
    expect(review.status).toBe(editors[who]);
    const restore = await send(who, 'post', `/videos/${video.id}/captions/fi/restore`, { version: 1, baseVersion: put.status === 200 ? 2 : 1 });
    expect(restore.status).toBe(editors[who]);
    const versions = (await listVersions(ctx.deps.db, (await findTrack(ctx.deps.db, video.id, 'fi'))!.id)).length;
    expect(versions).toBe(editors[who] === 200 ? 3 : 1);
  });

  it.each(everyone)('PUT /me/caption-style as %s', async (who) => {
    const res = await send(who, 'put', '/me/caption-style', { size: 'large', color: 'yellow', background: 'translucent' });
    expect(res.status).toBe(who === 'anonymous' ? 401 : 200);
  });
});

describe('saving', () => {
  it('starts empty without a track, creates it on the first save as an edited version, and cleans the text', async () => {
    const video = await newVideo('processing');
    const empty = await clients.instructorHere.get(`/videos/${video.id}/captions/fi`).set('Accept', 'application/json');
    expect(empty.body).toMatchObject({ version: 0, cues: [], versions: [], source: null });
    const page = await clients.instructorHere.get(`/videos/${video.id}/captions/fi/edit`);
    expect(page.status).toBe(200);
    const res = await send('instructorHere', 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 0, cues: [cue(0.5, 2, 'a  < b & c'), cue(2, 3.25, '<i>Kursiivi</i>')] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, source: 'edited', cues: [cue(0.5, 2, 'a < b & c'), cue(2, 3.25, '<i>Kursiivi</i>')] });
    const track = await findTrack(ctx.deps.db, video.id, 'fi');
    const [saved] = await listVersions(ctx.deps.db, track!.id);
    expect(saved).toMatchObject({ source: 'edited', cueCount: 2, createdBy: instructorId });
    expect(saved?.vtt).toBe('WEBVTT\n\n00:00:00.500 --> 00:00:02.000\na &lt; b &amp; c\n\n00:00:02.000 --> 00:00:03.250\n<i>Kursiivi</i>\n');
  });

  it.each([
    ['end before start', [cue(2, 1, 'x')], /Cue 1: it must end after it starts/],
    ['no text', [cue(1, 2, 'ok'), cue(2, 3, '   ')], /Cue 2 has no text/],
    ['out of order', [cue(5, 6, 'b'), cue(1, 2, 'a')], /Cue 2 starts .* before cue 1/],
    ['a short overlap the WebVTT reader would trim', [cue(1, 3, 'a'), cue(2.5, 4, 'b')], /Cue 2 starts before cue 1 ends/],
    ['a repeated cue', [cue(1, 2, 'a'), cue(1, 2, 'a')], /Cue 2 repeats cue 1/],
    ['too long a text', [cue(1, 2, 'x'.repeat(501))], /Cue 1 is too long/],
    ['a negative time', [cue(-1, 2, 'x')], /cannot be negative/],
    ['a time that is not a number', [{ start: 'soon', end: 2, text: 'x' }], /cues\.0\.start/],
  ])('refuses %s with 400 and a message, saving nothing', async (_name, cues, message) => {
    const video = await newVideo();
    await seedTrack(video);
    const res = await send('instructorHere', 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 1, cues });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    const track = await findTrack(ctx.deps.db, video.id, 'fi');
    expect(track?.currentVersion).toBe(1);
    expect(await listVersions(ctx.deps.db, track!.id)).toHaveLength(1);
  });

  it('refuses a save from an older version with 409 and a clear message, saving nothing', async () => {
    const video = await newVideo();
    await seedTrack(video);
    const first = await send('instructorHere', 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 1, cues: [cue(1, 2, 'toinen')] });
    expect(first.body.version).toBe(2);
    const stale = await send('admin', 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 1, cues: [cue(1, 2, 'vanhasta')] });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'caption_version_conflict', details: { currentVersion: 2 } });
    expect(stale.body.error.message).toMatch(/changed elsewhere/);
    const track = await findTrack(ctx.deps.db, video.id, 'fi');
    expect(track?.currentVersion).toBe(2);
    const ws = await Promise.all([1, 2, 3].map((n) => send('instructorHere', 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 2, cues: [cue(1, 2, `rinnakkain ${n}`)] })));
    expect(ws.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });
});

describe('review and restore', () => {
  it('marks the current version reviewed with an audit event; a later edit clears it; restore makes a new version', async () => {
    const video = await newVideo();
    await seedTrack(video, 'Automaattinen');
    const stale = await send('instructorHere', 'post', `/videos/${video.id}/captions/fi/review`, { version: 7 });
    expect(stale.status).toBe(409);
    const res = await send('instructorHere', 'post', `/videos/${video.id}/captions/fi/review`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.review).toMatchObject({ isReviewed: true, byName: expect.any(String) });
    expect((await findTrack(ctx.deps.db, video.id, 'fi'))?.reviewedBy).toBe(instructorId);
    const audit = await ctx.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'caption.reviewed').where('subject_id', '=', video.id).execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: instructorId, subject_kind: 'video' })]);
    const edited = await send('instructorHere', 'put', `/videos/${video.id}/captions/fi`, { baseVersion: 1, cues: [cue(1, 2, 'Korjattu')] });
    expect(edited.body.review.isReviewed).toBe(false);
    const restored = await send('instructorHere', 'post', `/videos/${video.id}/captions/fi/restore`, { version: 1, baseVersion: 2 });
    expect(restored.body).toMatchObject({ version: 3, source: 'asr', cues: [cue(1, 2.5, 'Automaattinen')] });
    expect(restored.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const missing = await send('instructorHere', 'post', `/videos/${video.id}/captions/fi/restore`, { version: 99, baseVersion: 3 });
    expect(missing.status).toBe(404);
  });

  it('has nothing to review without a track, and refuses a cookie session without the CSRF field', async () => {
    const video = await newVideo();
    expect((await send('instructorHere', 'post', `/videos/${video.id}/captions/fi/review`, {})).status).toBe(404);
    await seedTrack(video);
    const cookieTeacher = await launchAs(ctx, 'teacher');
    expect(cookieTeacher.hasCookie).toBe(true);
    const res = await cookieTeacher.post(`/videos/${video.id}/captions/fi/review`).set('Accept', 'application/json').send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    expect((await findTrack(ctx.deps.db, video.id, 'fi'))?.reviewedAt).toBeNull();
  });

  it('leaves paths that name no language to other routes, and refuses a bad video id', async () => {
    const video = await newVideo();
    expect((await clients.instructorHere.get(`/videos/${video.id}/captions/FINNISH/edit`)).status).toBe(404);
    expect((await clients.instructorHere.get('/videos/not-a-uuid/captions/fi/edit')).status).toBe(400);
  });
});

describe('caption style', () => {
  it('stores a valid style on the user and refuses an unknown value with 400', async () => {
    const ok = await send('learnerHere', 'put', '/me/caption-style', { size: 'x-large', color: 'cyan', background: 'none' });
    expect(ok.body).toEqual({ size: 'x-large', color: 'cyan', background: 'none' });
    const row = await ctx.deps.db.selectFrom('users').select('caption_style').where('id', '=', learnerId).executeTakeFirstOrThrow();
    expect(row.caption_style).toEqual({ size: 'x-large', color: 'cyan', background: 'none' });
    const bad = await send('learnerHere', 'put', '/me/caption-style', { size: 'huge', color: 'cyan', background: 'none' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/size: choose one of/);
    const after = await ctx.deps.db.selectFrom('users').select('caption_style').where('id', '=', learnerId).executeTakeFirstOrThrow();
    expect(after.caption_style).toEqual({ size: 'x-large', color: 'cyan', background: 'none' });
  });
});
