// The retention policy as one pure decision: what should happen to one video today, and why.
// "Recordings are deleted two years after their last viewing: first to the trash, then permanently after
// 180 days, with an extension when there is a justified need." Owners are warned before each step, and a
// step never happens sooner than `warn…Days` after its warning, even when a sweep was missed.

export type RetentionPolicy = {
  trashAfterDays: number;
  purgeAfterDays: number;
  warnBeforeTrashDays: number;
  warnBeforePurgeDays: number;
};

export const defaultRetentionPolicy: RetentionPolicy = {
  trashAfterDays: 730,
  purgeAfterDays: 180,
  warnBeforeTrashDays: 30,
  warnBeforePurgeDays: 30,
};

export type RetentionState = {
  createdAt: Date;
  /** Publication counts as a view, so a new video is not trashed for lack of viewers. */
  publishedAt: Date | null;
  /** The last qualifying view: playback past 5 s by someone other than the owner or an admin previewing. */
  lastViewedAt: Date | null;
  /** An approved extension: no trashing before this date. */
  retainUntil: Date | null;
  /** A legal hold on the video or on its owner: nothing is ever deleted. */
  isOnLegalHold: boolean;
  trashedAt: Date | null;
  /** The trash date that the last trash warning announced, and when it was sent. */
  trashWarning: { sentAt: Date; forDate: Date } | null;
  purgeWarning: { sentAt: Date; forDate: Date } | null;
};

export type LifecycleDecision =
  | { action: 'keep'; reason: 'legal-hold' | 'within-retention' | 'waiting-after-warning' | 'in-trash' | 'viewed-while-in-trash'; nextStepAt?: Date }
  | { action: 'warn-trash'; reason: 'trash-date-near'; trashOn: Date; baseDate: Date }
  | { action: 'trash'; reason: 'not-viewed'; lastActivityAt: Date }
  | { action: 'warn-purge'; reason: 'purge-date-near'; purgeOn: Date; baseDate: Date }
  | { action: 'purge'; reason: 'trash-expired'; trashedAt: Date };

const DAY_MS = 86_400_000;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);
const maxDate = (...ds: Array<Date | null | undefined>) =>
  new Date(Math.max(...ds.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));

export function lastActivityAt(s: RetentionState): Date {
  return maxDate(s.createdAt, s.publishedAt, s.lastViewedAt);
}

/** The date the policy would trash the video, before any warning delay. */
export function baseTrashDate(s: RetentionState, p: RetentionPolicy): Date {
  return maxDate(addDays(lastActivityAt(s), p.trashAfterDays), s.retainUntil);
}

/**
 * A step announced by a warning for exactly this base date happens at the base date, or warnDays after
 * the warning if the warning came late. Without such a warning the step cannot happen yet.
 */
function stepDate(warning: RetentionState['trashWarning'], base: Date, warnDays: number): Date | undefined {
  if (!warning || warning.forDate.getTime() !== base.getTime()) return undefined;
  return maxDate(base, addDays(warning.sentAt, warnDays));
}

export function decideLifecycle(s: RetentionState, p: RetentionPolicy, now: Date): LifecycleDecision {
  if (s.isOnLegalHold) return { action: 'keep', reason: 'legal-hold' };
  if (s.trashedAt) return decideInTrash(s, p, now);
  const base = baseTrashDate(s, p);
  const trashOn = stepDate(s.trashWarning, base, p.warnBeforeTrashDays);
  if (trashOn) {
    if (now >= trashOn) return { action: 'trash', reason: 'not-viewed', lastActivityAt: lastActivityAt(s) };
    return { action: 'keep', reason: 'waiting-after-warning', nextStepAt: trashOn };
  }
  if (now >= addDays(base, -p.warnBeforeTrashDays))
    return { action: 'warn-trash', reason: 'trash-date-near', trashOn: maxDate(base, addDays(now, p.warnBeforeTrashDays)), baseDate: base };
  return { action: 'keep', reason: 'within-retention', nextStepAt: addDays(base, -p.warnBeforeTrashDays) };
}

function decideInTrash(s: RetentionState, p: RetentionPolicy, now: Date): LifecycleDecision {
  const trashedAt = s.trashedAt!;
  // A view after trashing cannot happen through the product (trashed videos do not play); if the data
  // says otherwise, purging would break the policy's promise, so keep it for an admin to look at.
  // A video a person deleted is purged 180 days later even if it was watched shortly before.
  if (s.lastViewedAt && s.lastViewedAt > trashedAt) return { action: 'keep', reason: 'viewed-while-in-trash' };
  const base = addDays(trashedAt, p.purgeAfterDays);
  const purgeOn = stepDate(s.purgeWarning, base, p.warnBeforePurgeDays);
  if (purgeOn) {
    if (now >= purgeOn) return { action: 'purge', reason: 'trash-expired', trashedAt };
    return { action: 'keep', reason: 'in-trash', nextStepAt: purgeOn };
  }
  if (now >= addDays(base, -p.warnBeforePurgeDays))
    return { action: 'warn-purge', reason: 'purge-date-near', purgeOn: maxDate(base, addDays(now, p.warnBeforePurgeDays)), baseDate: base };
  return { action: 'keep', reason: 'in-trash', nextStepAt: addDays(base, -p.warnBeforePurgeDays) };
}

/** What applying a decision does to the state (the sweep writes the same in SQL; tests use this). */
export function applyDecision(s: RetentionState, d: LifecycleDecision, now: Date): RetentionState {
  switch (d.action) {
    case 'warn-trash':
      return { ...s, trashWarning: { sentAt: now, forDate: d.baseDate } };
    case 'trash':
      return { ...s, trashedAt: now, purgeWarning: null };
    case 'warn-purge':
      return { ...s, purgeWarning: { sentAt: now, forDate: d.baseDate } };
    default:
      return s;
  }
}
