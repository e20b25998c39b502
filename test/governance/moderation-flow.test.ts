// Moderation end to end, on a real processed video and a real SMTP server: a learner reports, the admin
// sees the queue and hides the video; the media URLs the learner already holds answer 403 at once, the
// watch page refuses, and the owner sees why; restoring makes the same URLs play again. Owner and
// reporter are mailed; every step is audited; another process's block list follows within its refresh.
import { SmtpMailer } from '../../src/adapters/mail/mailer.js';
import type { Actor } from '../../src/auth/permissions.js';
import { createMediaBlockList } from '../../src/governance/media-block-list.js';
import { createEmbedPlayer } from '../../src/videos/watch.routes.js';
import type { Video } from '../../src/videos/videos.repo.js';
import { decodeHtml } from '../helpers/launch-as.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { createPublishedVideo, removeWorkRoots } from '../videos/processing-fixtures.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let video: Video;

beforeAll(async () => {
  sink = await startSmtpSink();
  const mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTls: true, from: 'Luento <luento@uni.test>' });
  f = await createGovernanceFixture({ mailer });
  video = await createPublishedVideo(f.ctx.deps, { ownerId: f.ids.teacher, courseId: f.here });
}, 120_000);
afterAll(async () => {
  await f.close();
  await sink.close();
  await removeWorkRoots();
});

const anonymousGet = (path: string) => f.get('anonymous', path);
const mediaUrlsOf = (html: string) => {
  const hls = /data-hls-url="([^"]+)"/.exec(decodeHtml(html))?.[1] ?? '';
  return { hls, poster: hls.replace('hls/master.m3u8', 'poster.jpg'), captions: hls.replace('hls/master.m3u8', 'captions/fi.vtt') };
};
/** The LTI embed's player, for a learner whose embed session names this video. */
const embedFor = () => {
  const d = f.ctx.deps;
  const embed = createEmbedPlayer({ videos: d.videos, media: d.media, queue: d.queue, log: d.log, mediaTokenTtlSeconds: 300, blocks: d.mediaBlocks });
  const learner: Actor = { kind: 'user', userId: f.ids.learner, isSiteAdmin: false, course: { courseId: f.here, role: 'viewer' } };
  return embed(learner, { videoId: video.id, embedVideoId: video.id, sessionToken: undefined });
};
const auditActions = async () => (await f.ctx.deps.db.selectFrom('audit_events').select(['action', 'reason', 'actor_id']).where('subject_id', '=', video.id).orderBy('id').execute()).map((e) => e.action);
const mailsWith = (kind: string) => sink.received.filter((m) => m.raw.includes(`<moderation.${kind}.${video.id}.`));

it('report → queue → takedown: media URLs already handed out answer 403 at once, and the owner sees why', async () => {
  const page = await f.get('learnerHere', `/videos/${video.id}/watch`);
  expect(page.status).toBe(200);
  const urls = mediaUrlsOf(page.text);
  const playlist = await anonymousGet(urls.hls);
  expect(playlist.status).toBe(200);
  const segment = /^[^#\s].*$/m.exec(playlist.text)?.[0] ?? '';
  const segmentUrl = urls.hls.replace('master.m3u8', segment);
  expect((await anonymousGet(segmentUrl)).status).toBe(200);

  expect(page.text).toContain(`/videos/${video.id}/report`);
  const report = await f.post('learnerHere', `/videos/${video.id}/report`, { category: 'copyright', details: 'Uses my lecture slides without permission' });
  expect(report.status).toBe(303);
  expect((await f.get('learnerHere', `/videos/${video.id}/report?sent=1`)).text).toContain('data-testid="report-sent"');

  const queue = await f.get('admin', '/admin/moderation');
  expect(queue.status).toBe(200);
  expect(decodeHtml(queue.text)).toContain('Uses my lecture slides without permission');
  expect(queue.text).toContain(`data-video-id="${video.id}"`);

  expect((await f.post('admin', `/admin/moderation/videos/${video.id}/takedown`, { reason: 'Copyright claim upheld' })).status).toBe(303);
  for (const url of [urls.hls, segmentUrl, urls.poster, urls.captions]) {
    const res = await anonymousGet(url);
    expect({ url, status: res.status }).toEqual({ url, status: 403 });
    expect(res.text).toContain('video_taken_down');
  }
  await expect(embedFor()).rejects.toMatchObject({ code: 'video_taken_down', status: 403 });
  const learnerWatch = await f.get('learnerHere', `/videos/${video.id}/watch`);
  expect(learnerWatch.status).toBe(403);
  expect(learnerWatch.text).toContain('video_taken_down');
  expect(learnerWatch.text).not.toContain('Copyright claim upheld');
  const ownerWatch = await f.get('instructorHere', `/videos/${video.id}/watch`);
  expect(ownerWatch.status).toBe(403);
  expect(ownerWatch.text).toContain('Copyright claim upheld');
  const ownership = await f.get('instructorHere', `/videos/${video.id}/ownership`);
  expect(ownership.text).toContain('data-testid="takedown"');
  expect(ownership.text).toContain('Copyright claim upheld');
  expect((await f.get('admin', '/admin/moderation')).text).toContain('data-testid="hidden"');

  expect(mailsWith('takedownOwner').map((m) => m.to)).toEqual([['tuula.opettaja@demo.invalid']]);
  expect(mailsWith('takedownReporter').map((m) => m.to)).toEqual([['sam.student@demo.invalid']]);
  expect(await auditActions()).toEqual(expect.arrayContaining(['video.reported', 'video.takedown']));
  const takedown = await f.ctx.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'video.takedown').where('subject_id', '=', video.id).executeTakeFirstOrThrow();
  expect({ actor: takedown.actor_id, reason: takedown.reason }).toEqual({ actor: f.ids.admin, reason: 'Copyright claim upheld' });
  const reportRow = await f.ctx.deps.db.selectFrom('video_reports').select(['status', 'resolution_reason']).where('video_id', '=', video.id).executeTakeFirstOrThrow();
  expect(reportRow).toEqual({ status: 'actioned', resolution_reason: 'Copyright claim upheld' });
}, 60_000);

it('another web process learns of a takedown and of a restore within its refresh interval', async () => {
  const other = await createMediaBlockList({ db: f.ctx.deps.db, log: f.ctx.deps.log, refreshMs: 50 });
  try {
    expect(other.refusalFor(video.id, '')).toBe('taken_down');
    await f.ctx.deps.db.deleteFrom('video_takedowns').where('video_id', '=', video.id).execute();
    await new Promise((r) => setTimeout(r, 200));
    expect(other.refusalFor(video.id, '')).toBeNull();
    await f.ctx.deps.db.insertInto('video_takedowns').values({ video_id: video.id, reason: 'Copyright claim upheld', taken_down_by: f.ids.admin }).execute();
    await new Promise((r) => setTimeout(r, 200));
    expect(other.refusalFor(video.id, '')).toBe('taken_down');
  } finally {
    other.stop();
    // This test changed the table behind the app's back; the app's own set may have reloaded meanwhile.
    await f.ctx.deps.mediaBlocks.refresh();
  }
});

it('restore: the same URLs play again, and the owner is mailed; a decision without a reason is refused', async () => {
  const noReason = await f.post('admin', `/admin/moderation/videos/${video.id}/restore`, { reason: '' });
  expect(noReason.status).toBe(400);
  expect(f.ctx.deps.mediaBlocks.refusalFor(video.id, '')).toBe('taken_down');
  expect((await f.post('admin', `/admin/moderation/videos/${video.id}/restore`, { reason: 'The licence was confirmed' })).status).toBe(303);
  const page = await f.get('learnerHere', `/videos/${video.id}/watch`);
  expect(page.status).toBe(200);
  expect((await anonymousGet(mediaUrlsOf(page.text).hls)).status).toBe(200);
  await expect(embedFor()).resolves.toMatchObject({ videoId: video.id });
  expect(mailsWith('restoreOwner').map((m) => m.to)).toEqual([['tuula.opettaja@demo.invalid']]);
  expect(await auditActions()).toEqual(expect.arrayContaining(['video.restored']));
  expect((await f.post('admin', `/admin/moderation/videos/${video.id}/restore`, { reason: 'Again' })).status).toBe(409);
});

it('dismiss: the reports close with the reason, the reporter is told, and the video keeps playing', async () => {
  expect((await f.post('learnerHere', `/videos/${video.id}/report`, { category: 'other', details: 'The audio is too quiet' })).status).toBe(303);
  expect((await f.post('admin', `/admin/moderation/videos/${video.id}/dismiss`, { reason: 'Not against the acceptable use policy' })).status).toBe(303);
  expect(mailsWith('dismissReporter').map((m) => m.to)).toEqual([['sam.student@demo.invalid']]);
  const dismissed = await f.ctx.deps.db.selectFrom('audit_events').select(['reason', 'subject_kind']).where('action', '=', 'report.dismissed').execute();
  expect(dismissed).toEqual([{ reason: 'Not against the acceptable use policy', subject_kind: 'report' }]);
  expect((await f.get('learnerHere', `/videos/${video.id}/watch`)).status).toBe(200);
  expect((await f.post('admin', `/admin/moderation/videos/${video.id}/dismiss`, { reason: 'Nothing left' })).status).toBe(409);
  expect((await f.get('admin', '/admin/moderation')).text).not.toContain(`data-video-id="${video.id}"`);
});
