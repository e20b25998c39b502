import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export class DatabaseUnreachableError extends Error {
  readonly code = 'db_unreachable';
  constructor(
    readonly target: string,
    readonly causeText: string,
  ) {
    super(`Cannot reach the database at ${target}: ${causeText}`);
  }
}

/** host:port/database of a connection URL, without the password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function explainConnectError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { code?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running and listening on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case '28P01':
      return 'password authentication failed';
    case '3D000':
      return 'the database does not exist';
    default:
      return e.message || String(err);
  }
}

export type DatabaseHandle = { db: Db; pool: pg.Pool; close: () => Promise<void> };

/** Opens a pool and proves it works with one query, or throws DatabaseUnreachableError. */
export async function openDatabase(opts: { url: string; poolSize: number; connectTimeoutMs?: number }): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    application_name: 'luento',
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnreachableError(describeDatabaseUrl(opts.url), explainConnectError(err));
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Kysely ends the pool only if it ever used it; end it here in any case.
      if (!pool.ended) await pool.end();
    },
  };
}
