// The load generator of `npm run bench:launch`, in its own process (bench/launch.ts forks it), so that
// the server's event loop is not shared with the clients'. Both runs (launches and "hello") go through
// this same code, so they are measured the same way. It gets its job as argv JSON, and sends back one
// message: { perSecond, p95, errors }.
import http from 'node:http';

export type LoadJob = { kind: 'launch' | 'hello'; url: string; concurrency: number; durationMs: number; warmupMs: number };
/** total: every run that finished, warm-up included (perSecond and p95 count only the measured ones). */
export type LoadResult = { perSecond: number; p95: number; errors: number; total: number };

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function caller(agent: http.Agent) {
  return (url: string, opts: { method?: string; cookie?: string; form?: Record<string, string> } = {}): Promise<Reply> => {
    const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
    const headers = { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) };
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: opts.method ?? 'GET', agent, headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      });
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  };
}

function cookieOf(r: Reply, name: string): string {
  const c = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((x) => x.startsWith(`${name}=`));
  return c ? (c.split(';')[0] as string) : '';
}

function expectStatus(r: Reply, status: number, step: string): void {
  if (r.status !== status) throw new Error(`${step}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

/** One full launch: login initiation → the demo LMS's auth endpoint → id_token POST → landing page. */
async function launchOnce(call: ReturnType<typeof caller>, base: string, n: number): Promise<void> {
  const q = new URLSearchParams({
    iss: `${base}/demo`,
    login_hint: `learner-${n}`,
    target_link_uri: `${base}/lti/launch`,
    lti_message_hint: JSON.stringify({ m: 'resource', c: 'demo-course-101' }),
    client_id: 'luento-demo-client',
    lti_deployment_id: 'demo-deployment-1',
  });
  const login = await call(`${base}/lti/login?${q}`);
  expectStatus(login, 302, 'login');
  const auth = await call(String(login.headers.location));
  expectStatus(auth, 200, 'auth');
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(auth.body)?.[1] ?? '';
  const launch = await call(`${base}/lti/launch`, { method: 'POST', cookie: cookieOf(login, 'luento_lti_state'), form: { id_token: field('id_token'), state: field('state') } });
  expectStatus(launch, 303, 'launch');
  const landing = await call(`${base}${String(launch.headers.location)}`, { cookie: cookieOf(launch, 'luento_session') });
  expectStatus(landing, 200, 'landing');
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency * 2 });
  const call = caller(agent);
  const run = job.kind === 'launch' ? (n: number) => launchOnce(call, job.url, n) : async () => expectStatus(await call(job.url), 200, 'hello');
  let counter = 0;
  let errors = 0;
  let measuring = false;
  const latencies: number[] = [];
  const stopAt = Date.now() + job.warmupMs + job.durationMs;
  const warm = setTimeout(() => (measuring = true), job.warmupMs);
  const client = async () => {
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
  await Promise.all(Array.from({ length: job.concurrency }, client));
  clearTimeout(warm);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / (job.durationMs / 1000), p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN, errors, total: counter - errors };
}

if (process.send) {
  const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
  const result = await runLoad(job);
  process.send(result, () => process.exit(0));
}
