// The daily lifecycle sweep, after PeerTube's capped, dry-runnable sweeps. Set-based SQL finds only the
// candidates (live videos whose trash date less the warning period has come, trashed videos whose purge
// date less its warning period has come), in keyset-paged batches on partial indexes, so memory stays
// flat. Each candidate is decided on the batch snapshot; only a step that is due takes a transaction,
// which locks the row and decides again (lifecycle-steps.ts). Per-run caps bound what one night can do.
import type { Mailer } from '../adapters/mail/mailer.js';
import { scanLiveCandidates, scanTrashedCandidates, retentionStateOf, type LifecycleRow, type ScanCursor } from './lifecycle.repo.js';
import type { LifecycleSettings } from './lifecycle-settings.js';
import { retentionPolicyOf } from './lifecycle-settings.js';
import { applyLifecycleStep, type StepDeps, type StepOutcome } from './lifecycle-steps.js';
import { sendPendingNotices } from './notices.js';
import { decideLifecycle, type LifecycleDecision } from './retention.js';

const DAY_MS = 86_400_000;
type StepAction = Exclude<LifecycleDecision['action'], 'keep'>;
export const stepActions: readonly StepAction[] = ['warn-trash', 'trash', 'warn-purge', 'purge'];

export type PlannedStep = { videoId: string; title: string; ownerId: string; action: StepAction; reason: string; date: Date | null };

export type SweepCounts = Record<StepAction, number>;
const zeroCounts = (): SweepCounts => ({ 'warn-trash': 0, trash: 0, 'warn-purge': 0, purge: 0 });

type Decided = { row: LifecycleRow; d: LifecycleDecision };

/** Walks every candidate batch by batch, handing `visit` each batch with its decisions on the batch snapshot. */
async function walkCandidates(deps: Pick<StepDeps, 'db'>, o: { settings: LifecycleSettings; now: Date }, visit: (batch: Decided[]) => Promise<void>): Promise<number> {
  const policy = retentionPolicyOf(o.settings);
  const now = o.now.getTime();
  let scanned = 0;
  const scans = [
    (after: ScanCursor) =>
      scanLiveCandidates(deps.db, {
        activityBefore: new Date(now - (policy.trashAfterDays - policy.warnBeforeTrashDays) * DAY_MS),
        retainBefore: new Date(now + policy.warnBeforeTrashDays * DAY_MS),
        after,
        limit: o.settings.batchSize,
      }),
    (after: ScanCursor) => scanTrashedCandidates(deps.db, { trashedBefore: new Date(now - (policy.purgeAfterDays - policy.warnBeforePurgeDays) * DAY_MS), after, limit: o.settings.batchSize }),
  ];
  for (const scan of scans) {
    let after: ScanCursor = null;
    for (;;) {
      const rows = await scan(after);
      await visit(rows.map((row) => ({ row, d: decideLifecycle(retentionStateOf(row), policy, o.now) })));
      scanned += rows.length;
      const last = rows.at(-1);
      if (!last || rows.length < o.settings.batchSize) break;
      after = { key: last.scan_key, id: last.id };
    }
  }
  return scanned;
}

function capOf(s: LifecycleSettings, a: StepAction): number {
  return a === 'purge' ? s.maxPurgesPerRun : a === 'trash' ? s.maxTrashesPerRun : s.maxWarningsPerRun;
}

function dateOf(d: LifecycleDecision): Date | null {
  if (d.action === 'warn-trash') return d.trashOn;
  if (d.action === 'warn-purge') return d.purgeOn;
  return null;
}

export type DryRunReport = { at: Date; scanned: number; counts: SweepCounts; deferred: SweepCounts; steps: PlannedStep[]; listLimit: number };

/** What the next sweep would do, computed now without writing anything. */
export async function dryRunSweep(deps: Pick<StepDeps, 'db'>, o: { settings: LifecycleSettings; now: Date; listLimit?: number }): Promise<DryRunReport> {
  const counts = zeroCounts();
  const deferred = zeroCounts();
  const steps: PlannedStep[] = [];
  const listLimit = o.listLimit ?? 500;
  const scanned = await walkCandidates(deps, o, async (batch) => {
    for (const { row, d } of batch) {
      if (d.action === 'keep') continue;
      if (counts[d.action] >= capOf(o.settings, d.action)) {
        deferred[d.action]++;
        continue;
      }
      counts[d.action]++;
      if (steps.length < listLimit) steps.push({ videoId: row.id, title: row.title, ownerId: row.owner_id, action: d.action, reason: d.reason, date: dateOf(d) });
    }
  });
  return { at: o.now, scanned, counts, deferred, steps, listLimit };
}

export type SweepHooks = {
  /** Called after each committed step; tests throw from here to simulate a crash between two steps. */
  afterStep?: (outcome: StepOutcome) => Promise<void> | void;
};

export type SweepDeps = StepDeps & { mailer: Mailer };

/**
 * Runs `work` over the items, at most `limit` at a time (separate rows, separate transactions: running
 * a few together lets PostgreSQL share one WAL flush among their commits). After the first failure no
 * new item starts; the ones in flight finish, then the failure is thrown.
 */
async function runConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.err;
}

export type SweepReport = { at: Date; scanned: number; applied: SweepCounts; deferred: SweepCounts; purgeFailures: number; mail: { sent: number; failed: number } };

export async function runSweep(deps: SweepDeps, o: { settings: LifecycleSettings; now: Date; hooks?: SweepHooks }): Promise<SweepReport> {
  const policy = retentionPolicyOf(o.settings);
  const applied = zeroCounts();
  const deferred = zeroCounts();
  let purgeFailures = 0;
  // Notices left by an earlier, interrupted run go out first.
  const earlier = await sendPendingNotices({ ...deps, now: () => o.now });
  const dispatched = zeroCounts();
  const scanned = await walkCandidates(deps, o, async (batch) => {
    const due: string[] = [];
    for (const { row, d } of batch) {
      if (d.action === 'keep') continue;
      // The cap counts what is dispatched, so concurrent steps can never exceed it.
      if (dispatched[d.action] >= capOf(o.settings, d.action)) {
        deferred[d.action]++;
        continue;
      }
      dispatched[d.action]++;
      due.push(row.id);
    }
    await runConcurrently(due, o.settings.stepConcurrency, async (videoId) => {
      const outcome = await applyLifecycleStep(deps, { videoId, policy, now: o.now });
      if (outcome.action === 'purge-failed') purgeFailures++;
      else if (outcome.action !== 'keep' && outcome.action !== 'gone') applied[outcome.action]++;
      await o.hooks?.afterStep?.(outcome);
    });
  });
  const mail = await sendPendingNotices({ ...deps, now: () => o.now });
  const report = { at: o.now, scanned, applied, deferred, purgeFailures, mail: { sent: earlier.sent + mail.sent, failed: earlier.failed + mail.failed } };
  deps.log.info(report, 'lifecycle sweep finished');
  if (Object.values(deferred).some((n) => n > 0)) deps.log.warn({ deferred }, 'lifecycle sweep reached its per-run caps; the rest waits for the next run');
  return report;
}
