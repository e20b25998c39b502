// Download tokens: a separate token type (JWT typ "luento-media-dl", claim dl: true) from the playback
// token, signed with the same key and naming the viewer the same way. A playback token never opens
// source/, and a download token opens nothing but source/, so leaking one does not widen the other.
// Minted only when the owner allows downloads; turning downloads off takes effect when the tokens
// already out expire (minutes).
import { MediaTokenError, signVideoToken, verifyVideoToken, type MediaTokenClaims, type MediaTokenInput, type MediaTokenKey } from './media-token.js';

const TYP = 'luento-media-dl';

export async function signDownloadToken(key: MediaTokenKey, opts: MediaTokenInput): Promise<string> {
  return signVideoToken(key, TYP, opts, { dl: true });
}

export async function verifyDownloadToken(key: MediaTokenKey, token: string, opts: { videoId: string; now: Date }): Promise<MediaTokenClaims> {
  const { claims, payload } = await verifyVideoToken(key, TYP, token, opts);
  if (payload.dl !== true) throw new MediaTokenError('invalid');
  return claims;
}
