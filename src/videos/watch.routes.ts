// The watch page, and the one router the app mounts for playback: streaming, views and retry too.
import { Router } from 'express';
import { z } from 'zod';
import { sessionLocals } from '../auth/session.middleware.js';
import { isAllowed, type Actor } from '../auth/permissions.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { MediaDeps } from '../media-deps.js';
import type { MediaBlockCheck } from '../governance/media-block-list.js';
import { mediaViewerId } from './media-token.js';
import { processingRoutes } from './processing.routes.js';
import { streamingRoutes } from './streaming.routes.js';
import { createHotMediaCache } from './hot-media-cache.js';
import { viewsRoutes } from './views.routes.js';
import { buildPlayerModel, type PlayerModel } from './watch.js';
import { loadPlayerCaptions } from '../captions/caption-tracks-player.js';
import { playerCaptionStyle } from '../captions/caption-style.service.js';
import { findTextAlternative } from '../captions/text-alternative.service.js';
import { findVideo } from './videos.repo.js';
import { loadWatchableVideo, type VideosDeps } from './videos.service.js';

export type PlaybackDeps = {
  videos: VideosDeps;
  media: MediaDeps;
  queue: JobSender;
  log: Logger;
  mediaTokenTtlSeconds: number;
  accelRedirectPrefix?: string;
  /** The media block list (src/governance/media-block-list.ts): takedowns, trash, disabled viewers. */
  blocks?: MediaBlockCheck;
  /** Bytes of memory for hot media when the app serves local disk itself (0: none). */
  memoryCacheBytes?: number;
};

const videoIdParam = z.uuid('not a video id');

export function watchRoutes(deps: PlaybackDeps): Router {
  const r = Router();
  r.get('/videos/:videoId/watch', async (req, res) => {
    const videoId = parseInput(videoIdParam, req.params.videoId);
    const { actor, session, sessionToken } = sessionLocals(res);
    const { video, resource } = await loadWatchableVideo(deps.videos.db, actor, videoId, session?.launch.embedVideoId);
    const captions = await loadPlayerCaptions(deps.videos.db, video, String(res.locals.locale ?? 'en'));
    const player = await buildPlayerModel({ video, viewerId: mediaViewerId(actor), key: deps.media.mediaTokenKey, ttlSeconds: deps.mediaTokenTtlSeconds, now: deps.videos.now(), sessionToken, captions });
    Object.assign(player, await playerCaptionStyle(deps.videos.db, actor));
    const t = res.locals.t as Translate;
    await renderPage(res, 'videos/watch', {
      title: video.title,
      video: { id: video.id, title: video.title, description: video.description, isPublished: video.status === 'published' },
      player,
      libraryUrl: isAllowed(actor, 'course.view', { kind: 'course', courseId: resource.courseId }) ? `/courses/${resource.courseId}/videos` : undefined,
      canEdit: isAllowed(actor, 'video.edit', resource),
      notPublishedNote: video.status === 'published' ? undefined : t('videos.watch.notPublished'),
      // A transcript document beside the player (the captions' text alternative), when there is one.
      textAlternative: await textAlternativeLink(deps.videos.db, video.id),
    });
  });
  return r;
}

async function textAlternativeLink(db: VideosDeps['db'], videoId: string): Promise<{ url: string; fileName: string } | null> {
  const doc = await findTextAlternative(db, videoId);
  return doc ? { url: `/videos/${videoId}/captions/text-alternative/download`, fileName: doc.fileName } : null;
}

/** Media bytes: mounted before the session middleware, since the signed URL is the only credential. */
export function mediaRoutes(deps: PlaybackDeps): Router {
  const cacheBytes = deps.accelRedirectPrefix ? 0 : (deps.memoryCacheBytes ?? 0);
  // Entries up to 16 MiB (a 4 s 1080p segment is about 1 MiB), re-read after 5 s.
  const hotCache = cacheBytes > 0 ? createHotMediaCache({ maxBytes: cacheBytes, maxEntryBytes: 16 * 1024 * 1024, ttlMs: 5000 }) : undefined;
  return streamingRoutes({
    blobStore: deps.media.blobStore,
    mediaTokenKey: deps.media.mediaTokenKey,
    ttlSeconds: deps.mediaTokenTtlSeconds,
    now: deps.videos.now,
    accelRedirectPrefix: deps.accelRedirectPrefix,
    blocks: deps.blocks,
    hotCache,
  });
}

/** The watch page, views and retry (after the session middleware). */
export function playbackRoutes(deps: PlaybackDeps): Router {
  const r = Router();
  r.use(watchRoutes(deps));
  r.use(viewsRoutes(deps.videos));
  r.use(processingRoutes({ ...deps.videos, queue: deps.queue, log: deps.log }));
  return r;
}

/**
 * For the LTI embed view (src/courses/courses.routes.ts): the same player view-model as the watch
 * page, or undefined when the named video does not exist (any more) or cannot play yet. Access is
 * decided as for the watch page (the embed session names exactly this video).
 */
export function createEmbedPlayer(deps: PlaybackDeps) {
  return async (actor: Actor, opts: { videoId: string; embedVideoId: string | undefined; sessionToken: string | undefined; locale?: string }): Promise<PlayerModel | undefined> => {
    const video = await findVideo(deps.videos.db, opts.videoId);
    if (!video || video.trashed_at || (video.status !== 'ready' && video.status !== 'published')) return undefined;
    await loadWatchableVideo(deps.videos.db, actor, opts.videoId, opts.embedVideoId);
    const captions = await loadPlayerCaptions(deps.videos.db, video, opts.locale ?? 'en');
    const player = await buildPlayerModel({ video, viewerId: mediaViewerId(actor), key: deps.media.mediaTokenKey, ttlSeconds: deps.mediaTokenTtlSeconds, now: deps.videos.now(), sessionToken: opts.sessionToken, captions });
    return { ...player, ...(await playerCaptionStyle(deps.videos.db, actor)), textAlternative: await textAlternativeLink(deps.videos.db, video.id) };
  };
}
