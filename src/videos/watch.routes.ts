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
import { processingRoutes } from './processing.routes.js';
import { streamingRoutes } from './streaming.routes.js';
import { viewsRoutes } from './views.routes.js';
import { buildPlayerModel, type PlayerModel } from './watch.js';
import { findVideo } from './videos.repo.js';
import { loadWatchableVideo, type VideosDeps } from './videos.service.js';

export type PlaybackDeps = { videos: VideosDeps; media: MediaDeps; queue: JobSender; log: Logger; mediaTokenTtlSeconds: number; accelRedirectPrefix?: string };

const videoIdParam = z.uuid('not a video id');

export function watchRoutes(deps: PlaybackDeps): Router {
  const r = Router();
  r.get('/videos/:videoId/watch', async (req, res) => {
    const videoId = parseInput(videoIdParam, req.params.videoId);
    const { actor, session, sessionToken } = sessionLocals(res);
    const { video, resource } = await loadWatchableVideo(deps.videos.db, actor, videoId, session?.launch.embedVideoId);
    const player = await buildPlayerModel({ video, key: deps.media.mediaTokenKey, ttlSeconds: deps.mediaTokenTtlSeconds, now: deps.videos.now(), sessionToken });
    const t = res.locals.t as Translate;
    await renderPage(res, 'videos/watch', {
      title: video.title,
      video: { id: video.id, title: video.title, description: video.description, isPublished: video.status === 'published' },
      player,
      libraryUrl: isAllowed(actor, 'course.view', { kind: 'course', courseId: resource.courseId }) ? `/courses/${resource.courseId}/videos` : undefined,
      canEdit: isAllowed(actor, 'video.edit', resource),
      notPublishedNote: video.status === 'published' ? undefined : t('videos.watch.notPublished'),
    });
  });
  return r;
}

/** Media bytes: mounted before the session middleware, since the signed URL is the only credential. */
export function mediaRoutes(deps: PlaybackDeps): Router {
  return streamingRoutes({ blobStore: deps.media.blobStore, mediaTokenKey: deps.media.mediaTokenKey, ttlSeconds: deps.mediaTokenTtlSeconds, now: deps.videos.now, accelRedirectPrefix: deps.accelRedirectPrefix });
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
  return async (actor: Actor, opts: { videoId: string; embedVideoId: string | undefined; sessionToken: string | undefined }): Promise<PlayerModel | undefined> => {
    const video = await findVideo(deps.videos.db, opts.videoId);
    if (!video || video.trashed_at || (video.status !== 'ready' && video.status !== 'published')) return undefined;
    await loadWatchableVideo(deps.videos.db, actor, opts.videoId, opts.embedVideoId);
    return buildPlayerModel({ video, key: deps.media.mediaTokenKey, ttlSeconds: deps.mediaTokenTtlSeconds, now: deps.videos.now(), sessionToken: opts.sessionToken });
  };
}
