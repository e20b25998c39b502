// The owner's side of the lifecycle: the banner on the edit page and the library, the extension request
// form, "My trash" and restore. Mounted before the library routes: the two banner handlers only put
// `lifecycleBanners` into res.locals and pass on to the library's own handlers.
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { isAllowed } from '../auth/permissions.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { loadVideoAccess } from '../videos/videos.service.js';
import { lifecycleBanners } from './banner.js';
import { hasPendingExtension, loadOwnVideo, requestExtension } from './extensions.service.js';
import { addDays, isoDay, parseDay, type LifecycleDeps } from './lifecycle-deps.js';
import { loadLifecycleSettings } from './lifecycle-settings.js';
import { formatDate } from './notices.js';
import { listOwnTrash, restoreVideo } from './trash.service.js';
import { localeOf } from '../http/request-context.js';

const videoIdParam = z.uuid('not a video id');
const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const dayField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (yyyy-mm-dd) is required').refine((s) => !Number.isNaN(parseDay(s).getTime()), 'not a real date');
const extensionForm = z.object({
  justification: z.string().trim().min(10, 'explain the need in at least 10 characters').max(2000),
  until: dayField,
});

export function lifecycleOwnerRoutes(deps: LifecycleDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  // Banner data for pages of the library feature; never answers the request itself.
  r.get('/videos/:videoId/edit', async (req, res, next) => {
    const { actor } = sessionLocals(res);
    const videoId = String(req.params.videoId);
    if (actor.kind !== 'user' || !uuidLike.test(videoId)) return next();
    const access = await loadVideoAccess(deps.db, actor, videoId).catch(() => undefined);
    if (access) res.locals.lifecycleBanners = await lifecycleBanners(deps, actor, { videoId, courseId: access.resource.courseId, locale: localeOf(res) });
    next();
  });
  r.get('/courses/:courseId/videos', async (req, res, next) => {
    const { actor } = sessionLocals(res);
    const courseId = String(req.params.courseId);
    if (actor.kind === 'user' && /^\d{1,18}$/.test(courseId)) {
      res.locals.lifecycleBanners = await lifecycleBanners(deps, actor, { courseId, locale: localeOf(res) });
      res.locals.lifecycleTrashLink = isAllowed(actor, 'video.upload', { kind: 'course', courseId });
    }
    next();
  });

  r.get('/videos/:videoId/extension', async (req, res) => {
    const { actor } = sessionLocals(res);
    const video = await loadOwnVideo(deps, actor, parseInput(videoIdParam, req.params.videoId));
    const settings = await loadLifecycleSettings(deps.db);
    const t = res.locals.t as Translate;
    const now = deps.now();
    await renderPage(res, 'lifecycle/extension-form', {
      title: t('lifecycle.extension.title'),
      video: { id: video.id, title: video.title },
      minDate: isoDay(addDays(now, 1)),
      maxDate: isoDay(addDays(now, settings.maxExtensionDays)),
      maxDays: settings.maxExtensionDays,
      isPending: await hasPendingExtension(deps, video.id),
      sent: req.query.sent === '1',
    });
  });

  r.post('/videos/:videoId/extension', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const videoId = parseInput(videoIdParam, req.params.videoId);
    const input = parseInput(extensionForm, req.body);
    await requestExtension(deps, actor, { videoId, justification: input.justification, until: parseDay(input.until) });
    res.redirect(303, link(`/videos/${videoId}/extension?sent=1`));
  });

  r.get('/lifecycle/trash', async (_req, res) => {
    const { actor } = sessionLocals(res);
    const items = await listOwnTrash(deps, actor);
    const t = res.locals.t as Translate;
    const locale = localeOf(res);
    await renderPage(res, 'lifecycle/my-trash', {
      title: t('lifecycle.trash.title'),
      items: items.map((i) => ({ id: i.id, title: i.title, trashedOn: formatDate(i.trashedAt, locale), purgeOn: i.isHeld ? t('lifecycle.reason.held') : formatDate(i.purgeOn, locale), reason: t(i.isPolicy ? 'lifecycle.reason.policy' : 'lifecycle.reason.manual') })),
    });
  });

  r.post('/lifecycle/trash/:videoId/restore', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    await restoreVideo(deps, actor, parseInput(videoIdParam, req.params.videoId));
    const back = actor.kind === 'user' && actor.isSiteAdmin && req.body?.from === 'admin' ? '/admin/lifecycle/trash' : '/lifecycle/trash';
    res.redirect(303, link(back));
  });
  return r;
}
