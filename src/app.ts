// buildApp(deps): the Express application, with no listen and no globals, so tests build their own.
import path from 'node:path';
import express, { type Express } from 'express';
import type pg from 'pg';
import type { Config } from './config.js';
import { errorHandler, notFoundHandler } from './http/error-middleware.js';
import { healthRoutes } from './http/health.routes.js';
import { measureRequests, type Metrics } from './http/metrics.js';
import { localeMiddleware, requestLogger } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import type { Db } from './db/database.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import { projectRoot, publicDir, viewsDir } from './paths.js';
import { siteRoutes } from './site/site.routes.js';
import type { MediaDeps } from './media-deps.js';
import { libraryRoutes } from './videos/library.routes.js';
import { createEmbedPlayer, mediaRoutes, playbackRoutes, type PlaybackDeps } from './videos/watch.routes.js';
import { uploadRoutes } from './videos/upload.routes.js';
import type { VideosDeps } from './videos/videos.service.js';
import { sessionMiddleware } from './auth/session.middleware.js';
import { adminRoutes } from './admin/admin.routes.js';
import { courseRoutes } from './courses/courses.routes.js';
import { demoRoutes } from './demo/demo.routes.js';
import { deepLinkRoutes } from './lti/deep-link.routes.js';
import type { LtiDeps } from './lti/lti-deps.js';
import { ltiRoutes } from './lti/lti.routes.js';
import { registrationRoutes } from './lti/registration.routes.js';
import { lifecycleRoutes } from './lifecycle/lifecycle.routes.js';

export type AppDeps = {
  config: Config;
  log: Logger;
  db: Db;
  pool: pg.Pool;
  queue: JobQueue;
  metrics: Metrics;
  now: () => Date;
  /** Origins allowed to frame Luento (registered platforms plus FRAME_ANCESTORS). */
  frameAncestors: () => readonly string[];
  lti: LtiDeps;
  media: MediaDeps;
  videos: VideosDeps;
};

const hlsJsFile = path.join(projectRoot, 'node_modules', 'hls.js', 'dist', 'hls.min.mjs');

export function buildApp(deps: AppDeps): Express {
  const app = express();
  const isHttps = deps.config.http.publicUrl.startsWith('https://');
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.http.trustProxy);
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  if (deps.config.env === 'production') app.enable('view cache');

  app.use(requestLogger(deps.log));
  app.use(measureRequests(deps.metrics));
  app.use(securityHeaders({ frameAncestors: deps.frameAncestors, isHttps }));
  // The player loads hls.js only when it needs it (MediaSource playback), from here.
  app.get('/static/vendor/hls.mjs', (_req, res) => res.sendFile(hlsJsFile, { maxAge: deps.config.env === 'production' ? '7d' : 0 }));
  app.use('/static', express.static(publicDir, { maxAge: deps.config.env === 'production' ? '1h' : 0, index: false }));
  app.use(healthRoutes({ pool: deps.pool, metrics: deps.metrics, metricsToken: deps.config.metricsToken, isQueueRunning: deps.queue.isRunning }));
  const playback: PlaybackDeps = {
    videos: deps.videos,
    media: deps.media,
    queue: deps.queue,
    log: deps.log,
    mediaTokenTtlSeconds: deps.config.media.mediaTokenTtlSeconds,
    accelRedirectPrefix: deps.config.media.accelRedirectPrefix,
  };
  app.use(mediaRoutes(playback));
  // The session comes before the locale: the launch locale is one of the locale's sources.
  app.use(sessionMiddleware({ db: deps.db, idleMs: deps.lti.sessionIdleMs, csrfKey: deps.lti.csrfKey, now: deps.now }));
  app.use(localeMiddleware(deps.config.i18n.defaultLocale));
  app.use(siteRoutes({ db: deps.db, isHttps }));
  const publicUrl = deps.config.http.publicUrl;
  app.use(ltiRoutes({ db: deps.db, lti: deps.lti, publicUrl, now: deps.now }));
  app.use(deepLinkRoutes({ db: deps.db, lti: deps.lti, publicUrl, now: deps.now }));
  app.use(registrationRoutes({ db: deps.db, lti: deps.lti, config: deps.config, log: deps.log }));
  app.use(lifecycleRoutes({ db: deps.db, now: deps.now, log: deps.log, media: deps.media }));
  app.use(libraryRoutes(deps.videos));
  app.use(playbackRoutes(playback));
  app.use(uploadRoutes(deps));
  app.use(courseRoutes({ db: deps.db, catalog: deps.lti.videoCatalog, embedPlayer: createEmbedPlayer(playback) }));
  app.use(adminRoutes({ db: deps.db, lti: deps.lti, publicUrl, system: { media: deps.media, queue: deps.queue, config: deps.config } }));
  if (deps.config.demo.enabled) app.use(demoRoutes({ db: deps.db, lti: deps.lti, publicUrl, demoBase: deps.config.demo.baseUrl, log: deps.log, now: deps.now }));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
