import pg from 'pg';
import { listMigrationFiles, pendingMigrations, runMigrations } from '../src/db/migrate.js';
import { migrationsDir } from '../src/paths.js';
import { createEmptyDatabase } from './helpers/test-db.js';

describe('migrations', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pools: pg.Pool[] = [];
  const pool = () => {
    const p = new pg.Pool({ connectionString: db.url, max: 2 });
    pools.push(p);
    return p;
  };
  beforeEach(async () => {
    db = await createEmptyDatabase();
  });
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.end()));
    pools = [];
    await db.drop();
  });

  it('applies every file once, and a second run applies nothing', async () => {
    const files = await listMigrationFiles(migrationsDir);
    const first = await runMigrations(pool(), migrationsDir);
    expect(first.applied).toEqual(files);
    const second = await runMigrations(pool(), migrationsDir);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(files.length);
    expect(await pendingMigrations(pool(), migrationsDir)).toEqual([]);
  });

  it('is safe when several processes start at once', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => runMigrations(pool(), migrationsDir)));
    const files = await listMigrationFiles(migrationsDir);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(files);
    const rows = await pool().query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows.rows[0].n).toBe(files.length);
  });

  it('reports every file as pending on an empty database', async () => {
    expect(await pendingMigrations(pool(), migrationsDir)).toEqual(await listMigrationFiles(migrationsDir));
  });
});
