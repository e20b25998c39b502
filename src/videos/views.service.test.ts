import { clampWatched } from './views.service.js';

describe('clampWatched', () => {
  it.each([
    // reported, previous, elapsed, duration → believed
    [3, 0, 0, 60, 3],
    [5000, 0, 0, 60, 15],
    [5000, 0, 1000, 60, 60],
    [2, 8, 30, 60, 8],
    [40, 0, 10, 60, 35],
    [10, 0, 100, null, 10],
    [0, 0, -5, 60, 0],
  ])('reported %s, previous %s, %s s since start, duration %s → %s', (reported, previous, elapsedSeconds, durationSeconds, expected) => {
    expect(clampWatched({ reported, previous, elapsedSeconds, durationSeconds })).toBe(expected);
  });
});
