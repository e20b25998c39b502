// Each test file gets its own database, cloned from the migrated template: files run in parallel and
// never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';

export type TestDatabase = DatabaseHandle & { url: string; drop: () => Promise<void> };

function prefix(): string {
  const value = process.env.LUENTO_TEST_DB_PREFIX;
  if (!value) throw new Error('LUENTO_TEST_DB_PREFIX is not set: run the tests through jest (global setup)');
  return value;
}

function adminUrl(): string {
  const url = process.env.LUENTO_TEST_ADMIN_URL;
  if (!url) throw new Error('LUENTO_TEST_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function urlForDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty (unmigrated) database; for migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix()}${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { url: urlForDatabase(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A migrated database of this test file's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${prefix()}${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${prefix()}template`);
  const url = urlForDatabase(name);
  const handle = await openDatabase({ url, poolSize: 5 });
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
