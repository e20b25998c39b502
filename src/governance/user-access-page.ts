// The page a disabled user sees (a refused launch, or any page of an existing session): it says the
// account is disabled and whom to contact. A 403, never a redirect, so nothing else can load behind it.
import type { Response } from 'express';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import type { Translate } from '../i18n/i18n.js';
import { loadTermsPolicy } from './terms-policy.js';

export async function renderAccountDisabled(res: Response, db: Db): Promise<void> {
  const t = res.locals.t as Translate;
  const policy = await loadTermsPolicy(db);
  await renderPage(res, 'terms/account-disabled', { title: t('access.disabled.title'), supportContact: policy.supportContact }, 403);
}
