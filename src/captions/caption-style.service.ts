// A person's caption style, remembered on their user row so it follows them across devices and into
// every course's player.
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { UnauthenticatedError } from '../http/errors.js';
import { readCaptionStyle, type CaptionStyle } from './caption-style.js';
import { readStoredCaptionStyle, writeCaptionStyle } from './caption-style.repo.js';

/** The actor's style, or the defaults (anonymous viewers and people who never chose). */
export async function loadCaptionStyle(db: Db, actor: Actor): Promise<CaptionStyle> {
  if (actor.kind !== 'user') return readCaptionStyle(null);
  return readCaptionStyle(await readStoredCaptionStyle(db, actor.userId));
}

/** Anyone signed in may set their own style; nobody else's can be named, so no other check applies. */
export async function saveCaptionStyle(db: Db, actor: Actor, style: CaptionStyle): Promise<CaptionStyle> {
  if (actor.kind !== 'user') throw new UnauthenticatedError('Sign in through your course to remember a caption style');
  await writeCaptionStyle(db, actor.userId, style);
  return style;
}

/** What the player model carries: the style, and where to save a new one (only for signed-in viewers). */
export async function playerCaptionStyle(db: Db, actor: Actor): Promise<{ captionStyle: CaptionStyle; captionStyleUrl?: string }> {
  const captionStyle = await loadCaptionStyle(db, actor);
  return actor.kind === 'user' ? { captionStyle, captionStyleUrl: '/me/caption-style' } : { captionStyle };
}
