import { rm } from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  const adminUrl = process.env.LUENTO_TEST_ADMIN_URL;
  const embedded = globalThis.__embeddedPg;
  if (adminUrl && !embedded) {
    // A shared server (CI): drop what this run created.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const dbs = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'luento_test_%'");
    for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  if (embedded) {
    await embedded.stop();
    await rm(embedded.dataDir, { recursive: true, force: true });
  }
}
