// Login initiation and the launch look their platform up by issuer every time. The answer changes only
// when an admin or a registration changes platforms, so it is kept in memory for a short time and dropped
// at once when this process changes platforms (frame-ancestors' refresh, see lti-deps.ts). The launch
// re-reads the platform's and the deployment's status fresh with its login state (launch.ts), so a
// disabled platform or deployment is refused at once, whichever process disabled it; a changed keys URL
// or role mapping applies within PLATFORM_CACHE_TTL_MS.
import type { Db } from '../db/database.js';
import { findPlatformsByIssuer, type Platform } from './platforms.repo.js';

export const PLATFORM_CACHE_TTL_MS = 10_000;
/** Issuers come from the request: bound the cache so a flood of made-up issuers cannot grow it. */
const MAX_ENTRIES = 1000;

export type PlatformDirectory = { byIssuer: (issuer: string) => Promise<Platform[]>; invalidate: () => void };

export function createPlatformDirectory(opts: { db: Db; ttlMs?: number; now?: () => number }): PlatformDirectory {
  const ttlMs = opts.ttlMs ?? PLATFORM_CACHE_TTL_MS;
  const now = opts.now ?? Date.now;
  let entries = new Map<string, { platforms: Platform[]; until: number }>();
  return {
    async byIssuer(issuer) {
      const hit = entries.get(issuer);
      if (hit && hit.until > now()) return hit.platforms;
      const generation = entries;
      const platforms = await findPlatformsByIssuer(opts.db, issuer);
      // Unknown issuers are not remembered (a registration must work at once), nor an answer that an
      // invalidation overtook while it was read.
      if (platforms.length > 0 && generation === entries) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(issuer, { platforms, until: now() + ttlMs });
      }
      return platforms;
    },
    invalidate() {
      entries = new Map();
    },
  };
}
