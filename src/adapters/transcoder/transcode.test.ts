import { createProgressParser } from './transcode.js';

describe('createProgressParser', () => {
  it('reports whole increasing percents of out_time_us over the duration, and 100 only at the end', () => {
    const seen: number[] = [];
    const feed = createProgressParser(10, (p) => seen.push(p));
    ['frame=1', 'out_time_us=N/A', 'out_time_us=0', 'out_time_us=2500000', 'out_time_us=2500001', 'out_time_us=9999999', 'out_time_us=12000000', 'progress=continue', 'progress=end']
      .forEach(feed);
    expect(seen).toEqual([0, 25, 99, 100]);
  });
});
