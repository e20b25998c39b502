import { SmtpMailer } from '../../src/adapters/mail/mailer.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

describe('SmtpMailer against a real SMTP server', () => {
  it('delivers a message with its subject, text and message id', async () => {
    const sink = await startSmtpSink();
    try {
      const mailer = new SmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTls: true, from: 'Luento <luento@example.fi>' });
      await mailer.send({ to: 'teacher@example.fi', subject: 'Tekstitys erääntyy', text: 'Videon "Luento 1" tekstitys erääntyy 3 päivän päästä.', messageId: '<caption-near-42@luento>' });
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.to).toEqual(['teacher@example.fi']);
      expect(sink.received[0]!.from).toBe('luento@example.fi');
      expect(sink.received[0]!.raw).toContain('Message-ID: <caption-near-42@luento>');
      expect(sink.received[0]!.raw).toMatch(/Subject: =\?UTF-8\?Q\?Teksti/);
    } finally {
      await sink.close();
    }
  });

  it('fails clearly when the SMTP server cannot be reached', async () => {
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: 1, secure: false, from: 'luento@example.fi' });
    await expect(mailer.send({ to: 'x@example.fi', subject: 's', text: 't' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
