// CSP frame-ancestors and form-action need the registered platforms' origins on every response. Reading
// them per request would cost a query per page, so they are cached and refreshed when platforms change
// (and every minute, so another web process's registration applies soon).
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { listActivePlatformOrigins } from './platforms.repo.js';

export type FrameAncestors = { current: () => readonly string[]; refresh: () => Promise<void>; stop: () => void };

/** onRefresh runs first on every refresh, so other caches of platform data can follow the same changes. */
export async function createFrameAncestors(opts: { db: Db; configured: readonly string[]; log: Logger; refreshMs?: number; onRefresh?: () => void }): Promise<FrameAncestors> {
  let origins: readonly string[] = opts.configured;
  const refresh = async () => {
    opts.onRefresh?.();
    const fromDb = await listActivePlatformOrigins(opts.db);
    origins = [...new Set([...opts.configured, ...fromDb])];
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => opts.log.warn({ err }, 'frame-ancestors refresh failed'));
  }, opts.refreshMs ?? 60_000);
  timer.unref();
  return { current: () => origins, refresh, stop: () => clearInterval(timer) };
}
