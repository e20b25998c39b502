// The site audit log for admins: filters, keyset pages, and a CSV export streamed in batches. Lifecycle
// steps keep their own log and page (/admin/lifecycle/audit), linked from this one rather than merged:
// their rows carry video titles and owners that this table does not, and a union would need one keyset
// over two id sequences.
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { csvLine } from '../http/csv.js';
import { parseInput } from '../http/validate.js';
import { auditActions } from './audit.js';
import { queryAuditLog, type AuditLogFilter, type AuditLogRow } from './audit-log.repo.js';

export const AUDIT_PAGE_SIZE = 50;
const CSV_BATCH = 1000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real date');
const blank = z.literal('');
export const auditLogQuery = z.object({
  action: z.enum(auditActions).or(blank).optional(),
  actor: z.string().trim().regex(/^(\d{1,18}|system)$/, 'must be a user id or "system"').or(blank).optional(),
  subject: z.string().trim().regex(/^[a-z]{1,20}(:[\w.-]{1,100})?$/, 'must be kind or kind:id, for example video:42').or(blank).optional(),
  from: day.or(blank).optional(),
  to: day.or(blank).optional(),
  before: z.string().regex(/^\d{1,18}$/, 'must be an event id').optional(),
  format: z.enum(['html', 'csv']).optional(),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

/** The query string as a filter: `to` includes its whole day. */
export function toAuditFilter(q: AuditLogQuery): AuditLogFilter {
  const [subjectKind, subjectId] = q.subject ? q.subject.split(':') : [];
  return {
    action: q.action || undefined,
    actorId: q.actor || undefined,
    subjectKind: subjectKind || undefined,
    subjectId: subjectId || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

export function parseAuditLogQuery(input: unknown): AuditLogQuery {
  return parseInput(auditLogQuery, input);
}

/** One page and the cursor of the next (older) page, if there is one. */
export async function readAuditPage(deps: { db: Db }, actor: Actor, q: AuditLogQuery): Promise<{ events: AuditLogRow[]; nextBefore: string | undefined }> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const rows = await queryAuditLog(deps.db, toAuditFilter(q), { beforeId: q.before, limit: AUDIT_PAGE_SIZE + 1 });
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  return { events, nextBefore: rows.length > AUDIT_PAGE_SIZE ? events.at(-1)?.id : undefined };
}

/** Every matching event as CSV lines (RFC 4180), newest first; authorizes before the header. */
export async function* auditLogCsv(deps: { db: Db }, actor: Actor, q: AuditLogQuery): AsyncGenerator<string> {
  authorize(actor, 'admin.site', { kind: 'site' });
  yield csvLine(['id', 'at', 'action', 'actor_id', 'actor', 'subject_kind', 'subject_id', 'reason', 'details', 'ip']);
  const filter = toAuditFilter(q);
  let beforeId = q.before;
  for (;;) {
    const rows = await queryAuditLog(deps.db, filter, { beforeId, limit: CSV_BATCH });
    for (const r of rows) yield csvLine([r.id, r.at, r.action, r.actorId, r.actorName ?? (r.actorId ? '' : 'system'), r.subjectKind, r.subjectId, r.reason, r.details, r.ip]);
    if (rows.length < CSV_BATCH) return;
    beforeId = rows.at(-1)?.id;
  }
}
