import fc from 'fast-check';
import { applyDecision, decideLifecycle, defaultRetentionPolicy as policy, type LifecycleDecision, type RetentionState } from './retention.js';

const DAY = 86_400_000;
const t0 = new Date('2024-01-01T00:00:00Z');
const day = (n: number) => new Date(t0.getTime() + n * DAY);

const fresh = (over: Partial<RetentionState> = {}): RetentionState => ({
  createdAt: day(0),
  publishedAt: day(0),
  lastViewedAt: null,
  retainUntil: null,
  isOnLegalHold: false,
  trashedAt: null,
  trashWarning: null,
  purgeWarning: null,
  ...over,
});

describe('decideLifecycle', () => {
  it.each<[string, Partial<RetentionState>, number, LifecycleDecision['action'], string]>([
    ['a new video', {}, 10, 'keep', 'within-retention'],
    ['published, never viewed, 699 days on', {}, 699, 'keep', 'within-retention'],
    ['published, never viewed, 700 days on: warn', {}, 700, 'warn-trash', 'trash-date-near'],
    ['warned for the right date, before the date', { trashWarning: { sentAt: day(700), forDate: day(730) } }, 729, 'keep', 'waiting-after-warning'],
    ['warned for the right date, on the date', { trashWarning: { sentAt: day(700), forDate: day(730) } }, 730, 'trash', 'not-viewed'],
    ['warned late (day 760): trash only 30 days after', { trashWarning: { sentAt: day(760), forDate: day(730) } }, 780, 'keep', 'waiting-after-warning'],
    ['warned late, 30 days after the warning', { trashWarning: { sentAt: day(760), forDate: day(730) } }, 790, 'trash', 'not-viewed'],
    ['never warned, long overdue: warn first', {}, 900, 'warn-trash', 'trash-date-near'],
    ['viewed after the warning: the warning no longer applies', { lastViewedAt: day(710), trashWarning: { sentAt: day(700), forDate: day(730) } }, 735, 'keep', 'within-retention'],
    ['viewed a year ago', { lastViewedAt: day(400) }, 760, 'keep', 'within-retention'],
    ['extension beyond the trash date', { retainUntil: day(1000) }, 800, 'keep', 'within-retention'],
    ['extension near its end: warn for the extension date', { retainUntil: day(1000) }, 975, 'warn-trash', 'trash-date-near'],
    ['warning for the old date does not cover the extended date', { retainUntil: day(1000), trashWarning: { sentAt: day(700), forDate: day(730) } }, 980, 'warn-trash', 'trash-date-near'],
    ['legal hold, long overdue', { isOnLegalHold: true }, 5000, 'keep', 'legal-hold'],
    ['legal hold in the trash', { isOnLegalHold: true, trashedAt: day(760), purgeWarning: { sentAt: day(910), forDate: day(940) } }, 2000, 'keep', 'legal-hold'],
    ['in the trash, early', { trashedAt: day(760) }, 800, 'keep', 'in-trash'],
    ['in the trash, 30 days before purge: warn', { trashedAt: day(760) }, 910, 'warn-purge', 'purge-date-near'],
    ['in the trash, warned, on the purge date', { trashedAt: day(760), purgeWarning: { sentAt: day(910), forDate: day(940) } }, 940, 'purge', 'trash-expired'],
    ['in the trash, never warned, overdue: warn first', { trashedAt: day(760) }, 1200, 'warn-purge', 'purge-date-near'],
    ['in the trash but viewed recently (bad data): keep', { trashedAt: day(760), lastViewedAt: day(900) }, 1000, 'keep', 'viewed-while-in-trash'],
    ['unpublished upload, never viewed: counts from creation', { publishedAt: null }, 700, 'warn-trash', 'trash-date-near'],
    ['deleted by its owner a week after a view: purge warning 150 days later', { lastViewedAt: day(93), trashedAt: day(100) }, 250, 'warn-purge', 'purge-date-near'],
    ['deleted by its owner, warned: purged 180 days after the delete', { lastViewedAt: day(93), trashedAt: day(100), purgeWarning: { sentAt: day(250), forDate: day(280) } }, 280, 'purge', 'trash-expired'],
  ])('%s', (_name, over, today, action, reason) => {
    const d = decideLifecycle(fresh(over), policy, day(today));
    expect(d.action).toBe(action);
    expect(d.reason).toBe(reason);
  });

  it('announces a trash date at least the warning period away', () => {
    const d = decideLifecycle(fresh(), policy, day(900));
    expect(d).toMatchObject({ action: 'warn-trash', trashOn: day(930), baseDate: day(730) });
  });

  it('honours a shorter site policy', () => {
    const short = { trashAfterDays: 365, purgeAfterDays: 30, warnBeforeTrashDays: 7, warnBeforePurgeDays: 7 };
    expect(decideLifecycle(fresh(), short, day(358)).action).toBe('warn-trash');
    expect(decideLifecycle(fresh(), short, day(357)).action).toBe('keep');
  });
});

// A multi-year simulation with random view histories: the daily sweep applies each decision; the
// properties are what the university's rule promises.
describe('decideLifecycle over years of random histories', () => {
  const history = fc.record({
    views: fc.uniqueArray(fc.integer({ min: 1, max: 2500 }), { maxLength: 12 }),
    extensionUntil: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: null }),
    extensionApprovedOn: fc.integer({ min: 1, max: 2500 }),
    holdFrom: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }),
    sweepEvery: fc.constantFrom(1, 1, 1, 3, 7),
  });

  it('never trashes within two years of a view, warns before every step, and deletes nothing under hold', () => {
    fc.assert(
      fc.property(history, (h) => {
        let s = fresh();
        let purgedOn: number | null = null;
        let lastTrashWarning: number | null = null;
        let lastPurgeWarning: number | null = null;
        for (let today = 1; today <= 3200 && purgedOn === null; today++) {
          // Views happen only while the video is not in the trash (trashed videos do not play).
          if (!s.trashedAt && h.views.includes(today)) s = { ...s, lastViewedAt: day(today) };
          if (h.extensionUntil !== null && today === h.extensionApprovedOn) s = { ...s, retainUntil: day(h.extensionUntil) };
          if (h.holdFrom !== null && today === h.holdFrom) s = { ...s, isOnLegalHold: true };
          if (today % h.sweepEvery !== 0) continue;
          const d = decideLifecycle(s, policy, day(today));
          const lastActivity = Math.max(0, ...h.views.filter((v) => v <= today && (!s.trashedAt || v < (s.trashedAt.getTime() - t0.getTime()) / DAY)));
          if (d.action === 'trash') {
            expect(s.isOnLegalHold).toBe(false);
            expect(today - lastActivity).toBeGreaterThanOrEqual(policy.trashAfterDays);
            if (s.retainUntil) expect(day(today).getTime()).toBeGreaterThanOrEqual(s.retainUntil.getTime());
            expect(lastTrashWarning).not.toBeNull();
            expect(today - lastTrashWarning!).toBeGreaterThanOrEqual(policy.warnBeforeTrashDays);
          }
          if (d.action === 'purge') {
            expect(s.isOnLegalHold).toBe(false);
            const trashedDay = (s.trashedAt!.getTime() - t0.getTime()) / DAY;
            expect(today - trashedDay).toBeGreaterThanOrEqual(policy.purgeAfterDays);
            expect(lastPurgeWarning).not.toBeNull();
            expect(lastPurgeWarning!).toBeGreaterThanOrEqual(trashedDay);
            expect(today - lastPurgeWarning!).toBeGreaterThanOrEqual(policy.warnBeforePurgeDays);
            purgedOn = today;
          }
          if (d.action === 'warn-trash') lastTrashWarning = today;
          if (d.action === 'warn-purge') lastPurgeWarning = today;
          s = applyDecision(s, d, day(today));
        }
        // Liveness: a video that nobody views, with no hold and no extension, is eventually purged.
        if (h.views.length === 0 && h.extensionUntil === null && h.holdFrom === null) expect(purgedOn).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
