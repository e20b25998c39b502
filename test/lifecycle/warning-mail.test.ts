// Warnings reach the owner once, through a real SMTP server (smtp-server in-process), in the owner's
// language; a sweep rerun on the same day or the next days sends nothing again; an SMTP outage delays
// the mail to the next run instead of losing it.
import { SmtpMailer } from '../../src/adapters/mail/mailer.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { createLifecycleFixture, type LifecycleFixture } from './lifecycle-fixtures.js';

let f: LifecycleFixture;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  f = await createLifecycleFixture();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await f.close();
});

it('sends each warning once, in the owner language, with the date', async () => {
  const mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTls: true, from: 'Luento <luento@uni.test>' });
  const owner = await f.makeOwner('maija@uni.test');
  await f.db.updateTable('users').set({ preferred_locale: 'fi' }).where('id', '=', owner).execute();
  await f.makeVideo({ createdDay: 0, publishedDay: 0, title: 'Termodynamiikka', ownerId: owner });
  for (const d of [699, 700, 700, 701, 715]) await f.sweep(d, { mailer });
  expect(sink.received).toHaveLength(1);
  const [mail] = sink.received;
  expect(mail!.to).toEqual(['maija@uni.test']);
  expect(mail!.raw).toMatch(/Subject: =\?UTF-8\?/);
  expect(mail!.raw).toMatch(/Message-ID:\s*<lifecycle\.warnTrash\.[0-9a-f-]{36}\.[0-9A-Za-z.-]+@luento>/);
  const decoded = Buffer.from(mail!.raw.replace(/=\r?\n/g, ''), 'latin1').toString('utf8');
  expect(decoded).toMatch(/roskakoriin/);
  expect(decoded).toMatch(/2022/);
  await f.sweep(730, { mailer });
  expect(sink.received).toHaveLength(2);
});

it('keeps a notice through an SMTP outage and sends it on the next run', async () => {
  const owner = await f.makeOwner('sven@uni.test');
  await f.makeVideo({ createdDay: 100, publishedDay: 100, title: 'Outage', ownerId: owner });
  f.mailer.failNext = 1;
  const first = await f.sweep(800);
  expect(first.mail.failed).toBe(1);
  expect(f.mailer.sent.filter((m) => m.to === 'sven@uni.test')).toHaveLength(0);
  await f.sweep(801);
  await f.sweep(802);
  expect(f.mailer.sent.filter((m) => m.to === 'sven@uni.test')).toHaveLength(1);
});
