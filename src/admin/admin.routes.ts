import express, { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { authorize } from '../auth/authorize.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import type { LtiDeps } from '../lti/lti-deps.js';
import { addPlatform, changePlatformStatus, listPlatformsForAdmin, toolSetupValues } from './platforms.service.js';
import { readSystemStatus, type SystemStatusDeps } from './system-status.js';
import { loadPrivacySettings } from '../governance/privacy-settings.js';

const statusForm = z.object({ status: z.enum(['active', 'disabled']) });

export function adminRoutes(deps: { db: Db; lti: LtiDeps; publicUrl: string; system: SystemStatusDeps }): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const change = { db: deps.db, onPlatformsChanged: deps.lti.frameAncestors.refresh };

  r.get('/admin', async (_req, res) => {
    authorize(sessionLocals(res).actor, 'admin.site', { kind: 'site' });
    const t = res.locals.t as Translate;
    await renderPage(res, 'admin/index', { title: t('admin.title'), setup: toolSetupValues(deps.publicUrl), system: await readSystemStatus(deps.system), storageRegion: (await loadPrivacySettings(deps.db)).storageRegion });
  });
  r.get('/admin/platforms', async (_req, res) => {
    const platforms = await listPlatformsForAdmin(deps, sessionLocals(res).actor);
    const t = res.locals.t as Translate;
    await renderPage(res, 'admin/platforms', { title: t('admin.platforms.title'), platforms });
  });
  r.post('/admin/platforms', form, requireCsrf, async (req, res) => {
    const body = req.body as Record<string, string>;
    const deploymentIds = (body.deploymentIds ?? '').split(/[\s,]+/).filter(Boolean);
    await addPlatform(change, sessionLocals(res).actor, { ...body, deploymentIds });
    res.redirect(303, sessionLocals(res).link('/admin/platforms'));
  });
  r.post('/admin/platforms/:id/status', form, requireCsrf, async (req, res) => {
    const input = parseInput(statusForm, req.body);
    await changePlatformStatus(change, sessionLocals(res).actor, { id: String(req.params.id), status: input.status });
    res.redirect(303, sessionLocals(res).link('/admin/platforms'));
  });
  return r;
}
