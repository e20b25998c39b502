// The terms pages every user sees: read the current terms, the acceptance gate (accept or decline),
// and the page that says why access is blocked after declining.
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { safeNextPath } from './terms-gate.js';
import { loadTermsPolicy } from './terms-policy.js';
import { termsView } from './terms-view.js';
import { acceptTerms, declineTerms, readCurrentTerms, readTermsToAccept, type TermsDeps } from './terms.service.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const decisionForm = z.object({ version: z.coerce.number().int().positive('must be a terms version'), next: z.string().optional() });
const nextQuery = z.object({ next: z.string().max(2000).optional() });

export function termsRoutes(deps: TermsDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  r.get('/terms', async (_req, res) => {
    const terms = await readCurrentTerms(deps);
    await renderPage(res, 'terms/read', { title: translatorOf(res)('terms.title'), terms: terms ? termsView(terms, localeOf(res)) : null });
  });

  r.get('/terms/accept', async (req, res) => {
    const next = safeNextPath(parseInput(nextQuery, req.query).next);
    const { terms, acceptedAt, hasAcceptedEarlier } = await readTermsToAccept(deps, sessionLocals(res).actor);
    if (!terms || acceptedAt) return res.redirect(303, sessionLocals(res).link(next));
    const t = translatorOf(res);
    await renderPage(res, 'terms/accept', { title: t('terms.accept.title'), terms: termsView(terms, localeOf(res)), isNewVersion: hasAcceptedEarlier, next });
  });

  r.post('/terms/accept', form, requireCsrf, async (req, res) => {
    const input = parseInput(decisionForm, req.body);
    await acceptTerms(deps, sessionLocals(res).actor, { version: input.version, ip: req.ip });
    res.redirect(303, sessionLocals(res).link(safeNextPath(input.next)));
  });

  r.post('/terms/decline', form, requireCsrf, async (req, res) => {
    const input = parseInput(decisionForm, req.body);
    await declineTerms(deps, sessionLocals(res).actor, { version: input.version, ip: req.ip });
    res.redirect(303, sessionLocals(res).link(`/terms/declined?next=${encodeURIComponent(safeNextPath(input.next))}`));
  });

  r.get('/terms/declined', async (req, res) => {
    const next = safeNextPath(parseInput(nextQuery, req.query).next);
    const policy = await loadTermsPolicy(deps.db);
    await renderPage(res, 'terms/declined', { title: translatorOf(res)('terms.declined.title'), supportContact: policy.supportContact, reviewPath: `/terms/accept?next=${encodeURIComponent(next)}` });
  });
  return r;
}
