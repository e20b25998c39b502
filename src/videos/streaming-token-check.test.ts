import { deriveMediaTokenKey, signMediaToken } from './media-token.js';
import { createTokenCheck } from './streaming.routes.js';
import { signDownloadToken } from './streaming-tokens.js';

const key = deriveMediaTokenKey('test-secret-key-that-is-long-enough-0123456789');
const vid = '6f0b7f0e-8a44-4a55-9d4c-0a3f1c2b9e11';
const start = new Date('2026-11-29T12:00:00Z');

describe('createTokenCheck (verified-token memory)', () => {
  it('accepts a remembered token until it expires, then refuses it', async () => {
    let now = start;
    const check = createTokenCheck({ mediaTokenKey: key, now: () => now });
    const token = await signMediaToken(key, { videoId: vid, ttlSeconds: 60, now: start });
    await expect(check(token, vid, false)).resolves.toBeUndefined();
    now = new Date(start.getTime() + 59_000);
    await expect(check(token, vid, false)).resolves.toBeUndefined();
    now = new Date(start.getTime() + 120_000);
    await expect(check(token, vid, false)).rejects.toMatchObject({ code: 'media_token_expired' });
  });

  it('remembers per video and per kind: a verified token opens nothing else', async () => {
    const check = createTokenCheck({ mediaTokenKey: key, now: () => start });
    const token = await signMediaToken(key, { videoId: vid, ttlSeconds: 60, now: start });
    await check(token, vid, false);
    await expect(check(token, '00000000-0000-4000-8000-000000000000', false)).rejects.toMatchObject({ code: 'media_token_wrong_video' });
    await expect(check(token, vid, true)).rejects.toMatchObject({ code: 'media_token_invalid' });
    const dl = await signDownloadToken(key, { videoId: vid, ttlSeconds: 60, now: start });
    await expect(check(dl, vid, true)).resolves.toBeUndefined();
    await expect(check(dl, vid, false)).rejects.toMatchObject({ code: 'media_token_invalid' });
  });
});
