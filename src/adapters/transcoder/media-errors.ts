// Typed errors of the transcoder, with stable codes. `messageKey` names the person-facing text in
// media.messages.ts; the English `message` is the precise reason for logs and admins.
import { AppError, type ErrorDetails } from '../../http/errors.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { MediaMessageKey } from './media.messages.js';

// The key is typed against our own set; it is a catalog key once mediaMessages is listed in catalog.ts.
const key = (k: MediaMessageKey): MessageKey => k as unknown as MessageKey;

/** ffmpeg or ffprobe is missing or not executable: an installation problem for an administrator. */
export class FfmpegNotFoundError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('ffmpeg_not_found', 503, message, key('media.ffmpeg_not_found'), details);
  }
}

export const mediaRejectionCodes = ['not_media', 'no_usable_stream', 'truncated', 'zero_duration'] as const;
export type MediaRejectionCode = (typeof mediaRejectionCodes)[number];

/** The file cannot become a video: the uploader's input is at fault (422), and the reason is theirs to read. */
export class MediaRejectedError extends AppError {
  constructor(
    readonly reason: MediaRejectionCode,
    message: string,
    details?: ErrorDetails,
  ) {
    super(`media_${reason}`, 422, message, key(`media.${reason}`), details);
  }
}

/** ffmpeg failed. `stderrTail` holds its last lines of output, which say why. */
export class TranscodeFailedError extends AppError {
  constructor(
    message: string,
    readonly stderrTail: string[],
    details?: ErrorDetails,
  ) {
    super('transcode_failed', 500, message, key('media.transcode_failed'), { ...details, stderrTail });
  }
}

/** The work was stopped through its AbortSignal; nothing it wrote is left behind. */
export class TranscodeCancelledError extends AppError {
  constructor(
    message: string,
    readonly stderrTail: string[] = [],
  ) {
    super('transcode_cancelled', 503, message, key('media.transcode_cancelled'), { stderrTail });
  }
}
