// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import 'dotenv/config';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { migrationsDir } from '../paths.js';
import { openDatabase, DatabaseUnreachableError } from './database.js';
import { lockDataDir } from './data-dir-lock.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';

async function migrate(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.log.level);
  const lock = config.db.url ? undefined : await lockDataDir(config.dataDir);
  const embedded = config.db.url ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  try {
    const database = await openDatabase({ url: config.db.url ?? embedded!.url, poolSize: 2 });
    const result = await runMigrations(database.pool, migrationsDir);
    await database.close();
    process.stdout.write(result.applied.length ? `Applied: ${result.applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await embedded?.stop();
    await lock?.release();
  }
}

try {
  await migrate();
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseUnreachableError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
}
