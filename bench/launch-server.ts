// One web process of `npm run bench:launch`: a node:cluster worker that bench/launch.ts starts (one by
// default, BENCH_WORKERS to try several). It builds the app as production does (view cache on) and
// answers the primary's "stats" message with its SQL query count and CPU time, so the figures cover only
// the server, whatever else runs on the machine.
import http from 'node:http';
import type pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { buildDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';

export type ServerStats = { queries: number; cpuMs: number };

/** Counts the statements the app sends (Kysely runs each on a client checked out of the pool). */
function countQueries(pool: pg.Pool): { count: number } {
  const counter = { count: 0 };
  const wrapped = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      counter.count++;
      return query(...args);
    };
  });
  return counter;
}

const env = process.env;
const config = loadConfig({
  NODE_ENV: 'development',
  PORT: env.BENCH_PORT,
  PUBLIC_URL: env.BENCH_BASE,
  DATA_DIR: env.BENCH_DATA_DIR,
  DATABASE_URL: env.BENCH_DATABASE_URL,
  SECRET_KEY: env.BENCH_SECRET,
  DEMO_LMS: 'true',
  LOG_LEVEL: 'silent',
  DATABASE_POOL_SIZE: env.BENCH_POOL_SIZE ?? '20',
});
const log = createLogger('silent');
const database = await openDatabase({ url: config.db.url as string, poolSize: config.db.poolSize });
const queries = countQueries(database.pool);
const deps = await buildDeps({ config, log, database, databaseUrl: config.db.url as string });
const app = buildApp(deps);
// As in production (the demo LMS is refused there, so the bench runs in development mode otherwise).
app.enable('view cache');
const server = http.createServer(app);
await new Promise<void>((r) => server.listen(config.http.port, '127.0.0.1', r));

process.on('message', (m) => {
  if (m === 'stats') {
    const cpu = process.cpuUsage();
    const stats: ServerStats = { queries: queries.count, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.send?.(stats);
  } else if (m === 'stop') {
    deps.lti.frameAncestors.stop();
    deps.mediaBlocks.stop();
    server.closeAllConnections();
    server.close(() => {
      database.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
});
