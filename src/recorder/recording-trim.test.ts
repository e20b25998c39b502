import { checkTrim, trimArgs } from './recording-trim.js';

describe('checkTrim', () => {
  test.each([
    ['nothing asked', { recordedMs: 5000 }, { ok: true, trim: null }],
    ['start 0, end at the length', { recordedMs: 5000, trimStartMs: 0, trimEndMs: 5000 }, { ok: true, trim: null }],
    ['end a few frames short of the length counts as the end', { recordedMs: 5000, trimEndMs: 4950 }, { ok: true, trim: null }],
    ['end past the length', { recordedMs: 5000, trimEndMs: 9000 }, { ok: true, trim: null }],
    ['start only', { recordedMs: 5000, trimStartMs: 1000 }, { ok: true, trim: { startMs: 1000, endMs: null } }],
    ['end only', { recordedMs: 5000, trimEndMs: 3000 }, { ok: true, trim: { startMs: 0, endMs: 3000 } }],
    ['both, rounded', { recordedMs: 5000, trimStartMs: 1000.4, trimEndMs: 3999.6 }, { ok: true, trim: { startMs: 1000, endMs: 4000 } }],
    ['negative start is 0', { recordedMs: 5000, trimStartMs: -20, trimEndMs: 3000 }, { ok: true, trim: { startMs: 0, endMs: 3000 } }],
  ])('%s', (_name, req, expected) => {
    expect(checkTrim(req)).toEqual(expected);
  });

  test.each([
    ['end before start', { recordedMs: 5000, trimStartMs: 3000, trimEndMs: 2000 }, /after its start/],
    ['end equals start', { recordedMs: 5000, trimStartMs: 2000, trimEndMs: 2000 }, /after its start/],
    ['keeps too little', { recordedMs: 5000, trimStartMs: 2000, trimEndMs: 2300 }, /keeps less than 0.5 s/],
    ['start at the very end', { recordedMs: 5000, trimStartMs: 4800 }, /keeps less/],
  ])('refuses %s', (_name, req, message) => {
    const r = checkTrim(req);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(message);
  });
});

test('trimArgs seeks on the input and limits the length only when an end is set', () => {
  const withEnd = trimArgs({ input: 'in.webm', output: 'out.mkv', trim: { startMs: 1500, endMs: 4000 } });
  expect(withEnd.join(' ')).toContain('-ss 1.500 -i in.webm -t 2.500');
  const toEnd = trimArgs({ input: 'in.webm', output: 'out.mkv', trim: { startMs: 1500, endMs: null } });
  expect(toEnd).not.toContain('-t');
  expect(toEnd.at(-1)).toBe('out.mkv');
});
