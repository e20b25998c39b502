// Site admins hear of new reports through the notices outbox and a real SMTP server, on an injected clock:
// the first report mails every admin who can be mailed at once, in their language, with a link to the
// queue; the reports that follow within 15 minutes wait and come in one mail per admin from the digest
// job; nothing is mailed twice, a report that rolls back alerts nobody, and reports handled meanwhile or
// admins who stopped being mailable are dropped quietly.
import { SmtpMailer } from '../../src/adapters/mail/mailer.js';
import { queueReportAlerts, sendReportDigests } from '../../src/governance/moderation-alerts.js';
import { moderationAlertsJob } from '../../src/governance/moderation-alerts.job.js';
import { insertReport } from '../../src/governance/moderation.repo.js';
import { jobRegistry } from '../../src/jobs/registry.js';
import type { WorkerContext } from '../../src/jobs/worker-context.js';
import { createVideo } from '../helpers/video-factory.js';
import { startSmtpSink, type ReceivedMail } from '../helpers/smtp-sink.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

const MINUTE = 60_000;
let f: GovernanceFixture;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let mailer: SmtpMailer;
let clock = Date.now();
const admins: Record<'fi' | 'sv' | 'disabled' | 'noEmail', string> = { fi: '', sv: '', disabled: '', noEmail: '' };

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTls: true, from: 'Luento <luento@uni.test>' });
  f = await createGovernanceFixture({ mailer, now: () => new Date(clock) });
  const platform = await f.ctx.deps.db.selectFrom('users').select('platform_id').where('id', '=', f.ids.admin).executeTakeFirstOrThrow();
  const admin = async (sub: string, o: { email: string | null; locale: string; disabled?: boolean }) =>
    (
      await f.ctx.deps.db
        .insertInto('users')
        .values({ platform_id: platform.platform_id, sub, name: sub, email: o.email, locale: o.locale, site_role: 'admin', disabled_at: o.disabled ? new Date(clock) : null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  admins.fi = await admin('admin-fi', { email: 'eeva.valvoja@uni.test', locale: 'fi-FI' });
  admins.sv = await admin('admin-sv', { email: 'stina.tillsyn@uni.test', locale: 'sv' });
  admins.disabled = await admin('admin-disabled', { email: 'gone@uni.test', locale: 'en', disabled: true });
  admins.noEmail = await admin('admin-no-email', { email: null, locale: 'en' });
}, 60_000);
afterAll(async () => {
  await f.close();
  await sink.close();
});

const video = async (title: string) => (await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'published', title })).id;
/** A learner reports (five reports an hour at most: the last ones come from the instructor). */
const report = (videoId: string, who: 'learnerHere' | 'instructorHere' = 'learnerHere') => f.post(who, `/videos/${videoId}/report`, { category: 'copyright', details: 'Shows my slides without permission' });
const alertMails = () => sink.received.filter((m) => /Message-ID:\s*<moderation\.newReports\./i.test(m.raw));
const to = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();
/** The text body, undoing quoted-printable soft breaks and escapes. */
const text = (m: ReceivedMail) => Buffer.from(m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
const mailTo = (mails: ReceivedMail[], address: string) => mails.find((m) => m.to.includes(address));
const runJob = (minutesLater: number) => {
  clock += minutesLater * MINUTE;
  const ctx: WorkerContext = { ...f.ctx.deps.workerContext, media: { ...f.ctx.deps.workerContext.media, mailer }, now: () => new Date(clock) };
  return moderationAlertsJob.run({}, ctx, { jobId: 'test', attempt: 1, signal: new AbortController().signal });
};

it('the first report mails each admin who can be mailed at once, in their language, with a link to the queue', async () => {
  expect((await report(await video('Kvanttimekaniikka 1'))).status).toBe(303);
  const mails = alertMails();
  expect(to(mails)).toEqual(['aino.yllapitaja@demo.invalid', 'eeva.valvoja@uni.test', 'stina.tillsyn@uni.test']);
  const en = mailTo(mails, 'aino.yllapitaja@demo.invalid')!;
  expect(en.raw).toMatch(/Subject: New reports to review on Luento: 1/);
  expect(text(en)).toContain('“Kvanttimekaniikka 1”: Copyright: it uses material without permission');
  expect(text(en)).toContain('https://luento.test/admin/moderation');
  // The report's details may name people: the mail names the video and the category only.
  expect(text(en)).not.toContain('Shows my slides');
  expect(text(mailTo(mails, 'eeva.valvoja@uni.test')!)).toContain('Käsittele ilmoitukset moderointijonossa: https://luento.test/admin/moderation');
  expect(text(mailTo(mails, 'stina.tillsyn@uni.test')!)).toContain('Granska anmälningarna i modereringskön');
});

it('reports within 15 minutes wait, then come in one mail per admin; nothing is mailed twice', async () => {
  clock += 2 * MINUTE;
  expect((await report(await video('Tilastotiede 2'))).status).toBe(303);
  clock += 3 * MINUTE;
  expect((await report(await video('Lineaarialgebra 3'))).status).toBe(303);
  expect(alertMails()).toHaveLength(3);
  await runJob(5);
  expect(alertMails()).toHaveLength(3);
  await runJob(6);
  const digests = alertMails().slice(3);
  expect(to(digests)).toEqual(['aino.yllapitaja@demo.invalid', 'eeva.valvoja@uni.test', 'stina.tillsyn@uni.test']);
  const en = text(mailTo(digests, 'aino.yllapitaja@demo.invalid')!);
  expect(en).toMatch(/Tilastotiede 2[\s\S]*Lineaarialgebra 3/);
  expect(en).not.toContain('Kvanttimekaniikka 1');
  expect(mailTo(digests, 'aino.yllapitaja@demo.invalid')!.raw).toMatch(/Subject: New reports to review on Luento: 2/);
  await runJob(1);
  await runJob(30);
  expect(alertMails()).toHaveLength(6);
  const pending = await f.ctx.deps.db.selectFrom('moderation_report_alerts').select('report_id').where('handled_at', 'is', null).execute();
  expect(pending).toEqual([]);
});

it('a report that is refused alerts nobody; one handled before its digest, or for an admin no longer mailable, is dropped', async () => {
  const countAlerts = async () => Number((await f.ctx.deps.db.selectFrom('moderation_report_alerts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const id = await video('Orgaaninen kemia 4');
  // The window is open again (30 minutes passed): this report is mailed at once.
  expect((await report(id)).status).toBe(303);
  expect(alertMails()).toHaveLength(9);
  const before = await countAlerts();
  expect((await report(id)).status).toBe(409);
  expect(await countAlerts()).toBe(before);

  clock += MINUTE;
  const handled = await video('Fysiikka 5');
  expect((await report(handled, 'instructorHere')).status).toBe(303);
  expect((await f.post('admin', `/admin/moderation/videos/${handled}/dismiss`, { reason: 'Within the rules' })).status).toBe(303);
  expect((await report(await video('Biologia 6'), 'instructorHere')).status).toBe(303);
  await f.ctx.deps.db.updateTable('users').set({ site_role: 'user' }).where('id', '=', admins.sv).execute();
  await runJob(16);
  const digests = alertMails().slice(9);
  expect(to(digests)).toEqual(['aino.yllapitaja@demo.invalid', 'eeva.valvoja@uni.test']);
  for (const m of digests) {
    expect(text(m)).toContain('Biologia 6');
    expect(text(m)).not.toContain('Fysiikka 5');
  }
  const svPending = await f.ctx.deps.db.selectFrom('moderation_report_alerts').select('message_id').where('admin_id', '=', admins.sv).where('handled_at', 'is', null).execute();
  expect(svPending).toEqual([]);
  const never = await f.ctx.deps.db.selectFrom('moderation_report_alerts').select('admin_id').where('admin_id', 'in', [admins.disabled, admins.noEmail, f.ids.learner]).execute();
  expect(never).toEqual([]);
});

it('two senders at once (a web process and the job on another machine) mail each admin once', async () => {
  clock += 20 * MINUTE;
  const videoId = await video('Kemia 7');
  await f.ctx.deps.db.transaction().execute(async (tx) => {
    const reportId = await insertReport(tx, { videoId, reporterId: f.ids.learner2, category: 'spam', details: 'Advertising', at: new Date(clock) });
    await queueReportAlerts(tx, { reportId, reporterId: f.ids.learner2, at: new Date(clock) });
  });
  const before = alertMails().length;
  const deps = { db: f.ctx.deps.db, mailer, log: f.ctx.deps.log, publicUrl: 'https://luento.test' };
  const runs = await Promise.all([0, 1, 2].map(() => sendReportDigests(deps, { now: new Date(clock) })));
  expect(runs.reduce((n, r) => n + r.queued, 0)).toBe(2);
  expect(to(alertMails().slice(before))).toEqual(['aino.yllapitaja@demo.invalid', 'eeva.valvoja@uni.test']);
});

it('the digest job is registered to run every minute', () => {
  expect(jobRegistry).toContain(moderationAlertsJob);
  expect(moderationAlertsJob.schedule).toBe('* * * * *');
});
