// ffprobe and the packet scan on real generated files.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { locateMediaTools } from '../../src/adapters/transcoder/locate-ffmpeg.js';
import { FfmpegNotFoundError, MediaRejectedError } from '../../src/adapters/transcoder/media-errors.js';
import { createFfmpegTranscoder, type Transcoder } from '../../src/adapters/transcoder/transcoder.js';
import { mediaFixture, type FixtureName } from '../helpers/media-fixtures.js';

let transcoder: Transcoder;
let scratch: string;
beforeAll(async () => {
  transcoder = await createFfmpegTranscoder({ searchPath: process.env.PATH });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'luento-probe-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('locating ffmpeg', () => {
  it('finds Debian ffmpeg and ffprobe on the PATH', () => {
    expect(transcoder.describe()).toMatchObject({ ffmpegPath: expect.stringMatching(/ffmpeg$/), ffprobePath: expect.stringMatching(/ffprobe$/), ffmpegVersion: expect.stringMatching(/^\d/) });
  });

  it('says clearly when there is no ffmpeg on the PATH', async () => {
    const empty = await mkdtemp(path.join(scratch, 'nopath-'));
    await expect(locateMediaTools({ searchPath: empty })).rejects.toMatchObject({
      code: 'ffmpeg_not_found',
      message: expect.stringContaining('apt-get install ffmpeg'),
    });
  });

  it('names a wrong FFMPEG_PATH', async () => {
    const err: unknown = await locateMediaTools({ ffmpegPath: '/nonexistent/ffmpeg', searchPath: process.env.PATH }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegNotFoundError);
    expect((err as Error).message).toContain('FFMPEG_PATH is set to /nonexistent/ffmpeg');
  });

  it('refuses an "ffmpeg" that does not run', async () => {
    const dir = await mkdtemp(path.join(scratch, 'fakebin-'));
    const fake = path.join(dir, 'ffmpeg');
    await writeFile(fake, '#!/bin/sh\nexit 3\n');
    await chmod(fake, 0o755);
    await expect(locateMediaTools({ ffmpegPath: fake, ffprobePath: fake })).rejects.toMatchObject({ code: 'ffmpeg_not_found' });
  });
});

describe('probe', () => {
  it('reads a 640×360 H.264/AAC clip', async () => {
    const info = await transcoder.probe(await mediaFixture('clip360'));
    expect(info.durationSeconds).toBeCloseTo(6, 0);
    expect(info.video).toEqual([expect.objectContaining({ codec: 'h264', width: 640, height: 360, fps: 30 })]);
    expect(info.audio).toEqual([expect.objectContaining({ codec: 'aac' })]);
  });

  it('measures the duration of a WebM recording whose header has none', async () => {
    const info = await transcoder.probe(await mediaFixture('webmRecording'));
    expect(info.isDurationMeasured).toBe(true);
    expect(info.durationSeconds).toBeGreaterThan(2.5);
    expect(info.durationSeconds).toBeLessThanOrEqual(3.1);
    expect(info.video[0]?.codec).toBe('vp8');
    expect(info.audio[0]?.codec).toBe('opus');
  });

  it('reads an audio-only file', async () => {
    const info = await transcoder.probe(await mediaFixture('audioOnly'));
    expect([info.video.length, info.audio.length]).toEqual([0, 1]);
  });

  it.each<[FixtureName, string, RegExp]>([
    ['truncatedMp4', 'media_truncated', /MP4/],
    ['truncatedWebm', 'media_truncated', /File ended prematurely/],
    ['textAsMp4', 'media_not_media', /not audio or video/],
  ])('rejects %s as %s with a reason', async (name, code, reason) => {
    const file = await mediaFixture(name);
    const err: unknown = await transcoder.probe(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaRejectedError);
    expect(err).toMatchObject({ code, status: 422 });
    expect((err as Error).message).toMatch(reason);
    expect((err as Error).message).not.toContain(file);
  });

  it('rejects an empty file', async () => {
    const file = path.join(await mkdtemp(path.join(scratch, 'empty-')), 'empty.mp4');
    await writeFile(file, '');
    await expect(transcoder.probe(file)).rejects.toMatchObject({ code: 'media_not_media' });
  });
});
