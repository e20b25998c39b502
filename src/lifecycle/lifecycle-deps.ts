// What the lifecycle pages and services need; built in app.ts from AppDeps (db, now, log, media).
import type { Mailer } from '../adapters/mail/mailer.js';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { sendPendingNotices } from './notices.js';

export type LifecycleDeps = {
  db: Db;
  now: () => Date;
  log: Logger;
  media: { blobStore: BlobStore; mailer: Mailer };
  /** Tells this process's media block list at once that a video left or came back from the trash. */
  onTrashChanged?: (videoId: string, isTrashed: boolean) => void;
};

export const ldb = (deps: LifecycleDeps): Db => deps.db;

/** The user behind an actor, for the audit; null for the system. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** Mails what a decision just put in the outbox; a failure is logged and retried by the next sweep. */
export async function flushNotices(deps: LifecycleDeps): Promise<void> {
  try {
    await sendPendingNotices({ db: ldb(deps), mailer: deps.media.mailer, log: deps.log, now: deps.now }, 20);
  } catch (err) {
    deps.log.error({ err }, 'lifecycle notices could not be sent now; the next sweep retries');
  }
}

const DAY_MS = 86_400_000;
export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);

/** A yyyy-mm-dd form value as the start of that day in UTC. */
export function parseDay(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
