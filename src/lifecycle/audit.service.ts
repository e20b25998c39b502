// The lifecycle audit log: filters, keyset pages for the page, and a CSV export streamed in batches.
import { authorize } from '../auth/authorize.js';
import { csvCell } from '../http/csv.js';
import type { Actor } from '../auth/permissions.js';
import { ldb, type LifecycleDeps } from './lifecycle-deps.js';
import type { LifecycleAction } from './lifecycle.tables.js';

export type AuditFilter = { action?: LifecycleAction; videoId?: string; from?: Date; to?: Date };
export type AuditRow = { id: string; at: Date; action: LifecycleAction; videoId: string | null; videoTitle: string; ownerName: string | null; actorName: string | null; reason: string; details: unknown };

async function queryEvents(deps: LifecycleDeps, f: AuditFilter, o: { beforeId?: string; limit: number }): Promise<AuditRow[]> {
  let q = ldb(deps)
    .selectFrom('lifecycle_events as e')
    .leftJoin('users as o', 'o.id', 'e.owner_id')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.action', 'e.video_id', 'e.video_title', 'o.name as owner_name', 'a.name as actor_name', 'e.reason', 'e.details']);
  if (f.action) q = q.where('e.action', '=', f.action);
  if (f.videoId) q = q.where('e.video_id', '=', f.videoId);
  if (f.from) q = q.where('e.at', '>=', f.from);
  if (f.to) q = q.where('e.at', '<', f.to);
  if (o.beforeId) q = q.where('e.id', '<', o.beforeId);
  const rows = await q.orderBy('e.id', 'desc').limit(o.limit).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, videoId: r.video_id, videoTitle: r.video_title, ownerName: r.owner_name, actorName: r.actor_name, reason: r.reason, details: r.details }));
}

export async function listAuditEvents(deps: LifecycleDeps, actor: Actor, f: AuditFilter, limit = 200): Promise<AuditRow[]> {
  authorize(actor, 'admin.site', { kind: 'site' });
  return queryEvents(deps, f, { limit });
}

/** Every matching event as CSV lines (RFC 4180), newest first, read 1,000 at a time. */
export async function* auditCsv(deps: LifecycleDeps, actor: Actor, f: AuditFilter): AsyncGenerator<string> {
  authorize(actor, 'admin.site', { kind: 'site' });
  yield 'at,action,video_id,video_title,owner,actor,reason,details\r\n';
  let beforeId: string | undefined;
  for (;;) {
    const rows = await queryEvents(deps, f, { beforeId, limit: 1000 });
    for (const r of rows) yield `${[r.at, r.action, r.videoId, r.videoTitle, r.ownerName, r.actorName ?? 'system', r.reason, r.details].map(csvCell).join(',')}\r\n`;
    if (rows.length < 1000) return;
    beforeId = rows.at(-1)!.id;
  }
}
