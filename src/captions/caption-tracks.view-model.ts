// View-models of the captions page and the ASR progress JSON: words in the reader's language, no rows.
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/i18n.js';
import type { AsrRun } from './asr-runs.repo.js';
import type { AsrAvailability, CaptionTracksPage } from './caption-tracks.service.js';
import { isAutomaticTrack, languageName } from './caption-tracks.js';
import type { CaptionUploadResult } from './caption-upload.service.js';

/** Offered in the upload form besides the video's language and its existing tracks. */
const COMMON_LANGUAGES = ['fi', 'sv', 'en', 'se', 'smn', 'sms', 'et', 'ru', 'de', 'fr', 'es'];

export type AsrProgressView = { status: AsrRun['status'] | 'none'; percent: number; message: string; isActive: boolean; canStart: boolean; canRetry: boolean };

function asrMessage(run: AsrRun, t: Translate): string {
  const reason = run.errorCode ? t(`captions.asr.${run.errorCode}` as MessageKey) : '';
  const known = reason && reason !== `captions.asr.${run.errorCode}` ? reason : t('captions.asr.speech_failed');
  if (run.status === 'queued') return t('captions.asr.queued');
  if (run.status === 'running') return t('captions.asr.running', { percent: run.percent });
  if (run.status === 'done') return run.errorCode ? known : t('captions.asr.done');
  if (run.status === 'unsupported') return known;
  return t('captions.asr.failed', { reason: known });
}

export function asrProgressView(o: { run: AsrRun | undefined; availability: AsrAvailability }, t: Translate, locale: string): AsrProgressView {
  const { run, availability } = o;
  const isActive = run?.status === 'queued' || run?.status === 'running';
  const unavailable = availability.isAvailable
    ? undefined
    : availability.reason === 'other_language'
      ? t('captions.asr.otherLanguage')
      : t('captions.asr.unsupportedLanguage', { language: languageName(availability.language, locale) });
  const message = unavailable ?? (run ? asrMessage(run, t) : '');
  return {
    status: run?.status ?? 'none',
    percent: run?.status === 'done' ? 100 : (run?.percent ?? 0),
    message,
    isActive,
    canStart: availability.isAvailable && !isActive,
    canRetry: availability.isAvailable && run?.status === 'failed',
  };
}

export type UploadOutcome = { result?: CaptionUploadResult; error?: { message: string; line?: number }; language?: string };

export function captionTracksModel(page: CaptionTracksPage, o: { t: Translate; locale: string; upload?: UploadOutcome }) {
  const { t, locale } = o;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const tracks = page.tracks.map((track) => ({
    language: track.language,
    languageName: languageName(track.language, locale),
    source: t(`captions.source.${track.source}`),
    status: track.reviewedAt
      ? t('captions.state.reviewed', { name: track.reviewedByName ?? '—', date: date.format(track.reviewedAt) })
      : isAutomaticTrack({ ...track, isReviewed: false })
        ? t('captions.state.automatic')
        : t('captions.state.notReviewed'),
    version: track.currentVersion,
    editUrl: page.canEdit ? `/videos/${page.video.id}/captions/${track.language}/edit` : undefined,
  }));
  const defaultLanguage = o.upload?.language ?? (page.video.language === 'other' ? '' : page.video.language);
  const codes = [...new Set([...(page.video.language === 'other' ? [] : [page.video.language]), ...page.tracks.map((x) => x.language), ...COMMON_LANGUAGES])];
  return {
    title: t('captions.tracks.title', { title: page.video.title }),
    video: { id: page.video.id, title: page.video.title },
    courseId: page.courseId,
    tracks,
    canEdit: page.canEdit,
    canExempt: page.canExempt,
    upload: page.canEdit
      ? { languages: codes.map((code) => ({ code, name: languageName(code, locale) })), defaultLanguage, result: o.upload?.result, error: o.upload?.error, isLatin1: o.upload?.result?.encoding === 'latin-1' }
      : undefined,
    asr: page.asr ? asrProgressView(page.asr, t, locale) : undefined,
  };
}
