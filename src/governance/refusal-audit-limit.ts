// Refused launches and logins come from anyone on the internet, so their audit rows must not let a
// flood of forged requests fill the audit log. Per client address, and for the whole process, only the
// first refusals of each minute are written to the audit log; the rest are still refused and still go
// to the request log, which says how many audit rows were skipped.
export type RefusalAuditLimit = {
  /** true: write this refusal's audit row; false: skip it (it is still refused and logged). */
  allow: (ip: string) => boolean;
};

export const REFUSAL_AUDITS_PER_IP_PER_MINUTE = 30;
export const REFUSAL_AUDITS_PER_MINUTE = 600;

export function createRefusalAuditLimit(opts: { now: () => number; perIp?: number; total?: number }): RefusalAuditLimit {
  const perIp = opts.perIp ?? REFUSAL_AUDITS_PER_IP_PER_MINUTE;
  const total = opts.total ?? REFUSAL_AUDITS_PER_MINUTE;
  let window = -1;
  let counts = new Map<string, number>();
  let written = 0;
  return {
    allow(ip) {
      const minute = Math.floor(opts.now() / 60_000);
      if (minute !== window) {
        // A new minute starts from zero; the map never holds more than one minute of addresses.
        window = minute;
        counts = new Map();
        written = 0;
      }
      const n = (counts.get(ip) ?? 0) + 1;
      counts.set(ip, n);
      if (n > perIp || written >= total) return false;
      written++;
      return true;
    },
  };
}
