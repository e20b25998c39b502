import { Router } from 'express';
import type { Db } from '../db/database.js';
import type { Actor } from '../auth/permissions.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import type { Translate } from '../i18n/i18n.js';
import { showCourse, showEmbeddedVideo } from './courses.service.js';
import type { VideoCatalog } from './video-catalog.js';

/** Builds the player for the one video an embed launch names (the videos feature provides it). */
export type EmbedPlayer = (actor: Actor, opts: { videoId: string; embedVideoId: string | undefined; sessionToken: string | undefined; locale?: string }) => Promise<unknown>;

export function courseRoutes(deps: { db: Db; catalog: VideoCatalog; embedPlayer?: EmbedPlayer }): Router {
  const r = Router();
  r.get('/courses/:courseId', async (req, res) => {
    const { actor, session } = sessionLocals(res);
    const page = await showCourse(deps, actor, req.params.courseId, { viewer: session?.user, course: session?.course });
    const t = res.locals.t as Translate;
    const id = page.course.id;
    await renderPage(res, 'courses/course', {
      title: page.course.title || t('course.untitled'),
      page,
      roleLabel: t(`course.role.${page.role}`),
      links: { library: `/courses/${id}/videos`, upload: `/courses/${id}/videos/new`, admin: '/admin', captionCompliance: `/courses/${id}/captions/compliance` },
    });
  });
  r.get('/courses/:courseId/embed', async (req, res) => {
    const session = sessionLocals(res).session;
    const { actor, sessionToken } = sessionLocals(res);
    const view = await showEmbeddedVideo(deps, actor, { courseId: req.params.courseId, videoId: session?.launch.embedVideoId });
    const player = view.video && deps.embedPlayer ? await deps.embedPlayer(actor, { videoId: view.videoId, embedVideoId: session?.launch.embedVideoId, sessionToken, locale: String(res.locals.locale ?? 'en') }) : undefined;
    const t = res.locals.t as Translate;
    await renderPage(res, 'courses/embed', { title: view.video?.title ?? t('course.embed.unavailableTitle'), view, player });
  });
  return r;
}
