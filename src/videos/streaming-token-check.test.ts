import type { MediaBlockCheck, MediaRefusal } from '../governance/media-block-list.js';
import { deriveMediaTokenKey, signMediaToken } from './media-token.js';
import { createMediaAccessCheck } from './streaming.routes.js';
import { signDownloadToken } from './streaming-tokens.js';

const key = deriveMediaTokenKey('test-secret-key-that-is-long-enough-0123456789');
const vid = '6f0b7f0e-8a44-4a55-9d4c-0a3f1c2b9e11';
const viewerId = '77';
const start = new Date('2026-11-29T12:00:00Z');
const sign = (ttlSeconds = 60) => signMediaToken(key, { videoId: vid, viewerId, ttlSeconds, now: start });

describe('createMediaAccessCheck (verified-token memory and the block list)', () => {
  it('accepts a remembered token until it expires, then refuses it', async () => {
    let now = start;
    const check = createMediaAccessCheck({ mediaTokenKey: key, now: () => now });
    const token = await sign();
    await expect(check(token, vid, false)).resolves.toMatchObject({ viewerId });
    now = new Date(start.getTime() + 59_000);
    await expect(check(token, vid, false)).resolves.toMatchObject({ viewerId });
    now = new Date(start.getTime() + 120_000);
    await expect(check(token, vid, false)).rejects.toMatchObject({ code: 'media_token_expired' });
  });

  it('remembers per video and per kind: a verified token opens nothing else', async () => {
    const check = createMediaAccessCheck({ mediaTokenKey: key, now: () => start });
    const token = await sign();
    await check(token, vid, false);
    await expect(check(token, '00000000-0000-4000-8000-000000000000', false)).rejects.toMatchObject({ code: 'media_token_wrong_video' });
    await expect(check(token, vid, true)).rejects.toMatchObject({ code: 'media_token_invalid' });
    const dl = await signDownloadToken(key, { videoId: vid, viewerId, ttlSeconds: 60, now: start });
    await expect(check(dl, vid, true)).resolves.toMatchObject({ viewerId });
    await expect(check(dl, vid, false)).rejects.toMatchObject({ code: 'media_token_invalid' });
  });

  it('asks the block list on every request, even for a remembered token, with the video and the viewer', async () => {
    let refusal: MediaRefusal | null = null;
    const asked: Array<[string, string]> = [];
    const blocks: MediaBlockCheck = { refusalFor: (v, u) => (asked.push([v, u]), refusal) };
    const check = createMediaAccessCheck({ mediaTokenKey: key, now: () => start, blocks });
    const token = await sign();
    await check(token, vid, false);
    for (const [r, code] of [['taken_down', 'video_taken_down'], ['trashed', 'video_in_trash'], ['purged', 'video_deleted'], ['viewer_disabled', 'media_viewer_disabled']] as const) {
      refusal = r;
      await expect(check(token, vid, false)).rejects.toMatchObject({ code, status: 403, details: { videoId: vid, viewerId } });
    }
    refusal = null;
    await expect(check(token, vid, false)).resolves.toMatchObject({ viewerId });
    expect(asked).toHaveLength(6);
    expect(new Set(asked.map((a) => a.join('|')))).toEqual(new Set([`${vid}|${viewerId}`]));
  });
});
