// The demo LMS at /demo: a small but real LTI 1.3 platform (its own key, JWKS and OIDC auth endpoint)
// that launches Luento in an iframe through the real flow. Never mounted in production (config refuses).
import express, { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import { DEMO_SERVICES_PATH, mountDemoServices } from './demo-services-mount.js';
import type { LtiDeps } from '../lti/lti-deps.js';
import { parseAuthRequest, signDemoIdToken, type MessageHint } from './demo-auth.js';
import { listDemoLinks, receiveDeepLinkResponse } from './demo-links.js';
import { DEMO_CLIENT_ID, DEMO_COURSE, DEMO_DEPLOYMENT_ID, demoUrls, demoUsers, findDemoUser, loadDemoKey, type DemoKey } from './demo-platform.js';

const launchQuery = z.object({
  user: z.string().refine((u) => findDemoUser(u) !== undefined, 'unknown demo user'),
  m: z.enum(['resource', 'deeplink']).default('resource'),
  c: z.string().regex(/^[\w.-]{1,64}$/).default(DEMO_COURSE.id),
  link: z.coerce.number().int().positive().optional(),
  storage: z.enum(['0', '1']).default('0'),
});

export function demoRoutes(deps: { db: Db; lti: LtiDeps; publicUrl: string; demoBase: string | undefined; log: Logger; now: () => Date }): Router {
  const r = Router();
  const urls = demoUrls({ publicUrl: deps.publicUrl, demoBase: deps.demoBase });
  let key: Promise<DemoKey> | undefined;
  const demoKey = () => (key ??= loadDemoKey(deps.db, deps.lti.secretKey));
  const form = express.urlencoded({ extended: false, limit: '256kb' });

  r.use(DEMO_SERVICES_PATH, mountDemoServices({ demoBase: deps.demoBase ?? deps.publicUrl, toolKeys: deps.lti.toolKeys, log: deps.log, now: deps.now }));

  r.get('/demo', async (_req, res) => {
    const t = res.locals.t as Translate;
    await renderPage(res, 'demo/index', { title: t('demo.title'), course: DEMO_COURSE, users: demoUsers, links: await listDemoLinks(deps.db) });
  });

  r.get('/demo/launch', async (req, res) => {
    const q = parseInput(launchQuery, req.query);
    const link = q.link ? (await listDemoLinks(deps.db)).find((l) => l.id === q.link) : undefined;
    const hint: MessageHint = { m: q.m, c: q.c, ...(link ? { custom: link.custom, target: link.url, title: link.title } : {}) };
    const login = new URL(urls.loginUrl);
    const params: Record<string, string> = {
      iss: urls.issuer,
      login_hint: q.user,
      target_link_uri: link?.url ?? urls.launchUrl,
      lti_message_hint: JSON.stringify(hint),
      client_id: DEMO_CLIENT_ID,
      lti_deployment_id: DEMO_DEPLOYMENT_ID,
      ...(q.storage === '1' ? { lti_storage_target: '_parent' } : {}),
    };
    for (const [k, v] of Object.entries(params)) login.searchParams.set(k, v);
    const t = res.locals.t as Translate;
    const user = findDemoUser(q.user);
    await renderPage(res, 'demo/launch', { title: t('demo.launch.title', { name: `${user?.givenName} ${user?.familyName}` }), loginUrl: login.toString(), isDeepLink: q.m === 'deeplink' });
  });

  r.get('/demo/jwks', async (_req, res) => {
    res.json({ keys: [(await demoKey()).publicJwk] });
  });

  const auth = async (req: express.Request, res: express.Response) => {
    const { req: authReq, hint } = parseAuthRequest(req.method === 'POST' ? req.body : req.query, urls);
    const idToken = await signDemoIdToken({ key: await demoKey(), urls, req: authReq, hint, now: deps.now() });
    res.set('Cache-Control', 'no-store');
    // response_mode=form_post: the browser posts id_token and state to the tool's redirect URI.
    await renderPage(res, 'demo/form-post', { title: (res.locals.t as Translate)('demo.posting'), action: authReq.redirect_uri, fields: { id_token: idToken, state: authReq.state } });
  };
  r.get('/demo/auth', auth);
  r.post('/demo/auth', form, auth);

  r.post('/demo/deep-link-return', form, async (req, res) => {
    const jwt = (req.body as Record<string, unknown>).JWT;
    const receipt = await receiveDeepLinkResponse({ db: deps.db, toolKeys: deps.lti.toolKeys, urls, now: deps.now() }, typeof jwt === 'string' ? jwt : undefined);
    await renderPage(res, 'demo/deep-link-result', { title: (res.locals.t as Translate)('demo.dl.title'), receipt });
  });
  return r;
}
