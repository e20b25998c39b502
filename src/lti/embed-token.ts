// The token a Deep Linking item carries in `custom`, naming one video. It is signed by Luento, so a
// resource link launch with it shows that video in any course, also in a copy of the course with a new
// context id, and nothing else. It never expires: the link lives as long as the course does.
import { jwtVerify, SignJWT } from 'jose';
import { LaunchRefusedError } from './launch-errors.js';

export const EMBED_CUSTOM_KEY = 'luento_embed';
export const EMBED_PATH = '/lti/embed';
const AUDIENCE = 'luento:embed';

export type EmbedTokens = {
  sign: (videoId: string) => Promise<string>;
  verify: (token: string | undefined) => Promise<{ videoId: string }>;
};

export function createEmbedTokens(opts: { key: Uint8Array; issuer: string }): EmbedTokens {
  return {
    sign: (videoId) => new SignJWT({ vid: videoId }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(opts.issuer).setAudience(AUDIENCE).setIssuedAt().sign(opts.key),
    async verify(token) {
      if (!token) throw new LaunchRefusedError('embed_token_invalid', `This link opens a video but carries no ${EMBED_CUSTOM_KEY} custom parameter`);
      try {
        const { payload } = await jwtVerify(token, opts.key, { algorithms: ['HS256'], issuer: opts.issuer, audience: AUDIENCE });
        if (typeof payload.vid !== 'string' || !payload.vid) throw new Error('no video id');
        return { videoId: payload.vid };
      } catch {
        throw new LaunchRefusedError('embed_token_invalid', 'The video link token is not valid: it was changed or not made by this Luento');
      }
    },
  };
}

/** A launch opens one video when its target is the embed URL or it carries an embed token. */
export function isEmbedLaunch(targetLinkUri: string, custom: Record<string, string>): boolean {
  return new URL(targetLinkUri).pathname === EMBED_PATH || EMBED_CUSTOM_KEY in custom;
}
