// "My recordings" (GET /me/videos), and publishing from it: the course library's publish buttons return
// to the course, which a staff member signed in directly (no course) cannot open.
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { formatDate } from '../lifecycle/notices.js';
import { localeOf } from '../http/request-context.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { listMyRecordings } from './my-recordings.service.js';
import { setPublished, type VideosDeps } from './videos.service.js';

const pageQuery = z.object({
  // The keyset position of the previous page's last row: its created_at (UTC, microseconds) and id.
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z~[0-9a-f-]{36}$/, 'not a page position')
    .optional(),
  published: z.enum(['1', '0']).optional(),
});
const videoIdParam = z.uuid('not a video id');

export function myRecordingsRoutes(deps: VideosDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  r.get('/me/videos', async (req, res) => {
    const query = parseInput(pageQuery, req.query);
    const [createdAt, id] = query.after ? query.after.split('~') : [];
    const { actor } = sessionLocals(res);
    const page = await listMyRecordings(deps, actor, { after: createdAt && id ? { createdAt, id } : undefined });
    const t = res.locals.t as Translate;
    const locale = localeOf(res);
    await renderPage(res, 'me/videos', {
      title: t('me.videos.title'),
      items: page.items.map((v) => ({
        id: v.id,
        title: v.title,
        roleText: v.isOwner ? t('me.videos.role.owner') : t('me.videos.role.editor'),
        courseTitle: v.courseTitle,
        status: v.status,
        captionStatus: v.captionStatus,
        lastViewedText: v.lastViewedAt ? formatDate(v.lastViewedAt, locale) : t('me.videos.neverViewed'),
        trashOnText: v.trashOn ? t('me.videos.trashOn', { date: formatDate(v.trashOn, locale) }) : t('me.videos.noTrashDate'),
        links: v.links,
      })),
      nextUrl: page.next ? `/me/videos?after=${encodeURIComponent(`${page.next.createdAt}~${page.next.id}`)}` : undefined,
      firstUrl: page.isFirstPage ? undefined : '/me/videos',
      notice: query.published === '1' ? t('me.videos.publishedNotice') : query.published === '0' ? t('me.videos.unpublishedNotice') : undefined,
    });
  });

  for (const [path, publish] of [['publish', true], ['unpublish', false]] as const) {
    r.post(`/me/videos/:videoId/${path}`, form, requireCsrf, async (req, res) => {
      const { actor, link } = sessionLocals(res);
      await setPublished(deps, actor, parseInput(videoIdParam, req.params.videoId), publish);
      res.redirect(303, link(`/me/videos?published=${publish ? '1' : '0'}`));
    });
  }
  return r;
}
