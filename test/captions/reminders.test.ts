// Caption reminders with an injected clock and a real SMTP server (smtp-server in-process): the
// "deadline near" mail once, the "deadline missed" mail once, none once captions are reviewed, in the
// owner's language with a link to the caption page; an SMTP outage delays a reminder, never loses or
// doubles it; two runs racing send each reminder once.
import { SmtpMailer, type Mailer } from '../../src/adapters/mail/mailer.js';
import { runCaptionReminders } from '../../src/captions/caption-reminders.js';
import { captionRemindersJob } from '../../src/captions/caption-reminders.job.js';
import { defaultCaptionSettings, saveCaptionSettings } from '../../src/captions/caption-settings.js';
import { saveCaptionVersion, setTrackReviewed } from '../../src/captions/captions.repo.js';
import type { Db } from '../../src/db/database.js';
import { jobRegistry } from '../../src/jobs/registry.js';
import { createLogger } from '../../src/logger.js';
import { createCourse, createTestPlatform, createUser } from '../helpers/factories.js';
import { startSmtpSink, type ReceivedMail } from '../helpers/smtp-sink.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createVideo } from '../helpers/video-factory.js';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);
const log = createLogger('silent');
const longDate = (d: Date) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(d);

let ctx: TestContext;
let db: Db;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let mailer: SmtpMailer;
let platformId: string;
let courseId: string;
let closePlatform: () => Promise<unknown>;

beforeAll(async () => {
  ctx = await createTestContext({ startQueue: false });
  db = ctx.deps.db;
  sink = await startSmtpSink();
  mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTls: true, from: 'Luento <luento@uni.test>' });
  const p = await createTestPlatform(db);
  closePlatform = p.jwks.close;
  platformId = p.platform.id;
  courseId = (await createCourse(db, { platformId })).id;
});
afterAll(async () => {
  await sink.close();
  await closePlatform();
  await ctx.close();
});

async function ownedVideo(o: { email: string; locale?: string; title: string; publishedDay?: number }): Promise<string> {
  const owner = await createUser(db, { platformId, name: 'Owner' });
  await db.updateTable('users').set({ email: o.email, preferred_locale: o.locale ?? null }).where('id', '=', owner.id).execute();
  const v = await createVideo(db, { ownerId: owner.id, courseId, status: 'published', title: o.title, language: 'fi' });
  await db.updateTable('videos').set({ published_at: day(o.publishedDay ?? 0) }).where('id', '=', v.id).execute();
  return v.id;
}

const run = (d: number, m: Mailer = mailer) => runCaptionReminders({ db, mailer: m, log, publicUrl: 'https://luento.test' }, { settings: defaultCaptionSettings, now: day(d) });
const to = (address: string): ReceivedMail[] => sink.received.filter((r) => r.to.includes(address));
const decoded = (m: ReceivedMail) => Buffer.from(m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

test('one "deadline near" mail 3 days before, one "missed" mail on the day, nothing more', async () => {
  const id = await ownedVideo({ email: 'near@uni.test', title: 'Entropy' });
  for (const d of [1, 10, 10.9]) await run(d);
  expect(to('near@uni.test')).toHaveLength(0);
  for (const d of [11, 11.5, 12, 13.9]) await run(d);
  expect(to('near@uni.test')).toHaveLength(1);
  const near = to('near@uni.test')[0]!;
  expect(near.raw).toMatch(new RegExp(`Message-ID:\\s*<caption\\.deadline-near\\.${id}\\.\\d+@luento>`, 'i'));
  expect(decoded(near)).toContain(`https://luento.test/videos/${id}/captions`);
  expect(decoded(near)).toContain(`by ${longDate(day(14))}`);
  for (const d of [14, 14.2, 15, 30]) await run(d);
  const mails = to('near@uni.test');
  expect(mails).toHaveLength(2);
  expect(mails[1]!.raw).toMatch(new RegExp(`Message-ID:\\s*<caption\\.deadline-missed\\.${id}\\.\\d+@luento>`, 'i'));
  expect(decoded(mails[1]!)).toContain(`passed on ${longDate(day(14))}`);
  const rows = await db.selectFrom('caption_reminders_sent').select(['kind', 'deadline']).where('video_id', '=', id).orderBy('kind', 'desc').execute();
  expect(rows).toEqual([
    { kind: 'deadline-near', deadline: day(14) },
    { kind: 'deadline-missed', deadline: day(14) },
  ]);
});

test('no reminder once captions are reviewed; a review after the first reminder stops the second', async () => {
  const early = await ownedVideo({ email: 'reviewed-early@uni.test', title: 'Reviewed early', publishedDay: 100 });
  const late = await ownedVideo({ email: 'reviewed-late@uni.test', title: 'Reviewed late', publishedDay: 100 });
  const review = async (videoId: string, at: Date) => {
    const owner = (await db.selectFrom('videos').select('owner_id').where('id', '=', videoId).executeTakeFirstOrThrow()).owner_id;
    const t = await saveCaptionVersion(db, { videoId, language: 'fi', source: 'asr', vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhei\n', cueCount: 1, userId: null, now: at });
    await setTrackReviewed(db, { trackId: t.trackId, userId: owner, now: at });
  };
  await review(early, day(105));
  await run(111);
  expect(to('reviewed-early@uni.test')).toHaveLength(0);
  expect(to('reviewed-late@uni.test')).toHaveLength(1);
  await review(late, day(112));
  for (const d of [114, 120]) await run(d);
  expect(to('reviewed-early@uni.test')).toHaveLength(0);
  expect(to('reviewed-late@uni.test')).toHaveLength(1);
});

test('a first run after the deadline sends only the missed reminder, in the owner’s language', async () => {
  const id = await ownedVideo({ email: 'maija@uni.test', locale: 'fi', title: 'Termodynamiikka', publishedDay: 200 });
  await run(220);
  await run(221);
  const mails = to('maija@uni.test');
  expect(mails).toHaveLength(1);
  expect(mails[0]!.raw).toMatch(/deadline-missed/);
  expect(decoded(mails[0]!)).toMatch(/määräaika päättyi/);
  expect(decoded(mails[0]!)).toContain(`https://luento.test/videos/${id}/captions`);
});

test('an SMTP outage delays the reminder to the next run, and it is sent once', async () => {
  await ownedVideo({ email: 'outage@uni.test', title: 'Outage', publishedDay: 300 });
  const down = new SmtpMailer({ host: '127.0.0.1', port: 1, secure: false, ignoreTls: true, from: 'x@uni.test' });
  const first = await run(311, down);
  expect(first.queued['deadline-near']).toBeGreaterThanOrEqual(1);
  expect(first.mail.failed).toBeGreaterThanOrEqual(1);
  expect(to('outage@uni.test')).toHaveLength(0);
  await run(312);
  await run(313);
  expect(to('outage@uni.test')).toHaveLength(1);
});

test('two runs racing send each reminder once; the scheduled job reads the stored policy', async () => {
  await ownedVideo({ email: 'race@uni.test', title: 'Race', publishedDay: 400 });
  await Promise.all([run(411), run(411), run(411)]);
  expect(to('race@uni.test')).toHaveLength(1);

  expect(jobRegistry).toContain(captionRemindersJob);
  expect(captionRemindersJob.schedule).toBe('0 6 * * *');
  // A 30-day deadline with a 5-day reminder: the job, run by the worker's context with its clock.
  await saveCaptionSettings(db, { deadlineDays: 30, remindDaysBefore: 5, asrOnPublish: true });
  await ownedVideo({ email: 'job@uni.test', title: 'Job', publishedDay: 500 });
  const worker = { ...ctx.deps.workerContext, now: () => day(524), media: { ...ctx.deps.workerContext.media, mailer } };
  await captionRemindersJob.run({}, worker, { jobId: 'j', attempt: 1, signal: new AbortController().signal });
  expect(to('job@uni.test')).toHaveLength(0);
  await captionRemindersJob.run({}, { ...worker, now: () => day(525) }, { jobId: 'j', attempt: 1, signal: new AbortController().signal });
  expect(to('job@uni.test')).toHaveLength(1);
  expect(decoded(to('job@uni.test')[0]!)).toContain(`by ${longDate(day(530))}`);
});

test('a per-run cap defers the rest to the next run, scanning in batches', async () => {
  const emails = ['cap1@uni.test', 'cap2@uni.test', 'cap3@uni.test'];
  for (const email of emails) await ownedVideo({ email, title: email, publishedDay: 600 });
  const settings = { deadlineDays: 14, remindDaysBefore: 3, asrOnPublish: true };
  // Reminders still due for the earlier tests' videos go out first, before these videos' moment.
  await runCaptionReminders({ db, mailer, log, publicUrl: 'https://luento.test' }, { settings, now: day(605) });
  const first = await runCaptionReminders({ db, mailer, log, publicUrl: 'https://luento.test' }, { settings, now: day(611), batchSize: 1, maxPerRun: 2 });
  expect(first.queued['deadline-near']).toBe(2);
  expect(emails.flatMap(to)).toHaveLength(2);
  await runCaptionReminders({ db, mailer, log, publicUrl: 'https://luento.test' }, { settings, now: day(612), batchSize: 1, maxPerRun: 2 });
  expect(emails.map((e) => to(e).length)).toEqual([1, 1, 1]);
});
