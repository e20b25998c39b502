// `npm run bench:startup`: cold start (empty DATA_DIR: initdb + migrations) and warm start (existing data)
// of the built platform to GET /readyz 200, and the RSS of the Luento process and of embedded PostgreSQL.
// Prints one JSON line. Run `npm run build` first (the npm script does).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** The postmaster and every backend it forked. */
function postgresRssKb(postmasterPid: number): number {
  let total = rssKb(postmasterPid);
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmasterPid) total += rssKb(Number(d));
    } catch {
      // process ended
    }
  }
  return total;
}

async function startOnce(dataDir: string): Promise<{ ms: number; nodeRssMb: number; pgRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('not ready within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = Math.round(performance.now() - started);
  await new Promise((r) => setTimeout(r, 1000)); // let it settle before reading memory
  const pgPid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const result = { ms, nodeRssMb: Math.round(rssKb(child.pid!) / 1024), pgRssMb: Math.round(postgresRssKb(pgPid) / 1024) };
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  return result;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-bench-start-'));
try {
  const cold = await startOnce(dataDir);
  const warm = await startOnce(dataDir);
  console.log(
    JSON.stringify({
      cold_start_ms: cold.ms,
      warm_start_ms: warm.ms,
      node_rss_mb: warm.nodeRssMb,
      postgres_rss_mb: warm.pgRssMb,
    }),
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
