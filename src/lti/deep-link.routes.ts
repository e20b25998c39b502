import express, { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { UnauthenticatedError } from '../http/errors.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { answerDeepLink, listPickerVideos } from './deep-link.js';
import type { LtiDeps } from './lti-deps.js';

const pickForm = z.object({ video: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string().min(1)).min(1, 'choose at least one video')) });

export function deepLinkRoutes(deps: { db: Db; lti: LtiDeps; publicUrl: string; now: () => Date }): Router {
  const r = Router();
  const courseOf = (res: express.Response) => {
    const { session } = sessionLocals(res);
    if (!session?.courseId) throw new UnauthenticatedError();
    return { courseId: session.courseId, launch: session.launch };
  };
  r.get('/lti/deep-link', async (_req, res) => {
    const { courseId, launch } = courseOf(res);
    const picker = await listPickerVideos({ catalog: deps.lti.videoCatalog }, sessionLocals(res).actor, { courseId, launch });
    const t = res.locals.t as Translate;
    await renderPage(res, 'lti/deep-link-picker', { title: t('dl.title'), picker });
  });
  r.post('/lti/deep-link', express.urlencoded({ extended: false, limit: '64kb' }), requireCsrf, async (req, res) => {
    const { courseId, launch } = courseOf(res);
    const input = parseInput(pickForm, req.body);
    const answer = await answerDeepLink(
      { catalog: deps.lti.videoCatalog, embedTokens: deps.lti.embedTokens, publicUrl: deps.publicUrl, signingKey: deps.lti.toolKeys.signingKey, now: deps.now() },
      sessionLocals(res).actor,
      { courseId, launch, videoIds: input.video },
    );
    const t = res.locals.t as Translate;
    await renderPage(res, 'lti/deep-link-return', { title: t('dl.returning'), answer });
  });
  return r;
}
