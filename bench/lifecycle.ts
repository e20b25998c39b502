// `npm run bench:lifecycle`: seeds 1,000,000 videos with realistic view histories in PostgreSQL
// (DATABASE_URL, or an embedded one in a temporary folder) with set-based INSERT … SELECT
// generate_series, then times a dry run and a full sweep (decisions over every candidate, steps up to the
// per-run caps, each in its own transaction, notices through the outbox) at the default policy.
// Prints one JSON line: {"sweep_s":…,"dry_run_s":…,"rss_mb":…} (rss_mb: the peak RSS while they ran).
// BENCH_VIDEOS changes the number of videos.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { LogMailer } from '../src/adapters/mail/mailer.js';
import { LocalBlobStore } from '../src/adapters/storage/local-blob-store.js';
import { openDatabase, type Db } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { runMigrations } from '../src/db/migrate.js';
import { ensureDemoPlatform } from '../src/demo/demo-platform.js';
import { defaultLifecycleSettings } from '../src/lifecycle/lifecycle-settings.js';
import { dryRunSweep, runSweep } from '../src/lifecycle/sweep.js';
import { createLogger } from '../src/logger.js';
import { migrationsDir } from '../src/paths.js';

const VIDEOS = Number(process.env.BENCH_VIDEOS ?? 1_000_000);
const OWNERS = Math.max(10, Math.round(VIDEOS / 200));
const COURSES = Math.max(5, Math.round(VIDEOS / 400));

/**
 * Histories over six years before `now`: most videos were published within days of upload; 60% were
 * viewed in the last year, 20% one to two years ago, 12% not for two to six years, 8% never after
 * publication. 2% already sit in the trash (from a day to 250 days), 0.1% are on legal hold, 1% have an
 * extension, and those warned 0 to 40 days ago were warned when they
 * became due.
 */
async function seed(db: Db, now: Date): Promise<void> {
  const platform = await ensureDemoPlatform(db, { publicUrl: 'http://127.0.0.1:1' });
  await sql`INSERT INTO users (platform_id, sub, name, email, locale)
    SELECT ${platform.id}, 'bench-' || g, 'Owner ' || g, 'owner' || g || '@uni.test', 'fi' FROM generate_series(1, ${OWNERS}) g`.execute(db);
  await sql`INSERT INTO courses (platform_id, deployment_id, context_id, title)
    SELECT ${platform.id}, 'dep', 'bench-' || g, 'Course ' || g FROM generate_series(1, ${COURSES}) g`.execute(db);
  const ownerBase = (await sql<{ min: string }>`SELECT min(id)::text AS min FROM users WHERE sub LIKE 'bench-%'`.execute(db)).rows[0]!.min;
  const courseBase = (await sql<{ min: string }>`SELECT min(id)::text AS min FROM courses WHERE context_id LIKE 'bench-%'`.execute(db)).rows[0]!.min;
  const day = sql`interval '1 day'`;
  await sql`
    WITH r AS (
      SELECT g, random() AS a, random() AS b, random() AS c, random() AS d FROM generate_series(1, ${VIDEOS}) g
    ), h AS (
      SELECT g, d,
        ${now}::timestamptz - (a * 2190) * ${day} AS created,
        CASE WHEN b < 0.6 THEN ${now}::timestamptz - (c * 365) * ${day}
             WHEN b < 0.8 THEN ${now}::timestamptz - (365 + c * 365) * ${day}
             WHEN b < 0.92 THEN ${now}::timestamptz - (730 + c * 1460) * ${day}
             ELSE NULL END AS viewed
      FROM r
    )
    INSERT INTO videos (owner_id, home_course_id, title, language, status, source_bytes, published_at, last_viewed_at,
                        retain_until, legal_hold, trashed_at, trash_warning_sent_at, trash_warning_for, created_at, updated_at)
    SELECT ${ownerBase}::bigint + g % ${OWNERS}, ${courseBase}::bigint + g % ${COURSES}, 'Lecture ' || g, 'fi', 'published', 100000000,
      created + interval '2 days',
      CASE WHEN viewed IS NULL THEN created + interval '2 days' ELSE greatest(created + interval '2 days', viewed) END,
      CASE WHEN d < 0.01 THEN ${now}::timestamptz + (d * 30000) * ${day} END,
      d > 0.999,
      CASE WHEN d BETWEEN 0.5 AND 0.52 THEN ${now}::timestamptz - (1 + (d - 0.5) * 12500) * ${day} END,
      CASE WHEN d BETWEEN 0.3 AND 0.33 AND viewed IS NULL THEN ${now}::timestamptz - (d * 1000 - 290) * ${day} END,
      CASE WHEN d BETWEEN 0.3 AND 0.33 AND viewed IS NULL THEN created + interval '2 days' + 730 * ${day} END,
      created, created
    FROM h WHERE created + interval '2 days' <= ${now}::timestamptz`.execute(db);
  await sql`ANALYZE videos`.execute(db);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'luento-bench-lifecycle-'));
  const log = createLogger('silent');
  const url = process.env.DATABASE_URL;
  const embedded = url ? undefined : await startEmbeddedPostgres({ dataDir, log });
  const database = await openDatabase({ url: url ?? embedded!.url, poolSize: 4 });
  try {
    await runMigrations(database.pool, migrationsDir);
    const now = new Date();
    const seeded = Date.now();
    await seed(database.db, now);
    process.stderr.write(`seeded ${VIDEOS} videos in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`);
    const db = database.db;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t1 = performance.now();
    const dry = await dryRunSweep({ db }, { settings: defaultLifecycleSettings, now });
    const dryRunS = (performance.now() - t1) / 1000;
    const store = await LocalBlobStore.open({ root: path.join(dataDir, 'media') });
    const t2 = performance.now();
    const report = await runSweep({ db, blobStore: store, mailer: new LogMailer(() => undefined), log }, { settings: defaultLifecycleSettings, now });
    const sweepS = (performance.now() - t2) / 1000;
    clearInterval(sampler);
    process.stderr.write(`dry run: scanned ${dry.scanned}, steps ${JSON.stringify(dry.counts)}, deferred ${JSON.stringify(dry.deferred)}\n`);
    process.stderr.write(`sweep: scanned ${report.scanned}, applied ${JSON.stringify(report.applied)}, deferred ${JSON.stringify(report.deferred)}, mail ${JSON.stringify(report.mail)}\n`);
    process.stdout.write(`${JSON.stringify({ sweep_s: Math.round(sweepS * 100) / 100, dry_run_s: Math.round(dryRunS * 100) / 100, rss_mb: Math.round(peak / 1048576) })}\n`);
  } finally {
    await database.close();
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
