// `npm run bench:launch`: full LTI launches (login initiation → the demo LMS's auth endpoint → id_token
// POST → landing page) by 50 concurrent clients against PostgreSQL (DATABASE_URL, or an embedded one in
// a temporary folder), and a bare Express "hello" route measured the same way in the same run.
// Three kinds of process, so that no event loop is shared: this one (PostgreSQL setup and the hello
// server), the app's web process (bench/launch-server.ts, a node:cluster worker; BENCH_WORKERS=n runs n
// of them as a WEB_CONCURRENCY cluster would), and the load generator (bench/launch-load.ts, a child
// process used for both runs, so the ratio compares like with like).
// Prints one JSON line: {"launches_per_s":…,"p95_ms":…,"hello_req_per_s":…,"ratio":…}
// and, on stderr, the server's SQL queries and CPU time per launch, which the machine's other load
// moves far less than the throughput.
import { fork } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { runMigrations } from '../src/db/migrate.js';
import { ensureDemoPlatform } from '../src/demo/demo-platform.js';
import { createLogger } from '../src/logger.js';
import { migrationsDir } from '../src/paths.js';
import type { LoadJob, LoadResult } from './launch-load.js';
import type { ServerStats } from './launch-server.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 15) * 1000;
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 1));
const WARMUP_MS = 3000;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Runs the clients in a child process (it inherits tsx's loader through execArgv) and waits for its result. */
function hammer(kind: LoadJob['kind'], url: string): Promise<LoadResult> {
  const job: LoadJob = { kind, url, concurrency: CONCURRENCY, durationMs: DURATION_MS, warmupMs: WARMUP_MS };
  return new Promise((resolve, reject) => {
    const child = fork(here('./launch-load.ts'), [JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.on('message', (m) => (result = m as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`load generator exited with ${code} and no result`))));
  });
}

async function startWebWorkers(env: Record<string, string>): Promise<Worker[]> {
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of each web process there (open it in Chrome's DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  cluster.setupPrimary({ exec: here('./launch-server.ts'), execArgv: [...process.execArgv, ...prof], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const workers = Array.from({ length: WORKERS }, () => cluster.fork(env));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('listening', () => resolve());
          w.once('exit', (code) => reject(new Error(`web worker exited with ${code} before listening`)));
        }),
    ),
  );
  return workers;
}

async function serverStats(workers: Worker[]): Promise<ServerStats> {
  const all = await Promise.all(workers.map((w) => new Promise<ServerStats>((resolve) => (w.once('message', (m) => resolve(m as ServerStats)), w.send('stats')))));
  return all.reduce((a, s) => ({ queries: a.queries + s.queries, cpuMs: a.cpuMs + s.cpuMs }), { queries: 0, cpuMs: 0 });
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = createLogger('silent');
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir, log });
  const databaseUrl = process.env.DATABASE_URL ?? (embedded?.url as string);
  const database = await openDatabase({ url: databaseUrl, poolSize: 2 });
  await runMigrations(database.pool, migrationsDir);
  await ensureDemoPlatform(database.db, { publicUrl: base });
  // One secret for every web process (each would otherwise make its own in DATA_DIR).
  const env = { BENCH_PORT: String(port), BENCH_BASE: base, BENCH_DATA_DIR: dataDir, BENCH_DATABASE_URL: databaseUrl, BENCH_SECRET: randomBytes(32).toString('hex') };
  const workers = await startWebWorkers(env);
  const hello = express();
  hello.get('/hello', (_req, res) => {
    res.send('hello');
  });
  const helloServer = http.createServer(hello);
  await new Promise<void>((r) => helloServer.listen(0, '127.0.0.1', r));
  const helloUrl = `http://127.0.0.1:${(helloServer.address() as AddressInfo).port}/hello`;
  try {
    const before = await serverStats(workers);
    const launches = await hammer('launch', base);
    const after = await serverStats(workers);
    const done = Math.max(1, launches.total);
    console.error(
      `web processes: ${WORKERS}; per launch (warm-up included): ${((after.queries - before.queries) / done).toFixed(1)} SQL queries, ${((after.cpuMs - before.cpuMs) / done).toFixed(2)} ms server CPU`,
    );
    const helloRun = await hammer('hello', helloUrl);
    const result = {
      launches_per_s: Math.round(launches.perSecond * 10) / 10,
      p95_ms: Math.round(launches.p95 * 10) / 10,
      hello_req_per_s: Math.round(helloRun.perSecond),
      ratio: Math.round((launches.perSecond / helloRun.perSecond) * 10000) / 10000,
    };
    if (launches.errors || helloRun.errors) console.error(`errors: launches ${launches.errors}, hello ${helloRun.errors}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    helloServer.close();
    await Promise.all(workers.map((w) => new Promise<void>((r) => (w.once('exit', () => r()), w.send('stop')))));
    await database.close();
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
