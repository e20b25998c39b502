// Admin reports of the lifecycle: the dry run (what the next sweep would do), the audit log with filters
// and CSV export, and the site policy form.
import express, { Router } from 'express';
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { auditCsv, listAuditEvents } from './audit.service.js';
import { actorUserId, addDays, ldb, parseDay, type LifecycleDeps } from './lifecycle-deps.js';
import { insertEvent } from './lifecycle.repo.js';
import { lifecycleSettingsSchema, loadLifecycleSettings, saveLifecycleSettings } from './lifecycle-settings.js';
import { lifecycleActions } from './lifecycle.tables.js';
import { formatDate } from './notices.js';
import { dayField } from './owner.routes.js';
import { dryRunSweep, stepActions } from './sweep.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const auditQuery = z.object({
  action: z.enum(lifecycleActions).or(z.literal('')).optional(),
  video: z.uuid('not a video id').or(z.literal('')).optional(),
  from: dayField.or(z.literal('')).optional(),
  to: dayField.or(z.literal('')).optional(),
  format: z.enum(['html', 'csv']).optional(),
});
export const policyFields = ['trashAfterDays', 'purgeAfterDays', 'warnBeforeTrashDays', 'warnBeforePurgeDays', 'maxExtensionDays', 'maxWarningsPerRun', 'maxTrashesPerRun', 'maxPurgesPerRun'] as const;

export function lifecycleReportRoutes(deps: LifecycleDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/admin/lifecycle/dry-run', async (_req, res) => {
    authorize(sessionLocals(res).actor, 'admin.site', { kind: 'site' });
    const report = await dryRunSweep({ db: ldb(deps) }, { settings: await loadLifecycleSettings(deps.db), now: deps.now(), listLimit: 500 });
    const locale = localeOf(res);
    await renderPage(res, 'lifecycle/dry-run', {
      title: translatorOf(res)('lifecycle.admin.dryRun'),
      counts: stepActions.map((a) => ({ action: a, count: report.counts[a] })),
      deferred: stepActions.reduce((n, a) => n + report.deferred[a], 0),
      total: stepActions.reduce((n, a) => n + report.counts[a], 0),
      steps: report.steps.map((s) => ({ ...s, dateText: s.date ? formatDate(s.date, locale) : '' })),
    });
  });

  r.get('/admin/lifecycle/audit', async (req, res) => {
    const { actor } = sessionLocals(res);
    const q = parseInput(auditQuery, req.query);
    const filter = { action: q.action || undefined, videoId: q.video || undefined, from: q.from ? parseDay(q.from) : undefined, to: q.to ? addDays(parseDay(q.to), 1) : undefined };
    if (q.format === 'csv') {
      const lines = auditCsv(deps, actor, filter);
      const first = await lines.next(); // authorizes before any header is sent
      res.type('text/csv; charset=utf-8').attachment('lifecycle-audit.csv');
      if (!first.done) res.write(first.value);
      for await (const line of lines) res.write(line);
      res.end();
      return;
    }
    const events = await listAuditEvents(deps, actor, filter);
    const locale = localeOf(res);
    await renderPage(res, 'lifecycle/audit', {
      title: translatorOf(res)('lifecycle.admin.audit'),
      actions: lifecycleActions,
      query: { action: q.action ?? '', video: q.video ?? '', from: q.from ?? '', to: q.to ?? '' },
      events: events.map((e) => ({ ...e, atText: `${formatDate(e.at, locale)} ${e.at.toISOString().slice(11, 16)} UTC` })),
    });
  });

  r.get('/admin/lifecycle/policy', async (req, res) => {
    authorize(sessionLocals(res).actor, 'admin.site', { kind: 'site' });
    const settings = await loadLifecycleSettings(deps.db);
    await renderPage(res, 'lifecycle/policy', { title: translatorOf(res)('lifecycle.admin.policy'), fields: policyFields.map((name) => ({ name, value: settings[name] })), saved: req.query.saved === '1' });
  });
  r.post('/admin/lifecycle/policy', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    authorize(actor, 'admin.site', { kind: 'site' });
    const before = await loadLifecycleSettings(deps.db);
    const next = parseInput(lifecycleSettingsSchema, { ...before, ...(req.body as Record<string, unknown>) });
    await saveLifecycleSettings(deps.db, next);
    await insertEvent(ldb(deps), { videoId: null, ownerId: null, action: 'policy-changed', reason: 'admin', actorId: actorUserId(actor), at: deps.now(), details: { before, after: next } });
    deps.log.info({ before, after: next }, 'lifecycle policy changed');
    res.redirect(303, link('/admin/lifecycle/policy?saved=1'));
  });
  return r;
}
