import { rm } from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  const adminUrl = process.env.LUENTO_TEST_ADMIN_URL;
  const embedded = globalThis.__embeddedPg;
  const prefix = process.env.LUENTO_TEST_DB_PREFIX;
  if (adminUrl && prefix && !embedded) {
    // A shared server (CI, or several runs at once): drop what this run created, and only that.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const dbs = await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  if (embedded) {
    await embedded.stop();
    await rm(embedded.dataDir, { recursive: true, force: true });
  }
}
