// `npm run bench:launch`: full LTI launches (login initiation → the demo LMS's auth endpoint → id_token
// POST → landing page) by 50 concurrent clients against PostgreSQL (DATABASE_URL, or an embedded one in
// a temporary folder), and a bare Express "hello" route measured the same way in the same run. The
// load generator shares the process with the server, as the hello run does, so the ratio is fair.
// Prints one JSON line: {"launches_per_s":…,"p95_ms":…,"hello_req_per_s":…,"ratio":…}
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { runMigrations } from '../src/db/migrate.js';
import { buildDeps } from '../src/deps.js';
import { ensureDemoPlatform } from '../src/demo/demo-platform.js';
import { migrationsDir } from '../src/paths.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 15) * 1000;
const WARMUP_MS = 3000;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function call(url: string, opts: { method?: string; cookie?: string; form?: Record<string, string> } = {}): Promise<Reply> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', agent, headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function cookieOf(r: Reply, name: string): string {
  const c = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((x) => x.startsWith(`${name}=`));
  return c ? (c.split(';')[0] as string) : '';
}

function expect(r: Reply, status: number, step: string): void {
  if (r.status !== status) throw new Error(`${step}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

async function launchOnce(base: string, n: number): Promise<void> {
  const q = new URLSearchParams({
    iss: `${base}/demo`,
    login_hint: `learner-${n}`,
    target_link_uri: `${base}/lti/launch`,
    lti_message_hint: JSON.stringify({ m: 'resource', c: 'demo-course-101' }),
    client_id: 'luento-demo-client',
    lti_deployment_id: 'demo-deployment-1',
  });
  const login = await call(`${base}/lti/login?${q}`);
  expect(login, 302, 'login');
  const auth = await call(String(login.headers.location));
  expect(auth, 200, 'auth');
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(auth.body)?.[1] ?? '';
  const launch = await call(`${base}/lti/launch`, { method: 'POST', cookie: cookieOf(login, 'luento_lti_state'), form: { id_token: field('id_token'), state: field('state') } });
  expect(launch, 303, 'launch');
  const landing = await call(`${base}${String(launch.headers.location)}`, { cookie: cookieOf(launch, 'luento_session') });
  expect(landing, 200, 'landing');
}

async function hammer(run: (n: number) => Promise<void>): Promise<{ perSecond: number; p95: number; errors: number }> {
  let counter = 0;
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  const stopAt = Date.now() + WARMUP_MS + DURATION_MS;
  setTimeout(() => (measuring = true), WARMUP_MS);
  const worker = async () => {
    while (Date.now() < stopAt) {
      const t = performance.now();
      try {
        await run(counter++);
        if (measuring) latencies.push(performance.now() - t);
      } catch (err) {
        errors++;
        if (errors <= 3) console.error(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / (DURATION_MS / 1000), p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN, errors };
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
  const config = loadConfig({ NODE_ENV: 'development', PORT: String(port), PUBLIC_URL: base, DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, DEMO_LMS: 'true', LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '20' });
  const log = createLogger('silent');
  const embedded = config.db.url ? undefined : await startEmbeddedPostgres({ dataDir, log });
  const databaseUrl = config.db.url ?? (embedded?.url as string);
  const database = await openDatabase({ url: databaseUrl, poolSize: config.db.poolSize });
  await runMigrations(database.pool, migrationsDir);
  const deps = await buildDeps({ config, log, database, databaseUrl });
  const app = buildApp(deps);
  // As in production (the demo LMS is refused there, so the bench runs in development mode otherwise).
  app.enable('view cache');
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  await ensureDemoPlatform(deps.db, { publicUrl: base });
  const hello = express();
  hello.get('/hello', (_req, res) => {
    res.send('hello');
  });
  const helloServer = http.createServer(hello);
  await new Promise<void>((r) => helloServer.listen(0, '127.0.0.1', r));
  const helloUrl = `http://127.0.0.1:${(helloServer.address() as AddressInfo).port}/hello`;
  try {
    const launches = await hammer((n) => launchOnce(base, n));
    const helloRun = await hammer(async () => expect(await call(helloUrl), 200, 'hello'));
    const result = {
      launches_per_s: Math.round(launches.perSecond * 10) / 10,
      p95_ms: Math.round(launches.p95 * 10) / 10,
      hello_req_per_s: Math.round(helloRun.perSecond),
      ratio: Math.round((launches.perSecond / helloRun.perSecond) * 10000) / 10000,
    };
    if (launches.errors || helloRun.errors) console.error(`errors: launches ${launches.errors}, hello ${helloRun.errors}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    agent.destroy();
    helloServer.close();
    deps.lti.frameAncestors.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await database.close();
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
