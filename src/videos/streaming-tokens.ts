// Download tokens: a separate token type (JWT typ "luento-media-dl", claim dl: true) from the playback
// token, signed with the same key. A playback token never opens source/, and a download token opens
// nothing but source/, so leaking one does not widen the other. Minted only when the owner allows
// downloads; turning downloads off takes effect when the tokens already out expire (minutes).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { MediaTokenError, type MediaTokenKey } from './media-token.js';

const TYP = 'luento-media-dl';

export async function signDownloadToken(key: MediaTokenKey, opts: { videoId: string; ttlSeconds: number; now: Date }): Promise<string> {
  const iat = Math.floor(opts.now.getTime() / 1000);
  return new SignJWT({ vid: opts.videoId, dl: true }).setProtectedHeader({ alg: 'HS256', typ: TYP }).setIssuedAt(iat).setExpirationTime(iat + opts.ttlSeconds).sign(key);
}

export async function verifyDownloadToken(key: MediaTokenKey, token: string, opts: { videoId: string; now: Date }): Promise<void> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], typ: TYP, currentDate: opts.now, clockTolerance: 5 }));
  } catch (err) {
    throw new MediaTokenError(err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
  }
  if (payload.dl !== true) throw new MediaTokenError('invalid');
  if (payload.vid !== opts.videoId) throw new MediaTokenError('wrong_video');
}
