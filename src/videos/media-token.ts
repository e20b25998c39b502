// Short-lived tokens for media URLs (playlists, segments, captions, storyboard), scoped to one video and
// naming its viewer. Checking one needs no database query, so a CDN or an nginx secure_link can serve the
// bytes at scale. The viewer's id (`uid`) lets the media route refuse the tokens of an account an admin
// has disabled (src/governance/media-block-list.ts) without a query. The payload is only signed, not
// encrypted: anyone holding the URL can read the video id and the (numeric, internal) user id.
// Claims are kept to vid, uid and exp, because the token sits in every segment URL.
import { hkdfSync } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import type { Actor } from '../auth/permissions.js';
import { AppError, UnauthenticatedError } from '../http/errors.js';

export class MediaTokenError extends AppError {
  constructor(reason: 'expired' | 'invalid' | 'wrong_video') {
    const text = {
      expired: 'This media link has expired. Reload the page to get a new one.',
      invalid: 'This media link is not valid.',
      wrong_video: 'This media link is for another video.',
    }[reason];
    super(`media_token_${reason}`, 403, text, 'error.forbidden');
  }
}

export type MediaTokenKey = Uint8Array;
/** What a valid token says: whose it is (the video is checked against the URL). */
export type MediaTokenClaims = { viewerId: string; expiresAt: number };
export type MediaTokenInput = { videoId: string; viewerId: string; ttlSeconds: number; now: Date };

const TYP = 'luento-media';
const USER_ID = /^\d{1,18}$/;

/** A key of its own for media tokens, derived from the site secret (RFC 5869 HKDF). */
export function deriveMediaTokenKey(secretKey: string): MediaTokenKey {
  return new Uint8Array(hkdfSync('sha256', secretKey, 'luento', 'luento media token v1', 32));
}

/** The viewer a media token is minted for: only a person has media links (the system never plays). */
export function mediaViewerId(actor: Actor): string {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  return actor.userId;
}

/** Signs a token of type `typ` with the given claims plus vid, uid and exp (shared with download tokens). */
export async function signVideoToken(key: MediaTokenKey, typ: string, o: MediaTokenInput, extra: Record<string, unknown> = {}): Promise<string> {
  if (!USER_ID.test(o.viewerId)) throw new Error(`A media token needs the viewer's user id, got ${JSON.stringify(o.viewerId)}`);
  const exp = Math.floor(o.now.getTime() / 1000) + o.ttlSeconds;
  return new SignJWT({ vid: o.videoId, uid: o.viewerId, ...extra }).setProtectedHeader({ alg: 'HS256', typ }).setExpirationTime(exp).sign(key);
}

/** Verifies signature, type, expiry and video; a token without a well-formed viewer is not valid. */
export async function verifyVideoToken(key: MediaTokenKey, typ: string, token: string, opts: { videoId: string; now: Date }): Promise<{ claims: MediaTokenClaims; payload: JWTPayload }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], typ, currentDate: opts.now, clockTolerance: 5, requiredClaims: ['exp'] }));
  } catch (err) {
    throw new MediaTokenError(err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
  }
  if (typeof payload.uid !== 'string' || !USER_ID.test(payload.uid)) throw new MediaTokenError('invalid');
  if (payload.vid !== opts.videoId) throw new MediaTokenError('wrong_video');
  return { claims: { viewerId: payload.uid, expiresAt: (payload.exp ?? 0) * 1000 }, payload };
}

export async function signMediaToken(key: MediaTokenKey, opts: MediaTokenInput): Promise<string> {
  return signVideoToken(key, TYP, opts);
}

export async function verifyMediaToken(key: MediaTokenKey, token: string, opts: { videoId: string; now: Date }): Promise<MediaTokenClaims> {
  return (await verifyVideoToken(key, TYP, token, opts)).claims;
}
