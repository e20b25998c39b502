// Starts and stops the whole platform in one process: embedded or external PostgreSQL, migrations,
// the job queue (and, when configured, its workers) and the HTTP server. main.ts and the tests use it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { buildApp } from './app.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { lockDataDir, type DataDirLock } from './db/data-dir-lock.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { runMigrations } from './db/migrate.js';
import { buildDeps } from './deps.js';
import type { Logger } from './logger.js';
import { migrationsDir } from './paths.js';
import { ensureDemoPlatform } from './demo/demo-platform.js';

export type RunningPlatform = { url: string; databaseUrl: string; stop: () => Promise<void>; registrationUrl: string; demoUrl: string | undefined };

type Cleanup = { name: string; run: () => Promise<void> };

async function runCleanups(cleanups: Cleanup[], log: Logger): Promise<void> {
  for (const c of cleanups.reverse()) {
    try {
      await c.run();
    } catch (err) {
      log.error({ err, step: c.name }, 'shutdown step failed');
    }
  }
}

/** Resolves the database: DATABASE_URL, or the embedded server in DATA_DIR (locked against a second process). */
async function startDatabase(config: Config, log: Logger, cleanups: Cleanup[]): Promise<string> {
  if (config.db.url) return config.db.url;
  const lock: DataDirLock = await lockDataDir(config.dataDir);
  cleanups.push({ name: 'data folder lock', run: lock.release });
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  cleanups.push({ name: 'embedded PostgreSQL', run: embedded.stop });
  return embedded.url;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: http.Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Stop accepting; in-flight requests finish; idle keep-alive sockets go now, busy ones when done.
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startPlatform(config: Config, log: Logger): Promise<RunningPlatform> {
  const cleanups: Cleanup[] = [];
  try {
    const databaseUrl = await startDatabase(config, log, cleanups);
    const database: DatabaseHandle = await openDatabase({ url: databaseUrl, poolSize: config.db.poolSize });
    cleanups.push({ name: 'database pool', run: database.close });
    const migrated = await runMigrations(database.pool, migrationsDir);
    if (migrated.applied.length) log.info({ applied: migrated.applied }, 'migrations applied');
    const deps = await buildDeps({ config, log, database, databaseUrl });
    cleanups.push({ name: 'frame-ancestors refresh', run: async () => deps.lti.frameAncestors.stop() });
    cleanups.push({ name: 'media block list refresh', run: async () => deps.mediaBlocks.stop() });
    await deps.queue.start();
    cleanups.push({ name: 'job queue', run: () => deps.queue.stop({ timeoutMs: config.http.shutdownTimeoutMs }) });
    if (config.jobs.runInProcess) await deps.queue.startWorkers(deps.workerContext, { concurrency: config.jobs.concurrency });
    const app = buildApp(deps);
    const server = http.createServer(app);
    const port = await listen(server, config.http.port);
    cleanups.push({ name: 'HTTP server', run: () => closeServer(server, config.http.shutdownTimeoutMs) });
    const url = config.http.port === 0 ? `http://localhost:${port}` : config.http.publicUrl;
    if (config.demo.enabled) {
      // The tool fetches the demo's JWKS over HTTP like any platform's, through the local listener.
      await ensureDemoPlatform(deps.db, { publicUrl: config.http.publicUrl, demoBase: config.demo.baseUrl, jwksBase: `http://127.0.0.1:${port}` });
      await deps.lti.frameAncestors.refresh();
    }
    log.info({ registrationUrl: `${config.http.publicUrl}/lti/register`, demoUrl: config.demo.enabled ? `${config.demo.baseUrl ?? url}/demo` : undefined }, 'LTI: give the registration URL to the LMS; try the demo LMS');
    let stopping: Promise<void> | undefined;
    return {
      url,
      databaseUrl,
      stop: () => (stopping ??= runCleanups(cleanups, log)),
      registrationUrl: `${config.http.publicUrl}/lti/register`,
      demoUrl: config.demo.enabled ? `${config.demo.baseUrl ?? url}/demo` : undefined,
    };
  } catch (err) {
    await runCleanups(cleanups, log);
    throw err;
  }
}
