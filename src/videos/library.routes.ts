// The course video library and a video's details: list, search, edit, publish, unpublish, trash.
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/i18n.js';
import { deleteToTrash, listLibrary, loadVideoAccess, setPublished, updateDetails, type VideosDeps } from './videos.service.js';
import { videoLanguages, videoStatuses } from './videos.tables.js';
import { authorize } from '../auth/authorize.js';
import { libraryPathFor } from './my-recordings.js';

const libraryQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(videoStatuses).or(z.literal('')).optional(),
});

const detailsForm = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  description: z.string().trim().max(10000).default(''),
  language: z.enum(videoLanguages),
  allowDownload: z.literal('on').optional(),
  asrOptOut: z.literal('on').optional(),
});

/** A processing failure in the reader's language when its code has a text, else the stored English reason. */
export function describeFailure(t: Translate, code: string | null, message: string | null): string | null {
  if (!message) return null;
  const keys = [`videos.processing.failed.${code}`, code?.startsWith('media_') ? `media.${code.slice('media_'.length)}` : ''];
  for (const key of keys) {
    const text = key ? t(key as MessageKey) : key;
    if (text && text !== key) return text;
  }
  return message;
}

const courseIdParam = z.string().regex(/^\d{1,18}$/, 'not a course id');
const videoIdParam = z.uuid('not a video id');
const videoIdOf = (params: Record<string, string | string[] | undefined>): string => parseInput(videoIdParam, params.videoId);

export function libraryRoutes(deps: VideosDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  r.get('/courses/:courseId/videos', async (req, res) => {
    const courseId = parseInput(courseIdParam, req.params.courseId);
    const query = parseInput(libraryQuery, req.query);
    const { actor } = sessionLocals(res);
    const lib = await listLibrary(deps, actor, courseId, { search: query.q || undefined, status: query.status || undefined });
    const t = res.locals.t as Translate;
    await renderPage(res, 'videos/library', {
      title: t('videos.library.title'),
      courseId,
      query: { q: query.q ?? '', status: query.status ?? '' },
      statuses: videoStatuses,
      items: lib.items.map((v) => ({
        id: v.id,
        title: v.title,
        ownerName: v.owner_name,
        language: v.language,
        status: v.status,
        percent: v.processing_percent,
        failure: describeFailure(t, v.failure_code, v.failure_message),
        can: v.can,
      })),
      canUpload: lib.canUpload,
      canSeeUnpublished: lib.canSeeUnpublished,
    });
  });

  r.get('/videos/:videoId/edit', async (req, res) => {
    const { actor } = sessionLocals(res);
    const { video, resource } = await loadVideoAccess(deps.db, actor, videoIdOf(req.params));
    authorize(actor, 'video.edit', resource);
    const t = res.locals.t as Translate;
    await renderPage(res, 'videos/edit', {
      title: t('videos.edit.title'),
      video: { id: video.id, title: video.title, description: video.description, language: video.language, allowDownload: video.allow_download, asrOptOut: video.asr_opt_out, status: video.status, courseId: resource.courseId },
      libraryPath: libraryPathFor(actor, resource.courseId),
      languages: videoLanguages,
      saved: req.query.saved === '1',
    });
  });

  r.post('/videos/:videoId/edit', form, requireCsrf, async (req, res) => {
    const input = parseInput(detailsForm, req.body);
    const { actor, link } = sessionLocals(res);
    const videoId = videoIdOf(req.params);
    await updateDetails(deps, actor, videoId, { title: input.title, description: input.description, language: input.language, allowDownload: input.allowDownload === 'on', asrOptOut: input.asrOptOut === 'on' });
    res.redirect(303, link(`/videos/${videoId}/edit?saved=1`));
  });

  for (const [path, publish] of [['publish', true], ['unpublish', false]] as const) {
    r.post(`/videos/:videoId/${path}`, form, requireCsrf, async (req, res) => {
      const { actor, link } = sessionLocals(res);
      const v = await setPublished(deps, actor, videoIdOf(req.params), publish);
      res.redirect(303, link(libraryPathFor(actor, actor.kind === 'user' && actor.course ? actor.course.courseId : v.home_course_id)));
    });
  }

  r.post('/videos/:videoId/delete', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const { resource } = await loadVideoAccess(deps.db, actor, videoIdOf(req.params));
    await deleteToTrash(deps, actor, videoIdOf(req.params));
    res.redirect(303, link(libraryPathFor(actor, resource.courseId)));
  });

  r.get('/videos/:videoId/status', async (req, res) => {
    const { actor } = sessionLocals(res);
    const { video, resource } = await loadVideoAccess(deps.db, actor, videoIdOf(req.params));
    authorize(actor, 'video.viewUnpublished', resource);
    res.json({ status: video.status, percent: video.processing_percent, failure: describeFailure(res.locals.t as Translate, video.failure_code, video.failure_message) });
  });
  return r;
}
