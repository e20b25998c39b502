// Short-lived tokens for media URLs (playlists, segments, captions, storyboard), scoped to one video.
// Checking one needs no database query, so a CDN or an nginx secure_link can serve the bytes at scale.
import { hkdfSync } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError } from '../http/errors.js';

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

/** A key of its own for media tokens, derived from the site secret (RFC 5869 HKDF). */
export function deriveMediaTokenKey(secretKey: string): MediaTokenKey {
  return new Uint8Array(hkdfSync('sha256', secretKey, 'luento', 'luento media token v1', 32));
}

export async function signMediaToken(key: MediaTokenKey, opts: { videoId: string; ttlSeconds: number; now: Date }): Promise<string> {
  const iat = Math.floor(opts.now.getTime() / 1000);
  return new SignJWT({ vid: opts.videoId })
    .setProtectedHeader({ alg: 'HS256', typ: 'luento-media' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + opts.ttlSeconds)
    .sign(key);
}

export async function verifyMediaToken(key: MediaTokenKey, token: string, opts: { videoId: string; now: Date }): Promise<void> {
  let vid: unknown;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      typ: 'luento-media',
      currentDate: opts.now,
      clockTolerance: 5,
    });
    vid = payload.vid;
  } catch (err) {
    throw new MediaTokenError(err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
  }
  if (vid !== opts.videoId) throw new MediaTokenError('wrong_video');
}
