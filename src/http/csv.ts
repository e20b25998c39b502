// CSV export helpers shared by every report (lifecycle audit log, caption compliance): RFC 4180 cells,
// with spreadsheet formula injection neutralised.

/** One CSV cell: dates as ISO 8601, objects as JSON, quoted when needed. */
export function csvCell(v: unknown): string {
  // A number is data, not a formula: -6 days left stays -6.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v);
  // Cells starting with = + - @ are neutralised so spreadsheets do not run them as formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (RFC 4180: CRLF-terminated). */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
