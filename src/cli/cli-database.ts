// Opens the database for a command-line tool the way `npm run migrate` does: DATABASE_URL, or the
// embedded database in DATA_DIR (which is locked while Luento runs: stop it first, or use the admin page).
import 'dotenv/config';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DatabaseUnreachableError, openDatabase, type DatabaseHandle } from '../db/database.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { runMigrations } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { migrationsDir } from '../paths.js';
import { resolveSecretKey } from '../secret-key.js';

export type CliContext = { config: Config; database: DatabaseHandle; secretKey: string };

export async function withCliDatabase(run: (c: CliContext) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(process.env);
    const log = createLogger('warn');
    const lock = config.db.url ? undefined : await lockDataDir(config.dataDir);
    const embedded = config.db.url ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    try {
      const database = await openDatabase({ url: config.db.url ?? (embedded?.url as string), poolSize: 2 });
      try {
        await runMigrations(database.pool, migrationsDir);
        await run({ config, database, secretKey: await resolveSecretKey({ configured: config.secretKey, dataDir: config.dataDir }) });
      } finally {
        await database.close();
      }
    } finally {
      await embedded?.stop();
      await lock?.release();
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DatabaseUnreachableError || err instanceof DataDirLockedError || err instanceof CliUsageError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
    process.exitCode = 1;
  }
}

export class CliUsageError extends Error {}
