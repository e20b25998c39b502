// POST /videos/:id/captions/upload: WebVTT and SRT files in the encodings people send, refused files
// with their line and reason (in the uploader's language), nothing saved on refusal, and who may upload.
import { createLtiTestContext, decodeHtml, type LtiTestContext } from '../helpers/launch-as.js';
import { createVideo } from '../helpers/video-factory.js';
import { clientFor, everyone, launchEveryone, type Clients, type Who } from '../videos/watch-clients.js';
import { findTrack, listVersions } from '../../src/captions/captions.repo.js';
import type { Video } from '../../src/videos/videos.repo.js';

let ctx: LtiTestContext;
let clients: Clients;
let video: Video;
let otherVideo: Video;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  const l = await launchEveryone(ctx);
  clients = l.clients;
  video = await createVideo(ctx.deps.db, { ownerId: l.instructorId, courseId: l.courseId, status: 'published', language: 'fi' });
  otherVideo = await createVideo(ctx.deps.db, { ownerId: l.instructorId, courseId: l.courseId, status: 'ready', language: 'other' });
}, 60_000);
afterAll(async () => {
  await ctx.close();
});

const GOOD_VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHyvää huomenta.\n\n00:00:03.500 --> 00:00:06.000\nTänään puhumme energiasta.\n';
const upload = (who: Who, v: Video, body: Buffer | string, o: { language?: string; json?: boolean; name?: string; reviewed?: boolean } = {}) => {
  const req = clientFor(ctx, clients, who)
    .post(`/videos/${v.id}/captions/upload`)
    .attach('file', Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), { filename: o.name ?? 'captions.vtt', contentType: 'application/octet-stream' });
  if (o.language !== undefined) req.field('language', o.language);
  if (o.reviewed) req.field('reviewed', 'on');
  return o.json ? req.set('Accept', 'application/json') : req;
};

async function currentVtt(v: Video, language: string): Promise<string | undefined> {
  const track = await findTrack(ctx.deps.db, v.id, language);
  if (!track) return undefined;
  return (await listVersions(ctx.deps.db, track.id))[0]?.vtt;
}

describe('who may upload captions', () => {
  const matrix: Record<Who, number> = { anonymous: 401, learnerHere: 403, learnerElsewhere: 403, instructorHere: 201, instructorElsewhere: 403, admin: 201 };
  it.each(everyone)('%s', async (who) => {
    const res = await upload(who, video, GOOD_VTT, { json: true, language: 'sv' });
    expect(res.status).toBe(matrix[who]);
  });
});

describe('uploading good files', () => {
  it('saves a UTF-8 WebVTT with a byte-order mark as the video-language track, source upload, not reviewed', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD_VTT, 'utf8')]);
    const res = await upload('instructorHere', video, bom, { json: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ language: 'fi', cueCount: 2, format: 'vtt', encoding: 'utf-8', warnings: [] });
    const track = await findTrack(ctx.deps.db, video.id, 'fi');
    expect(track).toMatchObject({ source: 'upload', reviewedAt: null });
    expect(await currentVtt(video, 'fi')).toContain('Tänään puhumme energiasta.');
  });

  it('reads a Latin-1 SRT, normalises it to WebVTT, and says what it changed (in Finnish)', async () => {
    const srt = '2\n00:00:05,000 --> 00:00:07,000\nPäivää, Åsa!\n\n1\n00:00:01,000 --> 00:00:03,000\nEnsimmäinen\n';
    const res = await upload('instructorHere', video, Buffer.from(srt, 'latin1'), { name: 'old.srt', language: 'fi' });
    expect(res.status).toBe(200);
    const html = decodeHtml(res.text);
    expect(html).toContain('Latin-1');
    expect(html).toMatch(/rivi 6: tekstitykset eivät olleet aikajärjestyksessä/);
    const vtt = await currentVtt(video, 'fi');
    expect(vtt).toMatch(/^WEBVTT/);
    expect(vtt).toContain('Päivää, Åsa!');
    expect(vtt!.indexOf('Ensimmäinen')).toBeLessThan(vtt!.indexOf('Päivää'));
  });

  it('marks the track reviewed when the uploader says a person made or checked it, and audits that', async () => {
    const res = await upload('instructorHere', video, GOOD_VTT, { json: true, language: 'en', reviewed: true });
    expect(res.status).toBe(201);
    const track = await findTrack(ctx.deps.db, video.id, 'en');
    expect(track).toMatchObject({ source: 'upload', reviewedBy: expect.any(String) });
    const audit = await ctx.deps.db.selectFrom('audit_events').select(['action', 'details']).where('subject_id', '=', video.id).where('action', '=', 'caption.reviewed').execute();
    expect(audit).toEqual([{ action: 'caption.reviewed', details: { language: 'en', version: 1, via: 'upload' } }]);
  });

  it('keeps every version', async () => {
    const track = await findTrack(ctx.deps.db, video.id, 'fi');
    expect((await listVersions(ctx.deps.db, track!.id)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('refused files', () => {
  const BROKEN = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nfine\n\n00:00:09.000 --> 00:00:04.000\nbackwards\n';

  it('answers a broken timing line with 400, the line and the reason, and saves nothing', async () => {
    const before = await currentVtt(video, 'fi');
    const res = await upload('instructorHere', video, BROKEN, { json: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'caption_parse_failed', details: { line: 6, reason: 'end_before_start' } });
    // The launch locale of the demo LMS decides the language of the message.
    expect(res.body.error.message).toMatch(/6/);
    expect(await currentVtt(video, 'fi')).toBe(before);
  });

  it('shows the refusal on the page next to the form, in the uploader\'s language', async () => {
    const res = await upload('instructorHere', video, 'WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n', { language: 'fi' });
    expect(res.status).toBe(400);
    const html = decodeHtml(res.text);
    expect(html).toMatch(/class="caption-upload-error" role="alert" id="upload-error" data-line="3"/);
    expect(html).toMatch(/(line|rivi|rad) 3/);
    expect(html).toContain('00:00:01.000 --> 00:00:0x.000');
  });

  it('refuses a file that is not captions at all, an empty upload, and an unknown language', async () => {
    const png = await upload('instructorHere', video, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), { json: true });
    expect(png.status).toBe(400);
    expect(png.body.error.details).toMatchObject({ line: 1, reason: 'unknown_format' });
    const empty = await clientFor(ctx, clients, 'instructorHere').post(`/videos/${video.id}/captions/upload`).field('language', 'fi').set('Accept', 'application/json');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('caption_file_missing');
    const badLanguage = await upload('instructorHere', video, GOOD_VTT, { json: true, language: 'zz' });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.error.code).toBe('caption_language_invalid');
    expect(await findTrack(ctx.deps.db, video.id, 'zz')).toBeUndefined();
  });

  it('needs an explicit language for a video in an "other" language', async () => {
    const res = await upload('instructorHere', otherVideo, GOOD_VTT, { json: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('caption_language_invalid');
    const ok = await upload('instructorHere', otherVideo, GOOD_VTT, { json: true, language: 'smn' });
    expect(ok.status).toBe(201);
    expect(ok.body.languageName).toMatch(/saame|sami|samiska/i);
  });

  it('refuses a file over 2 MiB with 413', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 100 * 1024, 'a');
    const res = await upload('instructorHere', video, big, { json: true });
    expect(res.status).toBe(413);
  });

  it('takes the file as the raw body too (fetch or curl), language in the query', async () => {
    const res = await clients.instructorHere.post(`/videos/${video.id}/captions/upload?language=en`).set('Content-Type', 'text/vtt').set('Accept', 'application/json').send(GOOD_VTT);
    expect(res.status).toBe(201);
    expect(res.body.language).toBe('en');
  });
});
