// The editor page's view-model: the player (without caption tracks: the editor draws its own live
// preview track from the cues being edited), the starting state, and the strings its script needs.
import type { Response } from 'express';
import { sessionLocals } from '../auth/session.middleware.js';
import type { Db } from '../db/database.js';
import { renderPage } from '../http/render.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/i18n.js';
import type { MediaDeps } from '../media-deps.js';
import { mediaViewerId } from '../videos/media-token.js';
import { buildPlayerModel, type PlayerModel } from '../videos/watch.js';
import { captionEditorMessages } from './caption-editor.messages.js';
import { loadEditorState } from './caption-editor.service.js';
import { playerCaptionStyle } from './caption-style.service.js';

export type EditorPageDeps = { db: Db; now: () => Date; media: MediaDeps; mediaTokenTtlSeconds: number };

const clientKeys = (Object.keys(captionEditorMessages.en) as MessageKey[]).filter((k) => k.startsWith('captions.editor.'));

function languageName(t: Translate, language: string): string {
  const key = `videos.language.${language}` as MessageKey;
  const name = t(key);
  return name === key ? language.toUpperCase() : name;
}

export async function renderEditorPage(deps: EditorPageDeps, res: Response, ref: { videoId: string; language: string }): Promise<void> {
  const { actor, sessionToken, csrfToken } = sessionLocals(res);
  const state = await loadEditorState(deps, actor, ref);
  const { video } = state.access;
  const t = res.locals.t as Translate;
  const isPlayable = video.status === 'ready' || video.status === 'published';
  let player: (PlayerModel & Record<string, unknown>) | undefined;
  if (isPlayable) {
    const base = await buildPlayerModel({ video, viewerId: mediaViewerId(actor), key: deps.media.mediaTokenKey, ttlSeconds: deps.mediaTokenTtlSeconds, now: deps.now(), sessionToken });
    // No view reports from the editor: a creator checking captions is not an audience.
    const { viewUrl: _viewUrl, ...rest } = base;
    player = { ...rest, tracks: [], ...(await playerCaptionStyle(deps.db, actor)) };
  }
  const apiUrl = `/videos/${video.id}/captions/${ref.language}`;
  const { access: _access, ...initial } = state;
  await renderPage(res, 'captions/editor', {
    title: t('captions.editor.title', { title: video.title }),
    video: { id: video.id, title: video.title },
    language: ref.language,
    languageName: languageName(t, ref.language),
    player,
    notPlayable: !isPlayable,
    initialJson: JSON.stringify(initial).replace(/</g, '\\u003c'),
    messagesJson: JSON.stringify(Object.fromEntries(clientKeys.map((k) => [k, t(k)]))).replace(/</g, '\\u003c'),
    apiUrl,
    csrf: csrfToken && !sessionToken ? csrfToken : '',
    sessionToken: sessionToken ?? '',
    backUrl: `/videos/${video.id}/captions`,
    watchUrl: `/videos/${video.id}/watch`,
  });
}
