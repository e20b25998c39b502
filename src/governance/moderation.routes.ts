// The report form (for anyone who may watch the video) and the admin moderation queue.
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { formatDate } from '../lifecycle/notices.js';
import { dismissReports, listModerationQueue, reportVideo, restoreVideo, showReportForm, takeDownVideo, type ModerationDeps } from './moderation.service.js';
import { reportCategories } from './moderation.tables.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const videoIdParam = z.uuid('not a video id');
const reportForm = z.object({
  category: z.enum(reportCategories, 'choose what the problem is'),
  details: z.string().trim().min(1, 'describe the problem').max(4000, 'at most 4,000 characters'),
});
const decisionForm = z.object({ reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(2000) });
const decisions = { takedown: takeDownVideo, dismiss: dismissReports, restore: restoreVideo } as const;

export function moderationRoutes(deps: ModerationDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb' });

  r.get('/videos/:videoId/report', async (req, res) => {
    const { actor, session } = sessionLocals(res);
    const video = await showReportForm(deps, actor, { videoId: parseInput(videoIdParam, req.params.videoId), embedVideoId: session?.launch.embedVideoId });
    await renderPage(res, 'moderation/report', { title: translatorOf(res)('moderation.report.title'), video, categories: reportCategories, sent: req.query.sent === '1' });
  });

  r.post('/videos/:videoId/report', form, requireCsrf, async (req, res) => {
    const { actor, session, link } = sessionLocals(res);
    const videoId = parseInput(videoIdParam, req.params.videoId);
    const input = parseInput(reportForm, req.body);
    await reportVideo(deps, actor, { videoId, embedVideoId: session?.launch.embedVideoId, ...input });
    res.redirect(303, link(`/videos/${videoId}/report?sent=1`));
  });

  r.get('/admin/moderation', async (req, res) => {
    const queue = await listModerationQueue(deps, sessionLocals(res).actor);
    const t = translatorOf(res);
    const locale = localeOf(res);
    const done = typeof req.query.done === 'string' && req.query.done in decisions ? req.query.done : undefined;
    await renderPage(res, 'moderation/queue', {
      title: t('moderation.queue.title'),
      done,
      items: queue.map((v) => ({
        videoId: v.videoId,
        title: v.title,
        ownerName: v.ownerName,
        hiddenText: v.takedown ? t('moderation.queue.hiddenSince', { date: formatDate(v.takedown.takenDownAt, locale), reason: v.takedown.reason }) : undefined,
        reports: v.reports.map((x) => ({
          id: x.id,
          category: t(`moderation.report.category.${x.category}`),
          details: x.details,
          byText: t('moderation.queue.reportedBy', { name: x.reporterName || t('moderation.queue.reporterErased'), date: formatDate(x.createdAt, locale) }),
        })),
      })),
    });
  });

  for (const [name, decide] of Object.entries(decisions)) {
    r.post(`/admin/moderation/videos/:videoId/${name}`, form, requireCsrf, async (req, res) => {
      const { actor, link } = sessionLocals(res);
      const videoId = parseInput(videoIdParam, req.params.videoId);
      const { reason } = parseInput(decisionForm, req.body);
      await decide(deps, actor, { videoId, reason });
      res.redirect(303, link(`/admin/moderation?done=${name}`));
    });
  }
  return r;
}
