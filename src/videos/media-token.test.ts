import { deriveMediaTokenKey, signMediaToken, verifyMediaToken } from './media-token.js';

const key = deriveMediaTokenKey('test-secret-key-that-is-long-enough-0123456789');
const now = new Date('2026-11-29T12:00:00Z');
const vid = '6f0b7f0e-8a44-4a55-9d4c-0a3f1c2b9e11';

describe('media tokens', () => {
  it('verifies for its video within its lifetime', async () => {
    const t = await signMediaToken(key, { videoId: vid, ttlSeconds: 900, now });
    await expect(verifyMediaToken(key, t, { videoId: vid, now: new Date(now.getTime() + 60_000) })).resolves.toBeUndefined();
  });

  it.each([
    ['expired', async () => [await signMediaToken(key, { videoId: vid, ttlSeconds: 60, now }), vid, new Date(now.getTime() + 120_000)], 'media_token_expired'],
    ['for another video', async () => [await signMediaToken(key, { videoId: vid, ttlSeconds: 60, now }), 'another', now], 'media_token_wrong_video'],
    ['signed with another key', async () => [await signMediaToken(deriveMediaTokenKey('another-secret-key-that-is-long-enough-x'), { videoId: vid, ttlSeconds: 60, now }), vid, now], 'media_token_invalid'],
    ['altered', async () => {
      const t = await signMediaToken(key, { videoId: vid, ttlSeconds: 60, now });
      const [h, p, s] = t.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      payload.exp += 3600;
      return [`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`, vid, now];
    }, 'media_token_invalid'],
    ['garbage', async () => ['not-a-token', vid, now], 'media_token_invalid'],
    ['alg none', async () => [`${Buffer.from('{"alg":"none","typ":"luento-media"}').toString('base64url')}.${Buffer.from(JSON.stringify({ vid, exp: 9999999999 })).toString('base64url')}.`, vid, now], 'media_token_invalid'],
  ] as const)('refuses a token that is %s', async (_n, make, code) => {
    const [token, videoId, at] = (await make()) as [string, string, Date];
    await expect(verifyMediaToken(key, token, { videoId, now: at })).rejects.toMatchObject({ code, status: 403 });
  });
});
