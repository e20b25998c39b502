// Composition root: picks adapter implementations from config and wires the services. Everything the
// app and the workers use is built here and passed down; nothing is a module-level singleton.
import type { AppDeps } from './app.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import { createJobQueue } from './jobs/job-queue.js';
import { jobRegistry } from './jobs/registry.js';
import type { WorkerContext } from './jobs/worker-context.js';
import type { Logger } from './logger.js';
import { buildLtiDeps } from './lti/lti-deps.js';
import type { PlatformKeyOptions } from './lti/platform-keys.js';
import type { VideoCatalog } from './courses/video-catalog.js';
import { buildMediaDeps } from './media-deps.js';
import { createMediaBlockList } from './governance/media-block-list.js';
import { createCurrentAttestation } from './governance/attestation-current.js';
import { asrOnPublishHook } from './captions/asr.service.js';
import { resolveSecretKey } from './secret-key.js';
import { createUploadStore } from './videos/tus-server.js';
import { createVideoCatalog } from './videos/videos.catalog.js';
import type { VideosDeps } from './videos/videos.service.js';

export type Deps = AppDeps & {
  secretKey: string;
  workerContext: WorkerContext;
};

export async function buildDeps(opts: {
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  databaseUrl: string;
  now?: () => Date;
  platformKeyOptions?: PlatformKeyOptions;
  videoCatalog?: VideoCatalog;
}): Promise<Deps> {
  const { config, log, database } = opts;
  const now = opts.now ?? (() => new Date());
  const metrics = createMetrics();
  const queue = createJobQueue({ connectionString: opts.databaseUrl, jobs: jobRegistry, log, metrics });
  const secretKey = await resolveSecretKey({ configured: config.secretKey, dataDir: config.dataDir });
  const videoCatalog = opts.videoCatalog ?? createVideoCatalog(database.db);
  const lti = await buildLtiDeps({ config, db: database.db, log, secretKey, now, platformKeyOptions: opts.platformKeyOptions, videoCatalog });
  const media = await buildMediaDeps({ config, log, secretKey });
  const videos: VideosDeps = { db: database.db, now, limits: config.media.upload, attestation: createCurrentAttestation({ db: database.db }) };
  // Automatic captions when a video is published (issue 5), when the site, course and video allow it.
  videos.onPublished = asrOnPublishHook({ db: database.db, now, queue, log, media });
  const uploads = { store: createUploadStore(config.media), idleHours: config.media.upload.abandonHours };
  const workerContext: WorkerContext = { db: database.db, log, queue, now, media, videos, uploads, processing: config.media.processing, publicUrl: config.http.publicUrl };
  // Purged videos stay blocked a while longer than a media token lives (one reload interval of margin and more).
  const mediaBlocks = await createMediaBlockList({ db: database.db, log, now, purgedWindowMs: (config.media.mediaTokenTtlSeconds + 300) * 1000 });
  // The owner's delete (library) stops the video's media links in this process at once.
  videos.onTrashChanged = mediaBlocks.noteTrashed;
  return {
    config,
    log,
    db: database.db,
    pool: database.pool,
    queue,
    metrics,
    now,
    secretKey,
    frameAncestors: lti.frameAncestors.current,
    lti,
    workerContext,
    media,
    videos,
    mediaBlocks,
  };
}
