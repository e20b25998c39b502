// POST /videos/:videoId/views: the player's start / progress / end reports (JSON). Only JSON is read,
// so a cross-site form cannot post one (a JSON body needs a CORS preflight the app never grants).
import express, { Router } from 'express';
import { z } from 'zod';
import { sessionLocals } from '../auth/session.middleware.js';
import { parseInput } from '../http/validate.js';
import { recordView } from './views.service.js';
import type { VideosDeps } from './videos.service.js';

const seconds = z.number().finite().min(0, 'cannot be negative').max(1e6, 'is not a plausible number of seconds');
const viewReport = z.object({
  event: z.enum(['start', 'progress', 'end']),
  viewId: z.uuid('not a view id'),
  videoId: z.uuid('not a video id'),
  position: seconds,
  watchedSeconds: seconds,
  duration: seconds.nullable().optional(),
});

export function viewsRoutes(deps: VideosDeps): Router {
  const r = Router();
  r.post('/videos/:videoId/views', express.json({ limit: '4kb' }), async (req, res) => {
    const videoId = parseInput(z.uuid('not a video id'), req.params.videoId);
    const report = parseInput(viewReport, req.body ?? {});
    const { actor, session } = sessionLocals(res);
    const result = await recordView(deps, actor, { videoId, embedVideoId: session?.launch.embedVideoId, report });
    res.json(result);
  });
  return r;
}
