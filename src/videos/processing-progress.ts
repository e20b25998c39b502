// Pure-ish: turns the transcoder's whole-percent callbacks into database writes at most once per
// interval (design: "at most once a second"), one write at a time, never going backwards.
export type ProgressWriter = {
  report: (percent: number) => void;
  /** Waits for the write in flight, so nothing is written after the job has moved on. */
  flush: () => Promise<void>;
};

export function createProgressWriter(opts: { write: (percent: number) => Promise<void>; nowMs: () => number; minIntervalMs: number; onError: (err: unknown) => void }): ProgressWriter {
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let lastWritten = -1;
  let inFlight: Promise<void> = Promise.resolve();
  return {
    report(percent) {
      const now = opts.nowMs();
      if (percent <= lastWritten || now - lastWriteAt < opts.minIntervalMs) return;
      lastWriteAt = now;
      lastWritten = percent;
      inFlight = inFlight.then(() => opts.write(percent)).catch(opts.onError);
    },
    flush: () => inFlight,
  };
}
