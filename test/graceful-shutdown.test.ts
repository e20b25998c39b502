import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startPlatform } from '../src/platform.js';
import { createTestDatabase } from './helpers/test-db.js';

describe('graceful shutdown', () => {
  it('finishes a request that is in flight, refuses new connections, then closes everything', async () => {
    const db = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-graceful-'));
    try {
      const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RUN_WORKERS: 'true' });
      const platform = await startPlatform(config, createLogger('silent'));
      const { port } = new URL(platform.url);
      // Start a request whose body is still arriving when shutdown begins.
      const body = 'locale=fi&returnTo=%2F';
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      let response = '';
      socket.on('data', (d) => (response += d.toString()));
      socket.write(
        `POST /locale HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      await new Promise((r) => setTimeout(r, 100));
      const stopped = platform.stop();
      await new Promise((r) => setTimeout(r, 200));
      // A new connection is refused while the old request is still being served.
      await expect(fetch(`${platform.url}/healthz`)).rejects.toThrow();
      socket.write(body.slice(5));
      await stopped;
      await new Promise((r) => socket.once('close', r));
      expect(response).toMatch(/^HTTP\/1.1 303/);
      expect(response).toContain('luento_locale=fi');
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30000);
});
