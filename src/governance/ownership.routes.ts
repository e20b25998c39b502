// A video's ownership page (owner, co-editors, rights statement, a takedown's reason) and its forms, and the
// admin's bulk transfer of a departed user's videos.
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { formatDate } from '../lifecycle/notices.js';
import { attestVideo } from './attestation.service.js';
import { addCoEditor, removeCoEditor, showOwnership, transferAllVideos, transferOwnership, type OwnershipDeps } from './ownership.service.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const videoIdParam = z.uuid('not a video id');
const userId = z.string().regex(/^\d{1,18}$/, 'not a user id');
const pageQuery = z.object({ q: z.string().trim().max(200).optional(), done: z.enum(['added', 'removed', 'transferred', 'attested']).optional() });
const editorForm = z.object({ userId });
const transferForm = z.object({ userId, keepAsEditor: z.literal('on').optional() });
const attestForm = z.object({ attestsRightsAndConsent: z.literal('on').optional(), attestationVersion: z.string().max(40).optional() });
const bulkForm = z.object({ toUserId: userId, reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(2000) });

export function ownershipRoutes(deps: OwnershipDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const videoIdOf = (params: Record<string, unknown>) => parseInput(videoIdParam, params.videoId);

  r.get('/videos/:videoId/ownership', async (req, res) => {
    const q = parseInput(pageQuery, req.query);
    const locale = localeOf(res);
    const view = await showOwnership(deps, sessionLocals(res).actor, { videoId: videoIdOf(req.params), search: q.q || undefined, locale });
    await renderPage(res, 'ownership/video', {
      title: translatorOf(res)('ownership.title', { title: view.video.title }),
      ...view,
      attestations: view.attestations.map((a) => ({ ...a, dateText: formatDate(a.acceptedAt, locale) })),
      takedown: view.takedown ? { reason: view.takedown.reason, dateText: formatDate(view.takedown.takenDownAt, locale) } : undefined,
      search: q.q ?? '',
      done: q.done,
    });
  });

  const after = (res: Response, videoId: string, done: string) => res.redirect(303, sessionLocals(res).link(`/videos/${videoId}/ownership?done=${done}`));

  r.post('/videos/:videoId/editors', form, requireCsrf, async (req, res) => {
    const videoId = videoIdOf(req.params);
    await addCoEditor(deps, sessionLocals(res).actor, { videoId, userId: parseInput(editorForm, req.body).userId });
    after(res, videoId, 'added');
  });
  r.post('/videos/:videoId/editors/:userId/remove', form, requireCsrf, async (req, res) => {
    const videoId = videoIdOf(req.params);
    await removeCoEditor(deps, sessionLocals(res).actor, { videoId, userId: parseInput(userId, req.params.userId) });
    after(res, videoId, 'removed');
  });
  r.post('/videos/:videoId/transfer', form, requireCsrf, async (req, res) => {
    const videoId = videoIdOf(req.params);
    const input = parseInput(transferForm, req.body);
    await transferOwnership(deps, sessionLocals(res).actor, { videoId, toUserId: input.userId, keepAsEditor: input.keepAsEditor === 'on' });
    after(res, videoId, 'transferred');
  });
  r.post('/videos/:videoId/attest', form, requireCsrf, async (req, res) => {
    const videoId = videoIdOf(req.params);
    const input = parseInput(attestForm, req.body);
    await attestVideo({ db: deps.db, attestation: deps.attestation }, sessionLocals(res).actor, { videoId, confirmed: input.attestsRightsAndConsent === 'on', version: input.attestationVersion });
    after(res, videoId, 'attested');
  });

  r.post('/admin/users/:userId/transfer-videos', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const fromUserId = parseInput(userId, req.params.userId);
    const input = parseInput(bulkForm, req.body);
    const { count } = await transferAllVideos(deps, actor, { fromUserId, toUserId: input.toUserId, reason: input.reason });
    res.redirect(303, link(`/admin/privacy/users/${fromUserId}?transferred=${count}`));
  });
  return r;
}
