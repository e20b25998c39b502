// /admin/attestation: the versions of the rights-and-consent statement, and publishing a new one in two
// steps (preview, then publish). Site admins only (the service authorizes). Invalid drafts come back as
// the same page with the texts kept and the problems listed (400), so nothing typed is lost.
import express, { Router, type Response } from 'express';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import type { MessageKey } from '../i18n/catalog.js';
import { locales, type Locale } from '../i18n/define-messages.js';
import { renderPage } from '../http/render.js';
import { localeOf, translatorOf } from '../http/request-context.js';
import { previewStatement, publishStatement, readAttestationAdmin, type AttestationAdminDeps, type Draft, type DraftError } from './attestation-admin.service.js';
import { formatDay } from './terms-view.js';

const VERSION_IN_QUERY = /^[A-Za-z0-9._-]{1,40}$/;
const fieldIds = { version: 'att-version', textFi: 'att-text-fi', textSv: 'att-text-sv', textEn: 'att-text-en' } as const;
const fieldLabels = { version: 'attestation.admin.version', textFi: 'attestation.admin.text.fi', textSv: 'attestation.admin.text.sv', textEn: 'attestation.admin.text.en' } as const;

type PageState = { draft?: Draft; errors?: DraftError[]; isPreview?: boolean; published?: string };

async function renderAdminPage(deps: AttestationAdminDeps, res: Response, state: PageState, status = 200): Promise<void> {
  const t = translatorOf(res);
  const locale = localeOf(res);
  const { versions, currentVersion, suggestedVersion } = await readAttestationAdmin(deps, sessionLocals(res).actor);
  const current = versions.find((v) => v.version === currentVersion);
  const texts = (byLocale: Record<Locale, string>) => locales.map((l) => ({ lang: l, label: t(`attestation.admin.text.${l}`), text: byLocale[l] }));
  // The form starts from the current texts: a new version is usually an edit of the last one.
  const draft = state.draft ?? { version: suggestedVersion, texts: current?.texts ?? { fi: '', sv: '', en: '' } };
  await renderPage(
    res,
    'governance/attestation-admin',
    {
      title: t('attestation.admin.title'),
      published: state.published ?? '',
      versions: versions.map((v) => ({ version: v.version, isCurrent: v.version === currentVersion, dateText: formatDay(v.releasedAt, locale), videoCount: v.videoCount, texts: texts(v.texts) })),
      form: { version: draft.version, textFi: draft.texts.fi, textSv: draft.texts.sv, textEn: draft.texts.en },
      errors: (state.errors ?? []).map((e) => ({ inputId: fieldIds[e.field], field: e.field, message: t(`attestation.admin.error.${e.code}` as MessageKey, { field: t(fieldLabels[e.field]) }) })),
      preview: state.isPreview && state.errors?.length === 0 ? { version: draft.version, texts: texts(draft.texts) } : null,
    },
    status,
  );
}

export function attestationAdminRoutes(deps: AttestationAdminDeps): Router {
  const r = Router();
  // Three texts of up to 4,000 characters each, in UTF-8 and form-encoded.
  const form = express.urlencoded({ extended: false, limit: '128kb' });

  r.get('/admin/attestation', async (req, res) => {
    const published = typeof req.query.published === 'string' && VERSION_IN_QUERY.test(req.query.published) ? req.query.published : undefined;
    await renderAdminPage(deps, res, { published });
  });

  r.post('/admin/attestation/preview', form, requireCsrf, async (req, res) => {
    const check = await previewStatement(deps, sessionLocals(res).actor, req.body);
    if (check.errors.length > 0) req.log.info({ errors: check.errors }, 'attestation draft refused');
    await renderAdminPage(deps, res, { ...check, isPreview: true }, check.errors.length > 0 ? 400 : 200);
  });

  r.post('/admin/attestation', form, requireCsrf, async (req, res) => {
    const result = await publishStatement(deps, sessionLocals(res).actor, req.body, { ip: req.ip });
    if (!result.published) {
      req.log.info({ errors: result.errors }, 'attestation version refused');
      return renderAdminPage(deps, res, { draft: result.draft, errors: result.errors }, 400);
    }
    req.log.info({ version: result.draft.version }, 'attestation statement published');
    res.redirect(303, sessionLocals(res).link(`/admin/attestation?published=${encodeURIComponent(result.draft.version)}`));
  });
  return r;
}
