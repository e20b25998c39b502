import { createRefusalAuditLimit } from './refusal-audit-limit.js';

it('allows the first refusals per address and per minute, then skips, and starts again next minute', () => {
  let now = Date.UTC(2026, 10, 29, 12, 0, 0);
  const limit = createRefusalAuditLimit({ now: () => now, perIp: 3, total: 5 });
  const a = Array.from({ length: 5 }, () => limit.allow('10.0.0.1'));
  expect(a).toEqual([true, true, true, false, false]);
  // Another address has its own allowance, within the process-wide total (5: three used above).
  expect([limit.allow('10.0.0.2'), limit.allow('10.0.0.2'), limit.allow('10.0.0.3')]).toEqual([true, true, false]);
  now += 60_000;
  expect(limit.allow('10.0.0.1')).toBe(true);
});
