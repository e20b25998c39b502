// Debian's nginx on loopback with a temporary config, for the X-Accel-Redirect tests and bench:media.
// One server serves the storage root directly (the bench's yardstick); another proxies /media/ to
// Luento and serves the `internal` location that Luento's X-Accel-Redirect answers point into.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const ACCEL_PREFIX = '/_luento_media/';

export type RunningNginx = { staticBase: string; proxyBase: string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startNginx(opts: { root: string; dir: string; upstreamPort: number }): Promise<RunningNginx> {
  const [staticPort, proxyPort] = [await freePort(), await freePort()];
  const d = opts.dir;
  const conf = path.join(d, 'nginx.conf');
  // Debian's defaults where they matter (worker_processes auto, sendfile on); logs off; temp paths here.
  await writeFile(conf, `daemon off; worker_processes auto; pid ${d}/nginx.pid; error_log ${d}/nginx-error.log warn; ${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { video/iso.segment m4s; video/mp4 mp4; application/vnd.apple.mpegurl m3u8; image/jpeg jpg; text/vtt vtt; }
  client_body_temp_path ${d}/cb; proxy_temp_path ${d}/px; fastcgi_temp_path ${d}/fc; uwsgi_temp_path ${d}/uw; scgi_temp_path ${d}/sc;
  upstream luento { server 127.0.0.1:${opts.upstreamPort}; keepalive 128; }
  server { listen 127.0.0.1:${staticPort}; root ${opts.root}; location / { } }
  server {
    listen 127.0.0.1:${proxyPort};
    location /media/ { proxy_pass http://luento; proxy_http_version 1.1; proxy_set_header Connection ""; }
    location ${ACCEL_PREFIX} { internal; alias ${opts.root}/; }
  }
}
`);
  const child = spawn('/usr/sbin/nginx', ['-c', conf, '-p', d], { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  const staticBase = `http://127.0.0.1:${staticPort}`;
  for (let i = 0; i < 100 && !(await fetch(`${staticBase}/`).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    staticBase,
    proxyBase: `http://127.0.0.1:${proxyPort}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
