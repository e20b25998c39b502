// Builds the media adapters from config: storage (local disk or S3), the ffmpeg transcoder, and the
// media token key. A missing ffmpeg does not stop the web: it is reported at start and on the admin
// page, and processing jobs fail with the same clear message until it is installed.
import type { Config } from './config.js';
import type { BlobStore } from './adapters/storage/blob-store.js';
import { LocalBlobStore } from './adapters/storage/local-blob-store.js';
import { S3BlobStore } from './adapters/storage/s3-blob-store.js';
import { FfmpegNotFoundError } from './adapters/transcoder/media-errors.js';
import { createFfmpegTranscoder, type Transcoder } from './adapters/transcoder/transcoder.js';
import type { Logger } from './logger.js';
import { LogMailer, SmtpMailer, type Mailer } from './adapters/mail/mailer.js';
import { deriveMediaTokenKey, type MediaTokenKey } from './videos/media-token.js';
import { buildSpeechRecognizers } from './captions/asr-engines.js';
import type { SpeechRecognizer } from './adapters/speech/speech-recognizer.js';

export type MediaDeps = {
  blobStore: BlobStore;
  transcoder: Transcoder;
  /** Why media processing cannot run, for the admin page; undefined when it can. */
  mediaToolsProblem: string | undefined;
  mediaTokenKey: MediaTokenKey;
  mailer: Mailer;
  /** Configured speech engines in order of preference (whisper, then pocketsphinx); may be empty. */
  speech: SpeechRecognizer[];
};

function unavailableTranscoder(error: FfmpegNotFoundError): Transcoder {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return { probe: fail, transcode: fail, makePoster: fail, makeStoryboard: fail, describe: () => ({ ffmpegPath: '', ffprobePath: '', ffmpegVersion: '' }) };
}

export async function buildMediaDeps(opts: { config: Config; log: Logger; secretKey: string }): Promise<MediaDeps> {
  const m = opts.config.media;
  const blobStore: BlobStore = m.storage.driver === 's3' ? new S3BlobStore(m.storage) : await LocalBlobStore.open({ root: m.storage.root });
  let transcoder: Transcoder;
  let mediaToolsProblem: string | undefined;
  try {
    transcoder = await createFfmpegTranscoder(m.ffmpeg);
    opts.log.info(transcoder.describe(), 'media tools found');
  } catch (err) {
    if (!(err instanceof FfmpegNotFoundError)) throw err;
    mediaToolsProblem = err.message;
    opts.log.error({ problem: err.message }, 'ffmpeg was not found: uploads cannot be processed until it is installed (set FFMPEG_PATH, or install ffmpeg)');
    transcoder = unavailableTranscoder(err);
  }
  const mail = opts.config.media.mail;
  const mailer: Mailer = mail.host
    ? new SmtpMailer({ host: mail.host, port: mail.port, secure: mail.secure, user: mail.user, password: mail.password, from: mail.from })
    : new LogMailer((m) => opts.log.info({ mail: { to: m.to, subject: m.subject } }, 'mail not sent: SMTP_HOST is not set'));
  if (!mail.host) opts.log.warn('SMTP_HOST is not set: notices (retention warnings, caption reminders) are logged, not mailed');
  const speech = await buildSpeechRecognizers({ asr: m.asr, searchPath: m.ffmpeg.searchPath, log: opts.log });
  return { blobStore, transcoder, mediaToolsProblem, mediaTokenKey: deriveMediaTokenKey(opts.secretKey), mailer, speech };
}
