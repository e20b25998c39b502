// The upload page, the JSON call that starts an upload, and the tus endpoint. No body parser runs on
// /uploads: tus streams the request body itself (MEDIA-NOTES "Resumable upload").
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { Metadata } from '@tus/server';
import { z } from 'zod';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import type { MediaConfig } from '../config-media.js';
import { authorize } from '../auth/authorize.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { AppError } from '../http/errors.js';
import { renderPage } from '../http/render.js';
import { parseInput } from '../http/validate.js';
import type { Translate } from '../i18n/i18n.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { projectRoot } from '../paths.js';
import { createTusServer, createUploadStore, isVideoId, UPLOAD_PATH, type UploadStore } from './tus-server.js';
import { admitUploadRequest } from './upload.service.js';
import { statementText } from '../governance/attestation-checks.js';
import { isLocale } from '../i18n/i18n.js';
import { createUpload, formatBytes, type VideosDeps } from './videos.service.js';
import { videoLanguages } from './videos.tables.js';

const tusClientFile = path.join(projectRoot, 'node_modules', 'tus-js-client', 'dist', 'tus.min.js');
const courseIdParam = z.string().regex(/^\d{1,18}$/, 'not a course id');

const newUploadBody = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  description: z.string().trim().max(10000).default(''),
  language: z.enum(videoLanguages, 'choose the language of the video'),
  fileName: z.string().trim().min(1, 'the file has no name').max(1000),
  fileBytes: z.number().int().min(1, 'the file is empty').max(Number.MAX_SAFE_INTEGER),
  attestsRightsAndConsent: z.boolean().default(false),
  /** The statement version the page showed (attestation_statements); absent: the current one. */
  attestationVersion: z.string().max(40).optional(),
});

/** The slice of the app's deps the upload needs; `uploadStore` replaces the store built from config (tests). */
export type UploadRoutesDeps = {
  videos: VideosDeps;
  media: { blobStore: BlobStore };
  queue: JobSender;
  log: Logger;
  config: { env: string; media: Pick<MediaConfig, 'storage' | 'uploadDir'> };
  uploadStore?: UploadStore;
};

/** The video an upload request writes to: named in the creation's metadata, or in the upload URL. */
function videoIdOfTusRequest(req: Request): string | undefined {
  if (req.method === 'POST') {
    try {
      return Metadata.parse(req.get('upload-metadata') ?? undefined)?.videoId ?? undefined;
    } catch {
      return undefined;
    }
  }
  const rest = req.path.slice(UPLOAD_PATH.length + 1);
  return rest.includes('/') ? undefined : rest;
}

/** tus clients show the plain-text body to the person, so refusals here are text, not an HTML page. */
function refuseTus(req: Request, res: Response, err: AppError): void {
  req.log.warn({ code: err.code, reason: err.message, method: req.method }, 'tus request refused');
  res.status(err.status).set('Tus-Resumable', '1.0.0').type('text/plain').send(`${err.message}\n`);
}

export function uploadRoutes(deps: UploadRoutesDeps): Router {
  const r = Router();
  const store = deps.uploadStore ?? createUploadStore(deps.config.media);
  const tus = createTusServer({ db: deps.videos.db, blobStore: deps.media.blobStore, queue: deps.queue, log: deps.log, store, limits: deps.videos.limits });
  const isProduction = deps.config.env === 'production';

  r.get('/static/vendor/tus.min.js', (_req, res) => res.sendFile(tusClientFile, { maxAge: isProduction ? '7d' : 0 }));

  r.get('/courses/:courseId/videos/new', async (req, res) => {
    const courseId = parseInput(courseIdParam, req.params.courseId);
    const { actor } = sessionLocals(res);
    authorize(actor, 'video.upload', { kind: 'course', courseId });
    const t = res.locals.t as Translate;
    await renderPage(res, 'videos/upload', {
      title: t('videos.upload.title'),
      courseId,
      languages: videoLanguages,
      maxBytes: deps.videos.limits.maxUploadBytes,
      maxText: formatBytes(deps.videos.limits.maxUploadBytes),
      attestation: await statementText(deps.videos.attestation, isLocale(res.locals.locale) ? res.locals.locale : 'en'),
    });
  });

  r.post('/courses/:courseId/videos', express.json({ limit: '64kb' }), requireCsrf, async (req, res) => {
    const courseId = parseInput(courseIdParam, req.params.courseId);
    const input = parseInput(newUploadBody, req.body);
    const { actor } = sessionLocals(res);
    const video = await createUpload(deps.videos, actor, { courseId, ...input });
    req.log.info({ videoId: video.id, bytes: input.fileBytes }, 'upload started');
    res.status(201).json({ videoId: video.id, uploadUrl: UPLOAD_PATH });
  });

  r.all(`${UPLOAD_PATH}{/*splat}`, async (req, res) => {
    if (req.method === 'GET') {
      res.status(405).set('Allow', 'POST, HEAD, PATCH, DELETE, OPTIONS').type('text/plain').send('Uploads cannot be downloaded here\n');
      return;
    }
    if (req.method !== 'OPTIONS') {
      const videoId = videoIdOfTusRequest(req);
      if (!isVideoId(videoId)) {
        const missing = req.method === 'POST' ? 'The upload must name its video (Upload-Metadata videoId)' : 'No such upload';
        refuseTus(req, res, new AppError(req.method === 'POST' ? 'upload_video_missing' : 'not_found', req.method === 'POST' ? 400 : 404, missing));
        return;
      }
      try {
        await admitUploadRequest(deps.videos.db, sessionLocals(res).actor, videoId, { isWrite: req.method === 'PATCH' });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refuseTus(req, res, err);
        return;
      }
    }
    await tus.handle(req, res);
  });
  return r;
}
