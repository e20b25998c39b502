// POST /videos/:videoId/retry: a failed video goes back to processing (owner or course manager).
import express, { Router } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { parseInput } from '../http/validate.js';
import type { JobSender } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { retryProcessing } from './processing.service.js';
import type { VideosDeps } from './videos.service.js';
import { libraryPathFor } from './my-recordings.js';

export function processingRoutes(deps: VideosDeps & { queue: JobSender; log: Logger }): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  r.post('/videos/:videoId/retry', form, requireCsrf, async (req, res) => {
    const videoId = parseInput(z.uuid('not a video id'), req.params.videoId);
    const { actor, link } = sessionLocals(res);
    const video = await retryProcessing(deps, actor, videoId);
    const courseId = actor.kind === 'user' && actor.course ? actor.course.courseId : video.home_course_id;
    res.redirect(303, link(libraryPathFor(actor, courseId)));
  });
  return r;
}
