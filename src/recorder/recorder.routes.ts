// The browser recorder: its page, and the JSON call that turns a finished recording into a video waiting
// for its bytes. The bytes then travel through the upload's tus endpoint (/uploads), as any upload's do.
import express, { Router } from 'express';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/cookies.js';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals, withSessionToken } from '../auth/session.middleware.js';
import { renderPage } from '../http/render.js';
import { readCookie } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { statementText } from '../governance/attestation-checks.js';
import { isLocale, type Translate } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import { UPLOAD_PATH } from '../videos/tus-server.js';
import { formatBytes, type VideosDeps } from '../videos/videos.service.js';
import { videoLanguages } from '../videos/videos.tables.js';
import { createRecording, MAX_RECORDING_MINUTES, openRecorder } from './recorder.service.js';
import { recordingLayouts } from './recorder.tables.js';

const courseIdParam = z.string().regex(/^\d{1,18}$/, 'not a course id');
const maxRecordedMs = MAX_RECORDING_MINUTES * 60_000 + 60_000;
const millis = z.number().min(0).max(maxRecordedMs);

const newRecordingBody = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  description: z.string().trim().max(10000).default(''),
  language: z.enum(videoLanguages, 'choose the language of the video'),
  fileBytes: z.number().int().min(1, 'the recording is empty').max(Number.MAX_SAFE_INTEGER),
  mimeType: z.string().trim().max(200).regex(/^(video|audio)\/[\w.+-]+(;.*)?$/, 'the recording is not audio or video').default('video/webm'),
  attestsRightsAndConsent: z.boolean().default(false),
  /** The statement version the page showed; absent: the current one. */
  attestationVersion: z.string().max(40).optional(),
  layout: z.enum(recordingLayouts, 'unknown recording layout'),
  recordedMs: millis,
  trimStartMs: millis.optional(),
  trimEndMs: millis.optional(),
  isRecovered: z.boolean().default(false),
});

export type RecorderRoutesDeps = { videos: VideosDeps; log: Logger };

export function recorderRoutes(deps: RecorderRoutesDeps): Router {
  const r = Router();

  r.get('/courses/:courseId/record', async (req, res) => {
    const courseId = parseInput(courseIdParam, req.params.courseId);
    const { actor, link, sessionToken } = sessionLocals(res);
    const { courseTitle } = await openRecorder(deps.videos.db, actor, courseId);
    const t = res.locals.t as Translate;
    // The pop-out window is a top-level page, where a partitioned (CHIPS) cookie of the iframe is not
    // sent: its link carries the session itself, so it opens in the same session.
    const token = sessionToken ?? readCookie(req.headers.cookie, SESSION_COOKIE);
    await renderPage(res, 'recorder/recorder', {
      title: t('recorder.title'),
      courseId,
      courseTitle,
      languages: videoLanguages,
      maxBytes: deps.videos.limits.maxUploadBytes,
      maxText: formatBytes(deps.videos.limits.maxUploadBytes),
      maxMinutes: MAX_RECORDING_MINUTES,
      libraryUrl: link(`/courses/${courseId}/videos`),
      popOutUrl: withSessionToken(`/courses/${courseId}/record`, token),
      // The versioned statement, shared with the upload page (views/partials/attestation.ejs).
      attestation: await statementText(deps.videos.attestation, isLocale(res.locals.locale) ? res.locals.locale : 'en'),
    });
  });

  r.post('/courses/:courseId/recordings', express.json({ limit: '64kb' }), requireCsrf, async (req, res) => {
    const courseId = parseInput(courseIdParam, req.params.courseId);
    const input = parseInput(newRecordingBody, req.body);
    const { actor } = sessionLocals(res);
    const video = await createRecording({ ...deps.videos, log: deps.log }, actor, { courseId, ...input });
    req.log.info({ videoId: video.id, bytes: input.fileBytes, layout: input.layout, isRecovered: input.isRecovered }, 'recording upload started');
    res.status(201).json({ videoId: video.id, uploadUrl: UPLOAD_PATH });
  });
  return r;
}
