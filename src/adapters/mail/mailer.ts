// The mail port: retention warnings, caption reminders, moderation notices. Plain data in; the SMTP
// implementation is nodemailer, tested against a real SMTP server (smtp-server) in-process.
import nodemailer, { type Transporter } from 'nodemailer';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  /** Optional HTML alternative; the text part is always sent. */
  html?: string;
  /** Lets a receiver (and our own idempotency checks) recognise a message sent twice. */
  messageId?: string;
};

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export type SmtpOptions = { host: string; port: number; secure: boolean; user?: string; password?: string; from: string; ignoreTls?: boolean };

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      ignoreTLS: options.ignoreTls ?? false,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.options.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId });
  }
}

/** Where no SMTP server is configured (the embedded default): mail is logged, not sent. Said at boot. */
export class LogMailer implements Mailer {
  constructor(private readonly log: (msg: MailMessage) => void) {}
  async send(m: MailMessage): Promise<void> {
    this.log(m);
  }
}
