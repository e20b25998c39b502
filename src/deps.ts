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
import { resolveSecretKey } from './secret-key.js';

export type Deps = AppDeps & {
  secretKey: string;
  workerContext: WorkerContext;
};

export async function buildDeps(opts: { config: Config; log: Logger; database: DatabaseHandle; databaseUrl: string; now?: () => Date }): Promise<Deps> {
  const { config, log, database } = opts;
  const now = opts.now ?? (() => new Date());
  const metrics = createMetrics();
  const queue = createJobQueue({ connectionString: opts.databaseUrl, jobs: jobRegistry, log, metrics });
  const secretKey = await resolveSecretKey({ configured: config.secretKey, dataDir: config.dataDir });
  const workerContext: WorkerContext = { db: database.db, log, queue, now };
  return {
    config,
    log,
    db: database.db,
    pool: database.pool,
    queue,
    metrics,
    now,
    secretKey,
    frameAncestors: () => config.http.frameAncestors,
    workerContext,
  };
}
