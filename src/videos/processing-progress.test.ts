import { createProgressWriter } from './processing-progress.js';

describe('createProgressWriter', () => {
  it('writes at most once per interval, only increasing percents, one write at a time', async () => {
    let now = 0;
    const written: number[] = [];
    let active = 0;
    let maxActive = 0;
    const w = createProgressWriter({
      write: async (p) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        written.push(p);
        active--;
      },
      nowMs: () => now,
      minIntervalMs: 1000,
      onError: () => undefined,
    });
    for (const [t, p] of [[0, 1], [200, 5], [999, 9], [1000, 12], [1500, 20], [2100, 20], [2200, 18], [3300, 40]] as const) {
      now = t;
      w.report(p);
    }
    await w.flush();
    expect(written).toEqual([1, 12, 20, 40]);
    expect(maxActive).toBe(1);
  });

  it('reports a failed write and keeps going', async () => {
    const errors: unknown[] = [];
    let now = 0;
    const w = createProgressWriter({ write: async () => Promise.reject(new Error('db down')), nowMs: () => now, minIntervalMs: 0, onError: (e) => errors.push(e) });
    w.report(1);
    now = 1;
    w.report(2);
    await w.flush();
    expect(errors).toHaveLength(2);
  });
});
