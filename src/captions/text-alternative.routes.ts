// Text alternative pages: manage the transcript document of a video (caption.edit), and download it
// (anyone who may watch). The download is always an attachment with nosniff and a sandbox CSP, so a
// document is never rendered as a page of this origin.
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import type { Db } from '../db/database.js';
import { BadRequestError } from '../http/errors.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import { formatDate } from '../lifecycle/notices.js';
import type { Logger } from '../logger.js';
import { formatBytes } from '../videos/videos.service.js';
import { parseMultipart } from './caption-upload-body.js';
import { MAX_TEXT_ALTERNATIVE_BYTES } from './text-alternative-file.js';
import { loadTextAlternativePage, openTextAlternative, removeTextAlternative, uploadTextAlternative } from './text-alternative.service.js';
import { localeOf, translatorOf } from '../http/request-context.js';

const videoIdParam = z.uuid('not a video id');

const readBody = express.raw({ type: () => true, limit: MAX_TEXT_ALTERNATIVE_BYTES + 64 * 1024 });

/** multipart/form-data (RFC 7578) read whole: fields into req.body (for requireCsrf), the file into res.locals. */
const readDocumentUpload: RequestHandler = (req, res, next) => {
  readBody(req, res, (err?: unknown) => {
    if (err) return next(err);
    try {
      const type = req.headers['content-type'] ?? '';
      if (!/^multipart\/form-data/i.test(type)) throw new BadRequestError('Send the document with the upload form (multipart/form-data).', undefined, 'multipart_expected');
      const parsed = parseMultipart(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), type);
      req.body = parsed.fields;
      res.locals.documentFile = parsed.file;
      next();
    } catch (e) {
      next(e);
    }
  });
};

export function textAlternativeRoutes(deps: { db: Db; now: () => Date; log: Logger; blobStore: BlobStore }): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/videos/:videoId/captions/text-alternative', async (req, res) => {
    const page = await loadTextAlternativePage(deps, sessionLocals(res).actor, parseInput(videoIdParam, req.params.videoId));
    const t = translatorOf(res);
    const c = page.current;
    await renderPage(res, 'captions/text-alternative', {
      title: t('compliance.textAlt.title', { title: page.video.title }),
      video: page.video,
      current: c
        ? { fileName: c.fileName, sizeText: formatBytes(c.sizeBytes), byText: t('compliance.textAlt.uploadedBy', { name: c.uploadedByName ?? t('compliance.someone'), date: formatDate(c.uploadedAt, localeOf(res)) }) }
        : null,
      notice: req.query.saved === '1' ? t('compliance.textAlt.saved') : req.query.removed === '1' ? t('compliance.textAlt.removed') : null,
    });
  });
  r.post('/videos/:videoId/captions/text-alternative', readDocumentUpload, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const videoId = parseInput(videoIdParam, req.params.videoId);
    const file = res.locals.documentFile as { name: string; bytes: Buffer } | undefined;
    if (!file) throw new BadRequestError('Choose the transcript document to upload.', undefined, 'text_alternative_missing');
    await uploadTextAlternative(deps, actor, { videoId, fileName: file.name, bytes: file.bytes });
    res.redirect(303, link(`/videos/${videoId}/captions/text-alternative?saved=1`));
  });
  r.post('/videos/:videoId/captions/text-alternative/remove', form, requireCsrf, async (req, res) => {
    const { actor, link } = sessionLocals(res);
    const videoId = parseInput(videoIdParam, req.params.videoId);
    await removeTextAlternative(deps, actor, videoId);
    res.redirect(303, link(`/videos/${videoId}/captions/text-alternative?removed=1`));
  });
  r.get('/videos/:videoId/captions/text-alternative/download', async (req, res) => {
    const { actor, session } = sessionLocals(res);
    const doc = await openTextAlternative(deps, actor, { videoId: parseInput(videoIdParam, req.params.videoId), embedVideoId: session?.launch.embedVideoId });
    res.set({ 'Content-Type': doc.contentType, 'Content-Length': String(doc.size), 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "sandbox; default-src 'none'", 'Cache-Control': 'private, no-store' });
    res.attachment(doc.fileName);
    doc.stream.on('error', (err) => {
      deps.log.error({ err }, 'text alternative download failed');
      res.destroy(err);
    });
    doc.stream.pipe(res);
  });
  return r;
}
