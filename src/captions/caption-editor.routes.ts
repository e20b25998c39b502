// The caption editor: its page, the JSON the page's script loads and saves, review and restore, and the
// viewer's caption style. JSON bodies carry `_csrf` like the upload form's (src/auth/csrf.ts).
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireCsrf } from '../auth/csrf.js';
import { sessionLocals } from '../auth/session.middleware.js';
import { parseInput } from '../http/validate.js';
import { MAX_CUE_SECONDS, MAX_CUE_TEXT_LENGTH, MAX_EDITOR_CUES } from './caption-editor-cues.js';
import { renderEditorPage, type EditorPageDeps } from './caption-editor.page.js';
import { loadEditorState, markCaptionsReviewed, restoreCaptionVersion, saveEditedCaptions, type EditorState } from './caption-editor.service.js';
import { captionStyleSchema } from './caption-style.js';
import { saveCaptionStyle } from './caption-style.service.js';

const videoIdParam = z.uuid('not a video id');
const languageCode = /^[a-z]{2,3}$/;
// The captions management routes share the /videos/:id/captions/<segment> shape; "asr" looks like a code.
const reservedSegments = new Set(['asr']);

const seconds = z.number().finite().min(0, 'cannot be negative').max(MAX_CUE_SECONDS, 'is longer than a day');
const editorCue = z.object({ start: seconds, end: seconds, text: z.string().max(MAX_CUE_TEXT_LENGTH * 4, `is far longer than ${MAX_CUE_TEXT_LENGTH} characters`) });
const saveBody = z.object({
  baseVersion: z.number().int().min(0),
  cues: z.array(editorCue).max(MAX_EDITOR_CUES, `a track can have at most ${MAX_EDITOR_CUES} cues`),
});
const reviewBody = z.object({ version: z.number().int().min(1).optional() });
const restoreBody = z.object({ version: z.number().int().min(1), baseVersion: z.number().int().min(0) });

const json = express.json({ limit: '4mb' });
const smallJson = express.json({ limit: '4kb' });

/** The track named by the path, or undefined (not a language code) to let other routes have the path. */
function trackRef(req: Request): { videoId: string; language: string } | undefined {
  const lang = String(req.params.lang);
  if (reservedSegments.has(lang) || !languageCode.test(lang)) return undefined;
  return { videoId: parseInput(videoIdParam, req.params.videoId), language: lang };
}

function publicState(state: EditorState): EditorState {
  const { videoId, language, version, source, review, cues, versions } = state;
  return { videoId, language, version, source, review, cues, versions };
}

type Handler = (req: Request, res: Response, ref: { videoId: string; language: string }) => Promise<void>;
const forTrack = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
  const ref = trackRef(req);
  if (!ref) {
    next();
    return;
  }
  await handler(req, res, ref);
};

export function captionEditorRoutes(deps: EditorPageDeps): Router {
  const r = Router();
  r.get('/videos/:videoId/captions/:lang/edit', forTrack(async (_req, res, ref) => renderEditorPage(deps, res, ref)));
  r.get('/videos/:videoId/captions/:lang', forTrack(async (_req, res, ref) => {
    res.json(publicState(await loadEditorState(deps, sessionLocals(res).actor, ref)));
  }));
  r.put('/videos/:videoId/captions/:lang', json, requireCsrf, forTrack(async (req, res, ref) => {
    const body = parseInput(saveBody, req.body ?? {});
    const state = await saveEditedCaptions(deps, sessionLocals(res).actor, { ...ref, ...body });
    req.log.info({ videoId: ref.videoId, language: ref.language, version: state.version, cues: state.cues.length }, 'captions edited');
    res.json(state);
  }));
  r.post('/videos/:videoId/captions/:lang/review', smallJson, requireCsrf, forTrack(async (req, res, ref) => {
    const body = parseInput(reviewBody, req.body ?? {});
    res.json(await markCaptionsReviewed(deps, sessionLocals(res).actor, { ...ref, version: body.version }));
  }));
  r.post('/videos/:videoId/captions/:lang/restore', smallJson, requireCsrf, forTrack(async (req, res, ref) => {
    const body = parseInput(restoreBody, req.body ?? {});
    res.json(await restoreCaptionVersion(deps, sessionLocals(res).actor, { ...ref, ...body }));
  }));
  r.put('/me/caption-style', smallJson, requireCsrf, async (req, res) => {
    const style = parseInput(captionStyleSchema, req.body ?? {});
    res.json(await saveCaptionStyle(deps.db, sessionLocals(res).actor, style));
  });
  return r;
}
