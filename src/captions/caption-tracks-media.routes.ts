// GET /media/<token>/<videoId>/captions/<lang>.vtt: a caption track's current version as WebVTT, for
// the player's <track>. The same media token and block list as the segments (scoped to the video and its
// viewer, checked without the database); then one small query reads the text. Mounted before the general
// media route.
import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { MediaTokenKey } from '../videos/media-token.js';
import { cacheControlFor, matchesEtag } from '../videos/streaming-http.js';
import type { MediaBlockCheck } from '../governance/media-block-list.js';
import { createMediaAccessCheck } from '../videos/streaming.routes.js';
import { readServedVtt } from './caption-tracks.repo.js';

export type CaptionMediaDeps = { db: Db; mediaTokenKey: MediaTokenKey; ttlSeconds: number; now: () => Date; blocks?: MediaBlockCheck };

const TRACK_FILE = /^([a-z]{2,3})\.vtt$/;

export function captionMediaRoutes(deps: CaptionMediaDeps): Router {
  const r = Router();
  const checkAccess = createMediaAccessCheck(deps);
  r.get('/media/:token/:videoId/captions/:file', async (req, res) => {
    const { token, videoId, file } = req.params;
    // The token and the block list first: without both nothing is revealed, not even whether a track exists.
    await checkAccess(token, videoId, false);
    const language = TRACK_FILE.exec(file)?.[1];
    const vtt = language ? await readServedVtt(deps.db, videoId, language) : undefined;
    if (vtt === undefined) throw new NotFoundError('No such caption track. Reload the page to get fresh links.');
    const etag = `"${createHash('sha256').update(vtt).digest('base64url').slice(0, 27)}"`;
    const cacheControl = cacheControlFor('storyboard', deps.ttlSeconds);
    res.setHeader('ETag', etag).setHeader('Cache-Control', cacheControl);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('text/vtt; charset=utf-8').send(vtt);
  });
  return r;
}
