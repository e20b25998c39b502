// A person's data page and download, and the admin privacy pages: storage region, people, export, erasure.
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { eraseUser, exportMyData, exportUserData, setStorageRegion, showMyPrivacy, showPrivacyAdmin, showUserPrivacy, type PrivacyDeps, type UserExport } from './privacy.service.js';
import { translatorOf } from '../http/request-context.js';

const userIdParam = z.string().regex(/^\d{1,18}$/, 'not a user id');
const searchQuery = z.object({ q: z.string().trim().max(200).optional() });
const userQuery = searchQuery.extend({ transferred: z.coerce.number().int().min(0).optional(), erased: z.literal('1').optional() });
const regionForm = z.object({ storageRegion: z.string().trim().max(200, 'at most 200 characters') });
const eraseForm = z
  .object({
    videos: z.enum(['transfer', 'trash'], 'choose what happens to the videos'),
    toUserId: userIdParam.or(z.literal('')).optional(),
    confirm: z.literal('on', 'tick the box to confirm the erasure'),
  })
  .refine((f) => f.videos === 'trash' || !!f.toUserId, { message: 'choose who receives the videos', path: ['toUserId'] });

function sendExport(res: Response, data: UserExport): void {
  res.attachment(`luento-data-${data.profile.id}.json`).type('application/json').send(JSON.stringify(data, null, 2));
}

export function privacyRoutes(deps: PrivacyDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/privacy', async (_req, res) => {
    const page = await showMyPrivacy(deps, sessionLocals(res).actor);
    await renderPage(res, 'privacy/my-data', { title: translatorOf(res)('privacy.mine.title'), ...page });
  });
  r.get('/privacy/export', async (_req, res) => sendExport(res, await exportMyData(deps, sessionLocals(res).actor)));

  r.get('/admin/privacy', async (req, res) => {
    const q = parseInput(searchQuery, req.query);
    const page = await showPrivacyAdmin(deps, sessionLocals(res).actor, q.q || undefined);
    await renderPage(res, 'privacy/admin', { title: translatorOf(res)('privacy.admin.title'), ...page, search: q.q ?? '', saved: req.query.saved === '1' });
  });
  r.post('/admin/privacy/region', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    await setStorageRegion(deps, actor, parseInput(regionForm, req.body).storageRegion);
    res.redirect(303, link('/admin/privacy?saved=1'));
  });

  r.get('/admin/privacy/users/:userId', async (req, res) => {
    const q = parseInput(userQuery, req.query);
    const page = await showUserPrivacy(deps, sessionLocals(res).actor, { userId: parseInput(userIdParam, req.params.userId), search: q.q || undefined });
    await renderPage(res, 'privacy/user', { title: translatorOf(res)('privacy.user.title'), ...page, search: q.q ?? '', transferred: q.transferred, erased: q.erased === '1' });
  });
  r.get('/admin/privacy/users/:userId/export', async (req, res) => sendExport(res, await exportUserData(deps, sessionLocals(res).actor, parseInput(userIdParam, req.params.userId))));
  r.post('/admin/privacy/users/:userId/erase', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const userId = parseInput(userIdParam, req.params.userId);
    const input = parseInput(eraseForm, req.body);
    await eraseUser(deps, actor, { userId, videos: input.videos, toUserId: input.toUserId || undefined });
    req.log.info({ userId, videos: input.videos }, 'user erased');
    res.redirect(303, link(`/admin/privacy/users/${userId}?erased=1`));
  });
  return r;
}
