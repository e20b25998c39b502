// A video's captions page (tracks, upload, automatic captions) and its actions:
//   GET  /videos/:id/captions         the page (video.view; the forms need caption.edit)
//   POST /videos/:id/captions/upload  a WebVTT or SRT file (multipart form, or the raw file body)
//   POST /videos/:id/captions/asr     make (or retry) automatic captions
//   GET  /videos/:id/captions/asr     the run's progress as JSON, polled by the page
// Mount before the caption editor's /videos/:id/captions/:lang routes: "asr" would match :lang.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { readAsrProgress, requestAsr } from './asr.service.js';
import { readCaptionUpload, type CaptionUploadBody } from './caption-upload-body.js';
import { CaptionUploadRejectedError, uploadCaptionFile } from './caption-upload.service.js';
import { showCaptionTracks, type CaptionsDeps } from './caption-tracks.service.js';
import { asrProgressView, captionTracksModel, type UploadOutcome } from './caption-tracks.view-model.js';
import { localeOf } from '../http/request-context.js';

const videoIdOf = (req: Request): string => parseInput(z.uuid('not a video id'), req.params.videoId);
const uploadFields = z.object({ language: z.string().trim().max(20).optional(), reviewed: z.enum(['on', 'true']).optional() });
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

async function renderTracksPage(deps: CaptionsDeps, req: Request, res: Response, o: { upload?: UploadOutcome; status?: number } = {}): Promise<void> {
  const { actor, session } = sessionLocals(res);
  const page = await showCaptionTracks(deps, actor, { videoId: videoIdOf(req), embedVideoId: session?.launch.embedVideoId });
  const model = captionTracksModel(page, { t: res.locals.t as Translate, locale: localeOf(res), upload: o.upload });
  await renderPage(res, 'captions/tracks', model, o.status);
}

export function captionTracksRoutes(deps: CaptionsDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/videos/:videoId/captions', async (req, res) => {
    await renderTracksPage(deps, req, res);
  });

  r.post('/videos/:videoId/captions/upload', readCaptionUpload, requireCsrf, async (req, res) => {
    const videoId = videoIdOf(req);
    const body = req.body as Record<string, string>;
    const fields = parseInput(uploadFields, { language: body.language ?? req.query.language, reviewed: body.reviewed ?? req.query.reviewed });
    const file = res.locals.captionFile as CaptionUploadBody['file'];
    const { actor } = sessionLocals(res);
    try {
      const result = await uploadCaptionFile(deps, actor, { videoId, language: fields.language, bytes: file?.bytes, locale: localeOf(res), isReviewed: fields.reviewed !== undefined });
      if (wantsJson(req)) res.status(201).json(result);
      else await renderTracksPage(deps, req, res, { upload: { result } });
    } catch (err) {
      // The page shows the refusal next to the form it came from; JSON callers get the error as usual.
      if (!(err instanceof CaptionUploadRejectedError) || wantsJson(req)) throw err;
      const line = typeof err.details?.line === 'number' ? err.details.line : undefined;
      await renderTracksPage(deps, req, res, { upload: { error: { message: err.message, line }, language: fields.language }, status: 400 });
    }
  });

  r.post('/videos/:videoId/captions/asr', form, requireCsrf, async (req, res) => {
    const videoId = videoIdOf(req);
    const { actor, link } = sessionLocals(res);
    const run = await requestAsr(deps, actor, videoId);
    if (wantsJson(req)) res.status(202).json({ status: run.status, percent: run.percent });
    else res.redirect(303, link(`/videos/${videoId}/captions`));
  });

  r.get('/videos/:videoId/captions/asr', async (req, res) => {
    const progress = await readAsrProgress(deps, sessionLocals(res).actor, videoIdOf(req));
    res.setHeader('Cache-Control', 'no-store');
    res.json(asrProgressView(progress, res.locals.t as Translate, localeOf(res)));
  });
  return r;
}
