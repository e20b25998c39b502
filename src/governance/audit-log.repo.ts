// SQL of the audit log page: filtered keyset pages, newest first (id order is insertion order).
import type { Db } from '../db/database.js';

export type AuditLogFilter = { action?: string; actorId?: string | 'system'; subjectKind?: string; subjectId?: string; from?: Date; to?: Date };
export type AuditLogRow = { id: string; at: Date; action: string; actorId: string | null; actorName: string | null; subjectKind: string | null; subjectId: string | null; reason: string; details: unknown; ip: string | null };

export async function queryAuditLog(db: Db, f: AuditLogFilter, page: { beforeId?: string; limit: number }): Promise<AuditLogRow[]> {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.action', 'e.actor_id', 'u.name as actor_name', 'e.subject_kind', 'e.subject_id', 'e.reason', 'e.details', 'e.ip']);
  if (f.action) q = q.where('e.action', '=', f.action);
  if (f.actorId === 'system') q = q.where('e.actor_id', 'is', null);
  else if (f.actorId) q = q.where('e.actor_id', '=', f.actorId);
  if (f.subjectKind) q = q.where('e.subject_kind', '=', f.subjectKind);
  if (f.subjectId) q = q.where('e.subject_id', '=', f.subjectId);
  if (f.from) q = q.where('e.at', '>=', f.from);
  if (f.to) q = q.where('e.at', '<', f.to);
  if (page.beforeId) q = q.where('e.id', '<', page.beforeId);
  const rows = await q.orderBy('e.id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actorId: r.actor_id,
    actorName: r.actor_name,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    reason: r.reason,
    details: r.details,
    ip: r.ip,
  }));
}
