// Runs only job workers, on any machine that reaches the database: `npm run worker`.
import 'dotenv/config';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, DatabaseUnreachableError } from './db/database.js';
import { runMigrations } from './db/migrate.js';
import { buildDeps } from './deps.js';
import { createLogger } from './logger.js';
import { migrationsDir } from './paths.js';

async function startWorker(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.db.url) {
    throw new ConfigError([
      'DATABASE_URL: required for `npm run worker`. In the embedded setup, `npm start` already runs the workers in its own process.',
    ]);
  }
  const log = createLogger(config.log.level).child({ role: 'worker' });
  const database = await openDatabase({ url: config.db.url, poolSize: config.db.poolSize });
  await runMigrations(database.pool, migrationsDir);
  const deps = await buildDeps({ config, log, database, databaseUrl: config.db.url });
  const { queue, workerContext } = deps;
  // What only web processes use (CSP frame-ancestors, the media block list) need not reload here every few seconds.
  deps.lti.frameAncestors.stop();
  deps.mediaBlocks.stop();
  await queue.start();
  await queue.startWorkers(workerContext, { concurrency: config.jobs.concurrency });
  log.info('worker ready');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'worker shutting down: finishing jobs in progress');
    queue
      .stop({ timeoutMs: config.http.shutdownTimeoutMs })
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'worker shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

try {
  await startWorker();
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseUnreachableError) process.stderr.write(`Luento worker could not start.\n${err.message}\n`);
  else process.stderr.write(`Luento worker could not start: ${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
}
