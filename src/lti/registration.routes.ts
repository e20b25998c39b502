import { Router } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import type { LtiDeps } from './lti-deps.js';
import { registerDynamically, registrationQuery } from './registration.js';

export function registrationRoutes(deps: { db: Db; lti: LtiDeps; config: Config; log: Logger }): Router {
  const r = Router();
  const guard = {
    // Development lets a local Moodle register; elsewhere only the configured hosts may be private.
    allowPrivate: deps.config.env === 'development',
    allowedHosts: deps.config.lti.registrationAllowedHosts,
    timeoutMs: 5000,
    maxBytes: 256 * 1024,
  };
  r.get('/lti/register', async (req, res) => {
    const input = parseInput(registrationQuery, req.query);
    const platform = await registerDynamically({ db: deps.db, publicUrl: deps.config.http.publicUrl, guard, autoApproveIssuers: deps.config.lti.autoApproveIssuers }, input);
    deps.log.info({ issuer: platform.issuer, clientId: platform.clientId, status: platform.status }, 'platform registered dynamically');
    await deps.lti.frameAncestors.refresh();
    const t = res.locals.t as Translate;
    await renderPage(res, 'lti/registered', { title: t('lti.register.done.title'), isActive: platform.status === 'active' });
  });
  return r;
}
