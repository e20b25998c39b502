// Pure rules of caption tracks as people see them: a language's name in the UI language, whether a code
// names a real language, when a track counts as automatic, and the learner's badge.
import type { CaptionSource } from './captions.tables.js';

/** A track as these rules need it. */
export type TrackFacts = { language: string; source: CaptionSource; isReviewed: boolean };

export type CaptionBadge = 'reviewed' | 'automatic' | 'notReviewed';

// ISO 639-1/639-2 codes as stored (caption_tracks.language CHECK); the name check below does the rest.
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** "en" in Finnish → "Englanti": Intl knows every language's name in fi, sv and en (CLDR). */
export function languageName(code: string, locale: string): string {
  const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
  if (!name) return code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** A lower-case ISO 639 code that names a language (so "zz" and "xyz" are refused). */
export function isKnownLanguage(code: string): boolean {
  if (!LANGUAGE_CODE.test(code)) return false;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code) !== undefined;
  } catch {
    return false;
  }
}

/** Speech recognition's draft stays "automatic" until a person reviews it (issue 5). */
export function isAutomaticTrack(t: TrackFacts): boolean {
  return t.source === 'asr' && !t.isReviewed;
}

/**
 * The badge learners see: the track in the video's language decides (a video in "other" languages
 * takes its best track). No track: no badge. A person-made track not yet reviewed is said to be so.
 */
export function captionBadge(videoLanguage: string, tracks: readonly TrackFacts[]): CaptionBadge | undefined {
  const own = videoLanguage === 'other' ? tracks : tracks.filter((t) => t.language === videoLanguage);
  if (own.length === 0) return undefined;
  if (own.some((t) => t.isReviewed)) return 'reviewed';
  if (own.some((t) => !isAutomaticTrack(t))) return 'notReviewed';
  return 'automatic';
}

/** Video's own language first, then by language name, so the player's default is the right one. */
export function sortTracksForPlayer<T extends { language: string; label: string }>(videoLanguage: string, tracks: readonly T[]): T[] {
  return [...tracks].sort((a, b) => Number(b.language === videoLanguage) - Number(a.language === videoLanguage) || a.label.localeCompare(b.label));
}

/** The player's URL of a track; `v` changes with each version, so a cached older version is never reused. */
export function captionTrackPath(mediaBase: string, language: string, version: number): string {
  return `${mediaBase}/captions/${language}.vtt?v=${version}`;
}
