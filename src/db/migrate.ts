// Numbered SQL migrations. Each file runs in its own transaction, once. A session-level advisory lock
// makes concurrent starters (several web and worker processes) wait for each other instead of racing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

const MIGRATION_LOCK_KEY = 7_310_042_001; // arbitrary, constant across versions

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export async function listMigrationFiles(dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3,}_[a-z0-9_-]+\.sql$/.test(f));
  return files.sort();
}

export async function runMigrations(pool: pg.Pool, dir: string): Promise<MigrationResult> {
  const files = await listMigrationFiles(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/** The migrations on disk that the database has not applied yet (for /readyz). */
export async function pendingMigrations(pool: pg.Pool, dir: string): Promise<string[]> {
  const files = await listMigrationFiles(dir);
  const res = await pool.query<{ name: string }>(
    "SELECT name FROM schema_migrations WHERE to_regclass('schema_migrations') IS NOT NULL",
  ).catch(() => ({ rows: [] as { name: string }[] }));
  const done = new Set(res.rows.map((r) => r.name));
  return files.filter((f) => !done.has(f));
}
