// buildApp(deps): the Express application, with no listen and no globals, so tests build their own.
import path from 'node:path';
import express, { type Express } from 'express';
import type pg from 'pg';
import type { Config } from './config.js';
import { errorHandler, notFoundHandler } from './http/error-middleware.js';
import { guardFeatureRouters } from './http/feature-routers.js';
import { healthRoutes } from './http/health.routes.js';
import { measureRequests, type Metrics } from './http/metrics.js';
import { localeMiddleware, requestLogger } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import type { Db } from './db/database.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import { projectRoot, publicDir, viewsDir } from './paths.js';
import { siteRoutes } from './site/site.routes.js';
import { termsGate } from './governance/terms-gate.js';
import { termsRoutes } from './governance/terms.routes.js';
import { termsAdminRoutes } from './governance/terms-admin.routes.js';
import { attestationAdminRoutes } from './governance/attestation-admin.routes.js';
import { userAccessRoutes } from './governance/user-access.routes.js';
import { auditLogRoutes } from './governance/audit-log.routes.js';
import type { MediaDeps } from './media-deps.js';
import { libraryRoutes } from './videos/library.routes.js';
import { createEmbedPlayer, mediaRoutes, playbackRoutes, type PlaybackDeps } from './videos/watch.routes.js';
import { uploadRoutes } from './videos/upload.routes.js';
import { captionMediaRoutes } from './captions/caption-tracks-media.routes.js';
import { captionTracksRoutes } from './captions/caption-tracks.routes.js';
import { recorderRoutes } from './recorder/recorder.routes.js';
import type { VideosDeps } from './videos/videos.service.js';
import { sessionMiddleware } from './auth/session.middleware.js';
import { signInRoutes } from './auth/oidc/oidc.routes.js';
import { myRecordingsNav } from './videos/my-recordings.nav.js';
import { myRecordingsRoutes } from './videos/my-recordings.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { courseRoutes } from './courses/courses.routes.js';
import { demoRoutes } from './demo/demo.routes.js';
import { deepLinkRoutes } from './lti/deep-link.routes.js';
import type { LtiDeps } from './lti/lti-deps.js';
import { ltiRoutes } from './lti/lti.routes.js';
import { registrationRoutes } from './lti/registration.routes.js';
import { lifecycleRoutes } from './lifecycle/lifecycle.routes.js';
import { moderationRoutes } from './governance/moderation.routes.js';
import type { MediaBlockList } from './governance/media-block-list.js';
import { ownershipRoutes } from './governance/ownership.routes.js';
import { privacyRoutes } from './governance/privacy.routes.js';
import { captionEditorRoutes } from './captions/caption-editor.routes.js';
import { captionComplianceRoutes } from './captions/compliance.routes.js';

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
  /** Videos taken down, trashed or purged, and disabled users, held in memory for the media routes (src/governance/media-block-list.ts). */
  mediaBlocks: MediaBlockList;
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
    memoryCacheBytes: deps.config.media.memoryCacheBytes,
    blocks: deps.mediaBlocks,
  };
  // Caption tracks (WebVTT) behind the same media token; before the general media route, which knows no captions/.
  app.use(captionMediaRoutes({ db: deps.db, mediaTokenKey: deps.media.mediaTokenKey, ttlSeconds: deps.config.media.mediaTokenTtlSeconds, now: deps.now, blocks: deps.mediaBlocks }));
  app.use(mediaRoutes(playback));
  // The session comes before the locale: the launch locale is one of the locale's sources.
  app.use(sessionMiddleware({ db: deps.db, idleMs: deps.lti.sessionIdleMs, csrfKey: deps.lti.csrfKey, now: deps.now }));
  app.use(localeMiddleware(deps.config.i18n.defaultLocale));
  // Staff direct sign-in and sign-out: before the gate, like the launch (src/auth/oidc/oidc.routes.ts).
  app.use(signInRoutes({ db: deps.db, log: deps.log, now: deps.now, oidc: deps.config.oidc, publicUrl: deps.config.http.publicUrl, secretKey: deps.lti.secretKey, idleMs: deps.lti.sessionIdleMs }));
  // Terms of use and disabled accounts (issue 7): nothing below opens until the gate lets it.
  app.use(termsGate({ db: deps.db }));
  app.use(myRecordingsNav());
  app.use(termsRoutes({ db: deps.db, now: deps.now }));
  app.use(siteRoutes({ db: deps.db, isHttps }));
  const publicUrl = deps.config.http.publicUrl;
  app.use(ltiRoutes({ db: deps.db, lti: deps.lti, publicUrl, now: deps.now }));
  app.use(deepLinkRoutes({ db: deps.db, lti: deps.lti, publicUrl, now: deps.now }));
  app.use(registrationRoutes({ db: deps.db, lti: deps.lti, config: deps.config, log: deps.log }));
  app.use(lifecycleRoutes({ db: deps.db, now: deps.now, log: deps.log, media: deps.media, onTrashChanged: deps.mediaBlocks.noteTrashed }));
  app.use(moderationRoutes({ db: deps.db, now: deps.now, log: deps.log, mailer: deps.media.mailer, blocks: deps.mediaBlocks, publicUrl }));
  app.use(ownershipRoutes({ db: deps.db, now: deps.now, attestation: deps.videos.attestation }));
  app.use(privacyRoutes({ db: deps.db, now: deps.now, publicUrl }));
  app.use(libraryRoutes(deps.videos));
  app.use(myRecordingsRoutes(deps.videos));
  app.use(playbackRoutes(playback));
  // Before the track and editor routes: /videos/:id/captions/exemption must not be read as a language (:lang).
  app.use(captionComplianceRoutes({ db: deps.db, now: deps.now, log: deps.log, blobStore: deps.media.blobStore, publicUrl }));
  app.use(captionTracksRoutes({ db: deps.db, now: deps.now, queue: deps.queue, log: deps.log, media: deps.media }));
  app.use(captionEditorRoutes({ db: deps.db, now: deps.now, media: deps.media, mediaTokenTtlSeconds: deps.config.media.mediaTokenTtlSeconds }));
  app.use(uploadRoutes(deps));
  app.use(recorderRoutes({ videos: deps.videos, log: deps.log }));
  app.use(courseRoutes({ db: deps.db, catalog: deps.lti.videoCatalog, embedPlayer: createEmbedPlayer(playback) }));
  app.use(adminRoutes({ db: deps.db, lti: deps.lti, publicUrl, system: { media: deps.media, queue: deps.queue, config: deps.config } }));
  app.use(termsAdminRoutes({ db: deps.db, now: deps.now }));
  app.use(attestationAdminRoutes({ db: deps.db, now: deps.now, attestation: deps.videos.attestation }));
  app.use(userAccessRoutes({ db: deps.db, now: deps.now, blocks: deps.mediaBlocks }));
  app.use(auditLogRoutes({ db: deps.db }));
  if (deps.config.demo.enabled) app.use(demoRoutes({ db: deps.db, lti: deps.lti, publicUrl, demoBase: deps.config.demo.baseUrl, log: deps.log, now: deps.now }));

  // Each feature's router is entered only for its own paths (src/http/feature-routers.ts explains why).
  guardFeatureRouters(app);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
