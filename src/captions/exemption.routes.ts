// Exemption pages: grant (with a reason), change the reason, or revoke; course managers and admins.
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { formatDate } from '../lifecycle/notices.js';
import { exemptionReason, grantExemption, loadExemptionPage, revokeExemption } from './exemption.service.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const videoIdParam = z.uuid('not a video id');
const grantForm = z.object({ reason: exemptionReason });

export function exemptionRoutes(deps: { db: Db; now: () => Date }): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/videos/:videoId/captions/exemption', async (req, res) => {
    const page = await loadExemptionPage(deps, sessionLocals(res).actor, parseInput(videoIdParam, req.params.videoId));
    const t = translatorOf(res);
    const c = page.current;
    await renderPage(res, 'captions/exemption', {
      title: t('compliance.exemption.title', { title: page.video.title }),
      video: page.video,
      current: c ? { reason: c.reason, byText: t('compliance.exemption.current', { name: c.grantedByName ?? t('compliance.someone'), date: formatDate(c.grantedAt, localeOf(res)) }) } : null,
      notice: req.query.granted === '1' ? t('compliance.exemption.granted') : req.query.revoked === '1' ? t('compliance.exemption.revoked') : null,
    });
  });
  r.post('/videos/:videoId/captions/exemption', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const videoId = parseInput(videoIdParam, req.params.videoId);
    const input = parseInput(grantForm, req.body);
    await grantExemption(deps, actor, { videoId, reason: input.reason, ip: req.ip });
    res.redirect(303, link(`/videos/${videoId}/captions/exemption?granted=1`));
  });
  r.post('/videos/:videoId/captions/exemption/revoke', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const videoId = parseInput(videoIdParam, req.params.videoId);
    await revokeExemption(deps, actor, { videoId, ip: req.ip });
    res.redirect(303, link(`/videos/${videoId}/captions/exemption?revoked=1`));
  });
  return r;
}
