import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type pg from 'pg';
import { pendingMigrations } from '../db/migrate.js';
import { migrationsDir } from '../paths.js';
import type { Metrics } from './metrics.js';
import { UnauthenticatedError } from './errors.js';

export type HealthDeps = {
  pool: pg.Pool;
  metrics: Metrics;
  metricsToken: string | undefined;
  isQueueRunning: () => boolean;
};

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function healthRoutes(deps: HealthDeps): Router {
  const r = Router();
  // Liveness: the process is up and its event loop answers. No dependencies, so it never flaps.
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness: this process can serve real traffic.
  r.get('/readyz', async (_req, res) => {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    try {
      await deps.pool.query('SELECT 1');
      checks.database = { ok: true };
      const pending = await pendingMigrations(deps.pool, migrationsDir);
      checks.migrations = pending.length ? { ok: false, detail: `pending: ${pending.join(', ')}` } : { ok: true };
    } catch (err) {
      checks.database = { ok: false, detail: (err as Error).message };
      checks.migrations = { ok: false, detail: 'database unreachable' };
    }
    checks.queue = deps.isQueueRunning() ? { ok: true } : { ok: false, detail: 'job queue not running' };
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });
  r.get('/metrics', async (req, res) => {
    if (deps.metricsToken && !bearerMatches(req.headers.authorization, deps.metricsToken)) throw new UnauthenticatedError('A valid metrics bearer token is required');
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return r;
}
