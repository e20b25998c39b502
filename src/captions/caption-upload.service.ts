// Uploading a caption file (WebVTT or SRT, in any of the encodings caption-encoding.ts reads): parsed
// and normalised first, so a broken file is refused with its line and reason and nothing is saved; a
// good one becomes the track's new version (source 'upload'), with what normalisation changed.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { AppError, BadRequestError } from '../http/errors.js';
import type { Locale } from '../i18n/define-messages.js';
import { translator } from '../i18n/i18n.js';
import { loadVideoAccess } from '../videos/videos.service.js';
import { CaptionParseError, describeCaptionIssue } from './caption-errors.js';
import { parseCaptionFile } from './caption-file.js';
import type { CaptionsDeps } from './caption-tracks.service.js';
import { isKnownLanguage, languageName } from './caption-tracks.js';
import { saveCaptionVersion, setTrackReviewed } from './captions.repo.js';
import { recordAudit } from '../governance/audit.js';
import { serializeVtt } from './vtt.js';

export type CaptionUploadInput = {
  videoId: string;
  language: string | undefined;
  bytes: Uint8Array | undefined;
  locale: Locale;
  /** The uploader says a person made or checked these captions (a captioning service, or themselves). */
  isReviewed?: boolean;
};

export type CaptionUploadResult = {
  language: string;
  languageName: string;
  version: number;
  cueCount: number;
  format: 'vtt' | 'srt';
  encoding: string;
  /** What normalisation changed, one sentence each in the uploader's language. */
  warnings: Array<{ line: number; code: string; message: string }>;
};

/** A refused upload: 400 with the reason in the uploader's language (and the line, for a broken file). */
export class CaptionUploadRejectedError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, 400, message, undefined, details);
  }
}

function resolveLanguage(given: string | undefined, videoLanguage: string, locale: Locale): string {
  const language = given?.trim().toLowerCase() || (videoLanguage === 'other' ? '' : videoLanguage);
  if (!isKnownLanguage(language)) throw new CaptionUploadRejectedError('caption_language_invalid', translator(locale)('captions.upload.badLanguage'), { language: given ?? null });
  return language;
}

function parseOrReject(bytes: Uint8Array, locale: Locale): ReturnType<typeof parseCaptionFile> {
  try {
    return parseCaptionFile(bytes);
  } catch (err) {
    if (!(err instanceof CaptionParseError)) throw err;
    const p = err.problem;
    throw new CaptionUploadRejectedError('caption_parse_failed', describeCaptionIssue(p, locale), { line: p.line, reason: p.code, params: p.params });
  }
}

export async function uploadCaptionFile(deps: CaptionsDeps, actor: Actor, input: CaptionUploadInput): Promise<CaptionUploadResult> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, input.videoId);
  authorize(actor, 'caption.edit', resource);
  if (actor.kind !== 'user') throw new BadRequestError('Only a person can upload captions');
  const language = resolveLanguage(input.language, video.language, input.locale);
  if (!input.bytes || input.bytes.length === 0) throw new CaptionUploadRejectedError('caption_file_missing', translator(input.locale)('captions.upload.noFile'));
  const parsed = parseOrReject(input.bytes, input.locale);
  const now = deps.now();
  // A file is not automatically a checked caption (it may be another service's machine output): it
  // counts as reviewed only when the uploader says a person made or checked it, and that is audited.
  const saved = await deps.db.transaction().execute(async (tx) => {
    const version = await saveCaptionVersion(tx, { videoId: video.id, language, source: 'upload', vtt: serializeVtt(parsed.cues), cueCount: parsed.cues.length, userId: actor.userId, now });
    if (input.isReviewed && parsed.cues.length > 0) {
      await setTrackReviewed(tx, { trackId: version.trackId, userId: actor.userId, now });
      await recordAudit(tx, { action: 'caption.reviewed', actorId: actor.userId, subject: { kind: 'video', id: video.id }, details: { language, version: version.version, via: 'upload' }, at: now });
    }
    return version;
  });
  deps.log.info({ videoId: video.id, language, version: saved.version, format: parsed.format, encoding: parsed.encoding, cues: parsed.cues.length }, 'caption file uploaded');
  return {
    language,
    languageName: languageName(language, input.locale),
    version: saved.version,
    cueCount: parsed.cues.length,
    format: parsed.format,
    encoding: parsed.encoding,
    warnings: parsed.warnings.map((w) => ({ line: w.line, code: w.code, message: describeCaptionIssue(w, input.locale) })),
  };
}
