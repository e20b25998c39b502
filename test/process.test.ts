// The platform as an operator runs it: real processes, real signals, real embedded PostgreSQL.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isProcessAlive } from '../src/db/data-dir-lock.js';
import { spawnLuento, waitForReady } from './helpers/spawn-luento.js';
import { createTestDatabase } from './helpers/test-db.js';

import { jest } from '@jest/globals';

jest.setTimeout(90000);

describe('starting Luento', () => {
  it('exits 1 and names every bad setting when the configuration is invalid', async () => {
    const s = spawnLuento('main', { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await s.exited).toBe(1);
    expect(s.stderr()).toContain('PORT');
    expect(s.stderr()).toContain('LOG_LEVEL');
  });

  it('exits 1 with the host and cause when the database cannot be reached', async () => {
    const s = spawnLuento('main', { DATABASE_URL: 'postgres://luento:secret@127.0.0.1:1/luento', PORT: '0' });
    expect(await s.exited).toBe(1);
    expect(s.stderr()).toContain('127.0.0.1:1/luento');
    expect(s.stderr()).toContain('connection refused');
    expect(s.stderr()).not.toContain('secret');
  });

  it('the worker refuses to start without DATABASE_URL and says why', async () => {
    const s = spawnLuento('worker', {});
    expect(await s.exited).toBe(1);
    expect(s.stderr()).toContain('DATABASE_URL');
  });

  it('serves /readyz on an external database and stops cleanly on SIGTERM', async () => {
    const db = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-proc-'));
    try {
      const s = spawnLuento('main', { DATABASE_URL: db.url, PORT: '0', DATA_DIR: dataDir });
      const url = await waitForReady(s);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  it('starts, refuses a second process on the same folder, keeps data across restarts and leaves no PostgreSQL behind', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-embedded-'));
    try {
      const first = spawnLuento('main', { PORT: '0', DATA_DIR: dataDir });
      const url = await waitForReady(first);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      const second = spawnLuento('main', { PORT: '0', DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toMatch(/Another Luento process \(pid \d+\) is already using the data folder/);

      const settings = JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as { port: number; password: string };
      const dbUrl = `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/luento`;
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      await client.query(`INSERT INTO app_settings (key, value) VALUES ('restart-probe', '"kept"')`);
      await client.end();

      const pgPid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(isProcessAlive(pgPid)).toBe(false);
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'luento.lock'))).toBe(false);

      const again = spawnLuento('main', { PORT: '0', DATA_DIR: dataDir });
      await waitForReady(again);
      const settings2 = JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as { port: number };
      const client2 = new pg.Client({ connectionString: dbUrl.replace(`:${settings.port}/`, `:${settings2.port}/`) });
      await client2.connect();
      const row = await client2.query(`SELECT value FROM app_settings WHERE key = 'restart-probe'`);
      await client2.end();
      expect(row.rows[0].value).toBe('kept');
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
