// The admin users page: search by name or e-mail, and disable or re-enable an account with a reason.
import express, { Router } from 'express';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { formatDay } from './terms-view.js';
import { changeUserAccess, findUsersForAdmin, type UserAccessDeps } from './user-access.service.js';
import { translatorOf } from '../http/request-context.js';

export function userAccessRoutes(deps: UserAccessDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/admin/users', async (req, res) => {
    const { search, users } = await findUsersForAdmin(deps, sessionLocals(res).actor, req.query);
    const locale = typeof res.locals.locale === 'string' ? res.locals.locale : 'en';
    await renderPage(res, 'admin/users', {
      title: translatorOf(res)('users.admin.title'),
      search,
      isLimited: users.length >= 100,
      users: users.map((u) => ({ ...u, platformName: u.platformName ?? translatorOf(res)('signin.directAccount'), lastLoginText: formatDay(u.lastLoginAt, locale), disabledText: u.disabledAt ? formatDay(u.disabledAt, locale) : '' })),
      changed: typeof req.query.changed === 'string' ? req.query.changed.slice(0, 200) : '',
    });
  });

  for (const [verb, enable] of [['disable', false], ['enable', true]] as const) {
    r.post(`/admin/users/:id/${verb}`, form, requireCsrf, async (req, res) => {
      const userId = String(req.params.id);
      await changeUserAccess(deps, sessionLocals(res).actor, { userId, enable, input: req.body, ip: req.ip });
      req.log.info({ userId, enable }, enable ? 'user enabled' : 'user disabled');
      const q = typeof req.body?.q === 'string' ? `&q=${encodeURIComponent(req.body.q)}` : '';
      res.redirect(303, sessionLocals(res).link(`/admin/users?changed=${encodeURIComponent(userId)}${q}`));
    });
  }
  return r;
}
