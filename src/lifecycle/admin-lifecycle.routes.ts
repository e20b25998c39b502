// Admin pages of the lifecycle: overview, extension queue, trash browser with "purge now" (after a
// confirmation page), legal holds. The dry run, audit log and policy are in admin-reports.routes.ts.
import express, { Router } from 'express';
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { decideExtension, listPendingExtensions } from './extensions.service.js';
import { listHolds, setOwnerHold, setVideoHold } from './holds.service.js';
import { isoDay, parseDay, type LifecycleDeps } from './lifecycle-deps.js';
import { formatDate } from './notices.js';
import { dayField } from './owner.routes.js';
import { listTrashForAdmin, loadPurgeConfirmation, purgeNow } from './trash.service.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const videoIdParam = z.uuid('not a video id');
const requestIdParam = z.string().regex(/^\d{1,18}$/, 'not a request id');
const approveForm = z.object({ until: dayField });
const refuseForm = z.object({ reason: z.string().trim().min(3, 'give the owner a reason (at least 3 characters)').max(2000) });
const holdReason = z.string().trim().min(3, 'give a reason for the audit (at least 3 characters)').max(2000);
const videoHoldForm = z.object({ videoId: z.uuid('not a video id'), reason: holdReason, hold: z.enum(['on', 'off']) });
const ownerHoldForm = z.object({ ownerId: z.string().trim().regex(/^\d{1,18}$/, 'not a user id'), reason: holdReason, hold: z.enum(['on', 'off']) });

export function lifecycleAdminRoutes(deps: LifecycleDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/admin/lifecycle', async (_req, res) => {
    authorize(sessionLocals(res).actor, 'admin.site', { kind: 'site' });
    await renderPage(res, 'lifecycle/admin-index', { title: translatorOf(res)('lifecycle.admin.title') });
  });

  r.get('/admin/lifecycle/extensions', async (_req, res) => {
    const items = await listPendingExtensions(deps, sessionLocals(res).actor);
    const locale = localeOf(res);
    await renderPage(res, 'lifecycle/admin-extensions', {
      title: translatorOf(res)('lifecycle.admin.extensions'),
      items: items.map((i) => ({ id: i.id, videoId: i.videoId, title: i.title, ownerName: i.ownerName, justification: i.justification, requestedText: formatDate(i.requestedUntil, locale), requestedDay: isoDay(i.requestedUntil) })),
    });
  });
  r.post('/admin/lifecycle/extensions/:id/approve', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const input = parseInput(approveForm, req.body);
    await decideExtension(deps, actor, { requestId: parseInput(requestIdParam, req.params.id), approve: true, until: parseDay(input.until) });
    res.redirect(303, link('/admin/lifecycle/extensions'));
  });
  r.post('/admin/lifecycle/extensions/:id/refuse', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const input = parseInput(refuseForm, req.body);
    await decideExtension(deps, actor, { requestId: parseInput(requestIdParam, req.params.id), approve: false, reason: input.reason });
    res.redirect(303, link('/admin/lifecycle/extensions'));
  });

  r.get('/admin/lifecycle/trash', async (_req, res) => {
    const items = await listTrashForAdmin(deps, sessionLocals(res).actor);
    const t = translatorOf(res);
    const locale = localeOf(res);
    await renderPage(res, 'lifecycle/admin-trash', {
      title: t('lifecycle.admin.trash'),
      items: items.map((i) => ({ id: i.id, title: i.title, ownerName: i.ownerName, trashedOn: formatDate(i.trashedAt, locale), purgeOn: i.isHeld ? t('lifecycle.reason.held') : formatDate(i.purgeOn, locale), reason: t(i.isPolicy ? 'lifecycle.reason.policy' : 'lifecycle.reason.manual'), isHeld: i.isHeld })),
    });
  });
  r.get('/admin/lifecycle/trash/:videoId/purge', async (req, res) => {
    const video = await loadPurgeConfirmation(deps, sessionLocals(res).actor, parseInput(videoIdParam, req.params.videoId));
    await renderPage(res, 'lifecycle/purge-confirm', { title: translatorOf(res)('lifecycle.purge.confirmTitle', { title: video.title }), video });
  });
  r.post('/admin/lifecycle/trash/:videoId/purge', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    await purgeNow(deps, actor, parseInput(videoIdParam, req.params.videoId));
    res.redirect(303, link('/admin/lifecycle/trash'));
  });

  r.get('/admin/lifecycle/holds', async (_req, res) => {
    const holds = await listHolds(deps, sessionLocals(res).actor);
    const locale = localeOf(res);
    await renderPage(res, 'lifecycle/admin-holds', { title: translatorOf(res)('lifecycle.admin.holds'), videos: holds.videos, owners: holds.owners.map((o) => ({ ...o, placedOn: formatDate(o.placedAt, locale) })) });
  });
  r.post('/admin/lifecycle/holds/video', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const input = parseInput(videoHoldForm, req.body);
    await setVideoHold(deps, actor, { videoId: input.videoId, isOn: input.hold === 'on', reason: input.reason });
    res.redirect(303, link('/admin/lifecycle/holds'));
  });
  r.post('/admin/lifecycle/holds/owner', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const input = parseInput(ownerHoldForm, req.body);
    await setOwnerHold(deps, actor, { ownerId: input.ownerId, isOn: input.hold === 'on', reason: input.reason });
    res.redirect(303, link('/admin/lifecycle/holds'));
  });
  return r;
}
