// GET /admin/audit: the site audit log with filters and keyset pages, or (format=csv) all of it as CSV.
import { Router } from 'express';
import { sessionLocals } from '../auth/session.middleware.js';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import { auditActions } from './audit.js';
import { auditLogCsv, parseAuditLogQuery, readAuditPage, type AuditLogQuery } from './audit-log.service.js';
import { translatorOf } from '../http/request-context.js';

function pageLink(q: AuditLogQuery, before: string | undefined): string {
  const p = new URLSearchParams();
  for (const k of ['action', 'actor', 'subject', 'from', 'to'] as const) if (q[k]) p.set(k, q[k]);
  if (before) p.set('before', before);
  const s = p.toString();
  return `/admin/audit${s ? `?${s}` : ''}`;
}

export function auditLogRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/admin/audit', async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const q = parseAuditLogQuery(req.query);
    if (q.format === 'csv') {
      const lines = auditLogCsv(deps, actor, q);
      const first = await lines.next(); // authorizes before any header is sent
      res.type('text/csv; charset=utf-8').attachment('audit-log.csv');
      if (!first.done) res.write(first.value);
      for await (const line of lines) res.write(line);
      res.end();
      return;
    }
    const { events, nextBefore } = await readAuditPage(deps, actor, q);
    await renderPage(res, 'audit/index', {
      title: translatorOf(res)('audit.title'),
      actions: auditActions,
      query: { action: q.action ?? '', actor: q.actor ?? '', subject: q.subject ?? '', from: q.from ?? '', to: q.to ?? '' },
      events: events.map((e) => ({
        ...e,
        atText: `${e.at.toISOString().slice(0, 10)} ${e.at.toISOString().slice(11, 19)} UTC`,
        subjectText: e.subjectKind ? `${e.subjectKind}:${e.subjectId ?? ''}` : '',
        detailsText: e.details && typeof e.details === 'object' && Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : '',
      })),
      olderLink: nextBefore ? link(pageLink(q, nextBefore)) : '',
      newestLink: q.before ? link(pageLink(q, undefined)) : '',
    });
  });
  return r;
}
