// Jest global setup: a PostgreSQL for the whole run (TEST_DATABASE_URL, or an embedded one started here),
// and a template database with every migration and the pg-boss schema applied, which each test file
// clones in milliseconds. Jest loads this file outside its transform, so TypeScript comes in via tsx.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { register } from 'tsx/esm/api';
import PgBoss from 'pg-boss';
import pg from 'pg';


export default async function globalSetup() {
  const tsx = register({ namespace: 'luento-global-setup' });
  const { startEmbeddedPostgres } = await tsx.import('../src/db/embedded-postgres.ts', import.meta.url);
  const { runMigrations } = await tsx.import('../src/db/migrate.ts', import.meta.url);
  const { migrationsDir } = await tsx.import('../src/paths.ts', import.meta.url);
  // The loader keeps a message port open; leaving it registered keeps Jest from exiting.
  await tsx.unregister();
  let baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-test-pg-'));
    const quiet = { info: () => undefined, warn: (o, m) => console.warn(m, o) };
    const embedded = await startEmbeddedPostgres({ dataDir, log: quiet });
    globalThis.__embeddedPg = { stop: embedded.stop, dataDir };
    baseUrl = embedded.url;
  }
  process.env.LUENTO_TEST_ADMIN_URL = baseUrl;
  // Every database of this run shares a prefix, so two runs against one server never touch each other's.
  const prefix = `luento_test_${randomBytes(4).toString('hex')}_`;
  process.env.LUENTO_TEST_DB_PREFIX = prefix;
  const TEMPLATE_DB = `${prefix}template`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await runMigrations(pool, migrationsDir);
  // pg-boss's schema, created from its own plans (starting a PgBoss here would leave timers behind).
  await pool.query(PgBoss.getConstructionPlans('pgboss'));
  await pool.end();
}
