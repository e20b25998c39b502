// The admin's terms page: versions with acceptance counts, publishing a new version, and the policy.
import express, { Router } from 'express';
import { sessionLocals } from '../auth/session.middleware.js';
import { requireCsrf } from '../auth/csrf.js';
import { renderPage } from '../http/render.js';
import { termsAudiences } from './terms-policy.js';
import { formatDay, termsView } from './terms-view.js';
import { changeTermsPolicy, publishTerms, readTermsAdmin, type TermsDeps } from './terms.service.js';
import { localeOf, translatorOf } from '../http/request-context.js';

export function termsAdminRoutes(deps: TermsDeps): Router {
  const r = Router();
  // Three texts of up to 100,000 characters each, in UTF-8 and form-encoded.
  const form = express.urlencoded({ extended: false, limit: '2mb' });

  r.get('/admin/terms', async (req, res) => {
    const { versions, latest, policy } = await readTermsAdmin(deps, sessionLocals(res).actor);
    const locale = localeOf(res);
    const published = typeof req.query.published === 'string' && /^\d{1,9}$/.test(req.query.published) ? req.query.published : '';
    await renderPage(res, 'terms/admin', {
      title: translatorOf(res)('terms.admin.title'),
      versions: versions.map((v) => ({ ...v, dateText: formatDay(v.publishedAt, locale) })),
      latest: latest ? { ...termsView(latest, locale), bodies: latest.bodies } : null,
      audiences: termsAudiences.map((a) => ({ value: a, checked: policy.mustAccept.includes(a) })),
      supportContact: policy.supportContact,
      published,
      saved: req.query.saved === '1',
    });
  });

  r.post('/admin/terms', form, requireCsrf, async (req, res) => {
    const v = await publishTerms(deps, sessionLocals(res).actor, req.body, { ip: req.ip });
    req.log.info({ version: v.version, requiresAcceptance: v.requiresAcceptance }, 'terms published');
    res.redirect(303, sessionLocals(res).link(`/admin/terms?published=${v.version}`));
  });

  r.post('/admin/terms/policy', form, requireCsrf, async (req, res) => {
    const policy = await changeTermsPolicy(deps, sessionLocals(res).actor, req.body, { ip: req.ip });
    req.log.info({ policy }, 'terms policy changed');
    res.redirect(303, sessionLocals(res).link('/admin/terms?saved=1'));
  });
  return r;
}
