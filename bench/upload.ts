// `npm run bench:upload`: a 2 GiB tus upload over loopback to a running Luento (started here as a child
// process, as `npm start` runs it, with an embedded PostgreSQL in a temporary folder). The bytes are
// generated and streamed, never held in memory; they are sent in 64 MiB PATCHes as the upload page does,
// and the clock stops when the server has answered the last one (the file is then in storage).
// Prints one JSON line: {"upload_mib_s":…,"upload_rss_mb":…}; upload_rss_mb is the server's peak RSS
// sampled during the upload. Everything written (2 GiB twice) is deleted afterwards.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { spawnLuento, waitForReady } from '../test/helpers/spawn-luento.js';

const TOTAL = Number(process.env.BENCH_UPLOAD_MIB ?? 2048) * 1024 * 1024;
const CHUNK = 64 * 1024 * 1024;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function call(url: string, opts: { method?: string; headers?: Record<string, string>; body?: Readable | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', agent, headers: opts.headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (opts.body instanceof Readable) opts.body.pipe(req);
    else req.end(opts.body);
  });
}

function check(r: Reply, status: number, step: string): void {
  if (r.status !== status) throw new Error(`${step}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

/** `length` bytes from one reused random 1 MiB block: generated, not stored. */
function generated(length: number): Readable {
  const block = randomBytes(1024 * 1024);
  let left = length;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A teacher's session through the demo LMS's real launch; the landing URL carries its token. */
async function teacherSession(base: string): Promise<{ token: string; courseId: string }> {
  const q = new URLSearchParams({
    iss: `${base}/demo`, login_hint: 'teacher', target_link_uri: `${base}/lti/launch`,
    lti_message_hint: JSON.stringify({ m: 'resource', c: 'bench-upload' }), client_id: 'luento-demo-client', lti_deployment_id: 'demo-deployment-1',
  });
  const login = await call(`${base}/lti/login?${q}`);
  check(login, 302, 'login');
  const auth = await call(String(login.headers.location));
  check(auth, 200, 'auth');
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(auth.body)?.[1] ?? '';
  const state = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('luento_lti_state='))?.split(';')[0] ?? '';
  const form = new URLSearchParams({ id_token: field('id_token'), state: field('state') }).toString();
  const launch = await call(`${base}/lti/launch`, { method: 'POST', headers: { cookie: state, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  check(launch, 303, 'launch');
  const landing = new URL(String(launch.headers.location), base);
  const token = landing.searchParams.get('st');
  const courseId = /^\/courses\/(\d+)/.exec(landing.pathname)?.[1];
  if (!token || !courseId) throw new Error(`launch landed on ${landing.href} without a session token or course`);
  return { token, courseId };
}

async function upload(base: string, pid: number): Promise<{ mibPerS: number; peakRss: number }> {
  const { token, courseId } = await teacherSession(base);
  const json = JSON.stringify({ title: 'Bench', language: 'en', fileName: 'bench.bin', fileBytes: TOTAL, attestsRightsAndConsent: true });
  const started = await call(`${base}/courses/${courseId}/videos`, { method: 'POST', headers: { 'x-luento-session': token, 'content-type': 'application/json', accept: 'application/json' }, body: json });
  check(started, 201, 'start');
  const { videoId } = JSON.parse(started.body) as { videoId: string };
  const tus = { 'tus-resumable': '1.0.0', 'x-luento-session': token };
  const meta = `videoId ${Buffer.from(videoId).toString('base64')},filename ${Buffer.from('bench.bin').toString('base64')}`;
  check(await call(`${base}/uploads`, { method: 'POST', headers: { ...tus, 'upload-length': String(TOTAL), 'upload-metadata': meta } }), 201, 'create');
  let peakRss = await rssMb(pid);
  process.stderr.write(`server RSS before the upload: ${Math.round(peakRss)} MB\n`);
  const sampler = setInterval(() => void rssMb(pid).then((r) => (peakRss = Math.max(peakRss, r))), 100);
  const t0 = process.hrtime.bigint();
  try {
    for (let offset = 0; offset < TOTAL; offset += CHUNK) {
      const n = Math.min(CHUNK, TOTAL - offset);
      const headers = { ...tus, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'content-length': String(n) };
      check(await call(`${base}/uploads/${videoId}`, { method: 'PATCH', headers, body: generated(n) }), 204, `patch at ${offset}`);
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { mibPerS: TOTAL / 1024 / 1024 / seconds, peakRss };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-bench-upload-'));
const port = await freePort();
const server = spawnLuento('main', { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DEMO_LMS: 'true', NODE_ENV: 'development', UPLOAD_MAX_GIB: '4' }, { built: true });
try {
  const base = (await waitForReady(server, 60_000)).replace(/\/$/, '');
  const r = await upload(base, server.child.pid!);
  process.stdout.write(`${JSON.stringify({ upload_mib_s: Math.round(r.mibPerS * 10) / 10, upload_rss_mb: Math.round(r.peakRss) })}\n`);
} finally {
  agent.destroy();
  server.child.kill('SIGTERM');
  await server.exited;
  await rm(dataDir, { recursive: true, force: true });
}
