// Which rights-and-consent statement uploads confirm now: the newest version published (by an admin on
// /admin/attestation, or by migration 065 for the first one), read from the database and kept for a few
// seconds. Why a cache: the upload page, the recorder and every upload ask for it; why only seconds:
// publishing must take effect in every web process without a restart. The process that publishes forgets
// its copy at once; the others follow within `cacheMs`. An upload confirmed against the version shown a
// moment earlier is still valid: every version stays valid for the videos attested under it.
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/database.js';
import { findCurrentStatement, type Statement } from './attestation.repo.js';

export type CurrentAttestation = {
  /** The statement uploads confirm now. No statement at all is a broken install, said plainly. */
  current: () => Promise<Statement>;
  /** Drops the cached copy, so the next call reads the database (after this process published one). */
  forget: () => void;
};

export function createCurrentAttestation(opts: { db: Db; cacheMs?: number }): CurrentAttestation {
  const cacheMs = opts.cacheMs ?? 5_000;
  let cached: { statement: Promise<Statement>; at: number } | undefined;
  const load = async (): Promise<Statement> => {
    const s = await findCurrentStatement(opts.db);
    if (!s) throw new Error('No rights and consent statement is published (attestation_statements is empty); run the migrations, which add the first one');
    return s;
  };
  return {
    current: () => {
      const now = performance.now();
      if (!cached || now - cached.at >= cacheMs) {
        const statement = load();
        // A failed read is not cached: the next call tries again.
        statement.catch(() => {
          if (cached?.statement === statement) cached = undefined;
        });
        cached = { statement, at: now };
      }
      return cached.statement;
    },
    forget: () => {
      cached = undefined;
    },
  };
}
