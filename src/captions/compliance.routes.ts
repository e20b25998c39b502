// Caption compliance pages: the course report (teachers and managers) with the course's "automatic
// captions on publish" setting, the site report (admins) with filters, both with CSV export, and the
// admin's caption settings. Text alternatives and exemptions have their own routers, mounted here too.
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import { authorize } from '../auth/authorize.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Logger } from '../logger.js';
import { changeCaptionSettings, readCaptionSettings } from './caption-settings.service.js';
import { captionStatuses } from './compliance-statuses.js';
import { complianceRows, csvOf, CSV_HEADER, summaryView } from './compliance-view.js';
import { listFilterOptions, type ComplianceFilter } from './compliance.repo.js';
import { complianceItems, loadComplianceReport, loadCourseAsrSetting, setCourseAsrSetting, type ReportScope } from './compliance.service.js';
import { exemptionRoutes } from './exemption.routes.js';
import { textAlternativeRoutes } from './text-alternative.routes.js';
import { localeOf, translatorOf } from '../http/request-context.js';

export type CaptionComplianceDeps = { db: Db; now: () => Date; log: Logger; blobStore: BlobStore; publicUrl: string };

const idField = z.string().regex(/^\d{1,18}$/, 'not an id');
const reportQuery = z.object({
  status: z.enum(captionStatuses).or(z.literal('')).optional(),
  overdue: z.literal('1').or(z.literal('')).optional(),
  course: idField.or(z.literal('')).optional(),
  owner: idField.or(z.literal('')).optional(),
  after: z.string().max(400).optional(),
});
const courseAsrForm = z.object({ asr: z.enum(['follow', 'on', 'off'], 'choose follow, on or off') });
const settingsForm = z.object({ deadlineDays: z.string(), remindDaysBefore: z.string(), asrOnPublish: z.enum(['on', 'off'], 'choose on or off') });

function filterOf(q: z.infer<typeof reportQuery>, scope: ReportScope): ComplianceFilter {
  const site = scope.kind === 'site';
  return { status: q.status || undefined, isOverdueOnly: q.overdue === '1', courseId: site ? q.course || undefined : undefined, ownerId: site ? q.owner || undefined : undefined };
}

/** The query string of the current filters (for the CSV link and the next page). */
function queryOf(q: z.infer<typeof reportQuery>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of ['status', 'overdue', 'course', 'owner'] as const) if (q[k]) params.set(k, q[k]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function sendCsv(deps: CaptionComplianceDeps, res: Response, o: { scope: ReportScope; filter: ComplianceFilter; fileName: string }): Promise<void> {
  const items = complianceItems(deps, sessionLocals(res).actor, o);
  const first = await items.next(); // authorizes before any header is sent
  res.type('text/csv; charset=utf-8').attachment(o.fileName);
  res.write(CSV_HEADER);
  if (!first.done) res.write(csvOf(first.value, deps.publicUrl));
  for await (const item of items) res.write(csvOf(item, deps.publicUrl));
  res.end();
}

const form = express.urlencoded({ extended: false, limit: '16kb' });

/** The course's report, its CSV, and the course's "automatic captions on publish" setting. */
function courseComplianceRoutes(deps: CaptionComplianceDeps): Router {
  const r = Router();

  r.get('/courses/:courseId/captions/compliance.csv', async (req, res) => {
    const scope = { kind: 'course', courseId: parseInput(idField, req.params.courseId) } as const;
    await sendCsv(deps, res, { scope, filter: filterOf(parseInput(reportQuery, req.query), scope), fileName: `caption-compliance-course-${scope.courseId}.csv` });
  });
  r.get('/courses/:courseId/captions/compliance', async (req, res) => {
    const { actor } = sessionLocals(res);
    const courseId = parseInput(idField, req.params.courseId);
    const q = parseInput(reportQuery, req.query);
    const scope = { kind: 'course', courseId } as const;
    const report = await loadComplianceReport(deps, actor, { scope, filter: filterOf(q, scope), cursor: q.after });
    const course = await loadCourseAsrSetting(deps, actor, courseId);
    const t = translatorOf(res);
    await renderPage(res, 'captions/compliance', {
      title: t('compliance.title.course', { course: course.title }),
      base: `/courses/${courseId}/captions/compliance`,
      isSite: false,
      intro: t('compliance.intro', { days: report.settings.deadlineDays }),
      summary: summaryView(report, t),
      rows: complianceRows(report.items, t, localeOf(res)),
      query: { status: q.status ?? '', overdue: q.overdue === '1', course: '', owner: '' },
      statuses: captionStatuses.map((s) => ({ value: s, text: t(`compliance.status.${s}`) })),
      csvUrl: `/courses/${courseId}/captions/compliance.csv${queryOf(q)}`,
      nextUrl: report.nextCursor ? `/courses/${courseId}/captions/compliance${queryOf(q, { after: report.nextCursor })}` : null,
      firstUrl: q.after ? `/courses/${courseId}/captions/compliance${queryOf(q)}` : null,
      asr: { action: `/courses/${courseId}/captions/settings`, value: course.asrOnPublish === null ? 'follow' : course.asrOnPublish ? 'on' : 'off', siteText: t(report.settings.asrOnPublish ? 'compliance.asr.on' : 'compliance.asr.off'), saved: req.query.saved === '1' },
    });
  });
  r.post('/courses/:courseId/captions/settings', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const courseId = parseInput(idField, req.params.courseId);
    const input = parseInput(courseAsrForm, req.body);
    await setCourseAsrSetting(deps, actor, { courseId, asrOnPublish: input.asr === 'follow' ? null : input.asr === 'on' });
    res.redirect(303, link(`/courses/${courseId}/captions/compliance?saved=1`));
  });
  return r;
}

/** The site report (admins), its CSV, and the site's caption settings. */
function siteComplianceRoutes(deps: CaptionComplianceDeps): Router {
  const r = Router();
  r.get('/admin/captions/compliance.csv', async (req, res) => {
    const scope = { kind: 'site' } as const;
    await sendCsv(deps, res, { scope, filter: filterOf(parseInput(reportQuery, req.query), scope), fileName: 'caption-compliance.csv' });
  });
  r.get('/admin/captions/compliance', async (req, res) => {
    const { actor } = sessionLocals(res);
    const q = parseInput(reportQuery, req.query);
    const scope = { kind: 'site' } as const;
    const report = await loadComplianceReport(deps, actor, { scope, filter: filterOf(q, scope), cursor: q.after });
    const t = translatorOf(res);
    await renderPage(res, 'captions/compliance', {
      title: t('compliance.title.site'),
      base: '/admin/captions/compliance',
      isSite: true,
      intro: t('compliance.intro', { days: report.settings.deadlineDays }),
      summary: summaryView(report, t),
      rows: complianceRows(report.items, t, localeOf(res)),
      query: { status: q.status ?? '', overdue: q.overdue === '1', course: q.course ?? '', owner: q.owner ?? '' },
      statuses: captionStatuses.map((s) => ({ value: s, text: t(`compliance.status.${s}`) })),
      options: await listFilterOptions(deps.db),
      csvUrl: `/admin/captions/compliance.csv${queryOf(q)}`,
      nextUrl: report.nextCursor ? `/admin/captions/compliance${queryOf(q, { after: report.nextCursor })}` : null,
      firstUrl: q.after ? `/admin/captions/compliance${queryOf(q)}` : null,
      asr: null,
    });
  });

  r.get('/admin/captions/settings', async (req, res) => {
    const settings = await readCaptionSettings(deps.db, sessionLocals(res).actor);
    await renderPage(res, 'captions/compliance-settings', { title: translatorOf(res)('compliance.settings.title'), settings, saved: req.query.saved === '1' });
  });
  r.post('/admin/captions/settings', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    authorize(actor, 'admin.site', { kind: 'site' });
    const input = parseInput(settingsForm, req.body);
    const next = await changeCaptionSettings(deps, actor, { deadlineDays: input.deadlineDays, remindDaysBefore: input.remindDaysBefore, asrOnPublish: input.asrOnPublish === 'on' });
    deps.log.info({ settings: next }, 'caption settings changed');
    res.redirect(303, link('/admin/captions/settings?saved=1'));
  });
  return r;
}

/** Every route of C3's caption compliance feature, as one router for app.ts. */
export function captionComplianceRoutes(deps: CaptionComplianceDeps): Router {
  const r = Router();
  r.use(courseComplianceRoutes(deps));
  r.use(siteComplianceRoutes(deps));
  r.use(textAlternativeRoutes(deps));
  r.use(exemptionRoutes(deps));
  return r;
}
