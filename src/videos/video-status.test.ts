import { canTransition, assertTransition } from './video-status.js';
import { videoStatuses, type VideoStatus } from './videos.tables.js';

const allowed: Array<[VideoStatus, VideoStatus]> = [
  ['uploading', 'processing'],
  ['uploading', 'failed'],
  ['processing', 'ready'],
  ['processing', 'failed'],
  ['processing', 'processing'],
  ['ready', 'published'],
  ['ready', 'processing'],
  ['published', 'ready'],
  ['failed', 'processing'],
];

describe('video status transitions', () => {
  const pairs = videoStatuses.flatMap((from) => videoStatuses.map((to) => [from, to] as [VideoStatus, VideoStatus]));
  it.each(pairs)('%s → %s', (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(/cannot become/);
  });
});
