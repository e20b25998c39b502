// Builds the real app on a database of this test file's own: real PostgreSQL, real pg-boss, no mocks.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export type TestContext = { app: Express; deps: Deps; database: TestDatabase; dataDir: string; close: () => Promise<void> };

export async function createTestContext(opts: { env?: Record<string, string>; startQueue?: boolean; now?: () => Date } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'https://luento.test',
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    // ffmpeg, ffprobe and pocketsphinx are found on the PATH, as in production.
    PATH: process.env.PATH ?? '',
    ...opts.env,
  });
  const log = createLogger(config.log.level);
  const deps = await buildDeps({ config, log, database, databaseUrl: database.url, now: opts.now });
  if (opts.startQueue !== false) await deps.queue.start();
  const app = buildApp(deps);
  return {
    app,
    deps,
    database,
    dataDir,
    close: async () => {
      await deps.queue.stop({ timeoutMs: 2000 });
      deps.mediaBlocks.stop();
      await database.drop();
    },
  };
}
