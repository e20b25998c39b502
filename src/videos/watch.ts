// The player's view-model (documented at the top of views/partials/player.ejs) for one video: media
// URLs carry a fresh media token naming the viewer; the download URL a download token, only when the
// owner allows it.
import { SESSION_HEADER } from '../auth/session.middleware.js';
import { ConflictError } from '../http/errors.js';
import type { MediaTokenKey } from './media-token.js';
import { signMediaToken } from './media-token.js';
import { signDownloadToken } from './streaming-tokens.js';
import type { Video } from './videos.repo.js';
import { captionTrackPath, type CaptionBadge } from '../captions/caption-tracks.js';
import type { PlayerCaptions } from '../captions/caption-tracks-player.js';
import type { CaptionStyle } from '../captions/caption-style.js';

export type PlayerModel = {
  videoId: string;
  title: string;
  language: string;
  hlsUrl: string;
  posterUrl?: string;
  storyboardUrl?: string;
  tracks: Array<{ src: string; srclang: string; label: string; isAutomatic: boolean }>;
  downloadUrl?: string;
  viewUrl?: string;
  fetchHeaders?: Record<string, string>;
  hlsJsUrl: string;
  durationSeconds?: number;
  /** The learner's caption badge (captions feature); absent when the video has no captions. */
  captionBadge?: CaptionBadge;
  /** The viewer's caption style and where to save it (src/captions/caption-style.service.ts playerCaptionStyle). */
  captionStyle?: CaptionStyle;
  captionStyleUrl?: string;
  /** A transcript document beside the player (the captions' text alternative), when there is one. */
  textAlternative?: { url: string; fileName: string } | null;
};

/** `viewerId`: the person the page is for (mediaViewerId(actor)); their tokens stop if an admin disables them. */
export async function buildPlayerModel(opts: { video: Video; viewerId: string; key: MediaTokenKey; ttlSeconds: number; now: Date; sessionToken: string | undefined; captions?: PlayerCaptions }): Promise<PlayerModel> {
  const { video } = opts;
  if (video.status !== 'ready' && video.status !== 'published') {
    throw new ConflictError('This video cannot be played yet: it is still being uploaded or processed, or its processing failed.', 'video_not_playable');
  }
  const tokenInput = { videoId: video.id, viewerId: opts.viewerId, ttlSeconds: opts.ttlSeconds, now: opts.now };
  const token = await signMediaToken(opts.key, tokenInput);
  const base = `/media/${token}/${video.id}`;
  const sourcePrefix = `videos/${video.id}/`;
  const canDownload = video.allow_download && !!video.source_key?.startsWith(`${sourcePrefix}source/`);
  const downloadToken = canDownload ? await signDownloadToken(opts.key, tokenInput) : undefined;
  return {
    videoId: video.id,
    title: video.title,
    language: video.language,
    hlsUrl: `${base}/hls/master.m3u8`,
    ...(video.is_audio_only ? {} : { posterUrl: `${base}/poster.jpg`, storyboardUrl: `${base}/storyboard/storyboard.vtt` }),
    tracks: (opts.captions?.tracks ?? []).map((c) => ({ src: captionTrackPath(base, c.language, c.version), srclang: c.language, label: c.label, isAutomatic: c.isAutomatic })),
    ...(opts.captions?.badge ? { captionBadge: opts.captions.badge } : {}),
    ...(downloadToken && video.source_key ? { downloadUrl: `/media/${downloadToken}/${video.id}/${video.source_key.slice(sourcePrefix.length)}` } : {}),
    viewUrl: `/videos/${video.id}/views`,
    fetchHeaders: opts.sessionToken ? { [canonicalHeader(SESSION_HEADER)]: opts.sessionToken } : {},
    hlsJsUrl: '/static/vendor/hls.mjs',
    ...(video.duration_seconds ? { durationSeconds: video.duration_seconds } : {}),
  };
}

const canonicalHeader = (h: string) => h.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => `${d}${c.toUpperCase()}`);
