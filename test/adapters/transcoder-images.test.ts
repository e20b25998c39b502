// Poster and storyboard on real ffmpeg.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { planRenditions } from '../../src/adapters/transcoder/renditions.js';
import { createFfmpegTranscoder, type Transcoder } from '../../src/adapters/transcoder/transcoder.js';
import { mediaFixture } from '../helpers/media-fixtures.js';

let transcoder: Transcoder;
let work: string;
beforeAll(async () => {
  transcoder = await createFfmpegTranscoder({ searchPath: process.env.PATH });
  work = await mkdtemp(path.join(os.tmpdir(), 'luento-images-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const run = promisify(execFile);

async function jpegSize(file: string) {
  const { stdout } = await run(transcoder.describe().ffprobePath, ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', file]);
  const [codec, width, height] = stdout.trim().split(',');
  return { codec, width: Number(width), height: Number(height) };
}

describe('poster', () => {
  it.each([
    ['clip1080', 1280, 720, 0.2],
    ['clip360', 640, 360, 0.6],
  ] as const)('makes a JPEG of %s, %p wide, at min(5 s, 10%%)', async (name, width, height, at) => {
    const input = await mediaFixture(name);
    const { durationSeconds } = await transcoder.probe(input);
    const output = path.join(work, `${name}-poster.jpg`);
    const result = await transcoder.makePoster({ input, output, durationSeconds });
    expect(result.atSeconds).toBeCloseTo(at, 1);
    expect(await jpegSize(output)).toMatchObject({ codec: 'mjpeg', width, height });
    expect(existsSync(`${output}.part`)).toBe(false);
  });
});

describe('storyboard', () => {
  it('makes a sprite of keyframes from the lowest rendition, and a VTT with one cue per tile', async () => {
    const input = await mediaFixture('clip360');
    const plan = planRenditions(await transcoder.probe(input));
    const hls = path.join(work, 'sb-hls');
    await transcoder.transcode({ input, outDir: hls, plan });
    const lowest = path.join(hls, 'v0', 'index.m3u8');
    const at = (intervalSeconds: number, dir: string) =>
      transcoder.makeStoryboard({ input: lowest, outDir: path.join(work, dir), durationSeconds: plan.durationSeconds, intervalSeconds });
    // Keyframes every 2 s: a 6 s clip has them at 0, 2 and 4 s.
    const every2 = await at(2, 'sb2');
    expect(every2).toEqual({ vtt: 'storyboard.vtt', sprites: ['sprite_001.jpg'], tileCount: 3 });
    const vtt = await readFile(path.join(work, 'sb2', 'storyboard.vtt'), 'utf8');
    expect(vtt.match(/-->/g)).toHaveLength(3);
    expect(vtt).toContain('00:00:00.000 --> 00:00:02.000\nsprite_001.jpg#xywh=0,0,160,90');
    expect(vtt).toContain('00:00:02.000 --> 00:00:04.000\nsprite_001.jpg#xywh=160,0,160,90');
    expect(vtt).toMatch(/00:00:04\.000 --> 00:00:0[56]\.\d{3}\nsprite_001\.jpg#xywh=320,0,160,90/);
    expect(await jpegSize(path.join(work, 'sb2', 'sprite_001.jpg'))).toMatchObject({ width: 1600, height: 900 });
    expect(existsSync(path.join(work, 'sb2', 'tiles'))).toBe(false);
    // Every 5 s there is no keyframe after 4 s, so one tile covers the whole clip and the VTT says so.
    const every5 = await at(5, 'sb5');
    const vtt5 = await readFile(path.join(work, 'sb5', 'storyboard.vtt'), 'utf8');
    expect(vtt5.match(/-->/g)).toHaveLength(every5.tileCount);
    expect(vtt5).toMatch(/ --> 00:00:0[56]\.\d{3}\nsprite_001\.jpg#xywh=\d+,0,160,90\n$/);
  });

  it('removes its folder when the input cannot be read', async () => {
    const outDir = path.join(work, 'storyboard-bad');
    await expect(transcoder.makeStoryboard({ input: await mediaFixture('textAsMp4'), outDir, durationSeconds: 6 })).rejects.toMatchObject({ code: 'transcode_failed' });
    expect(existsSync(outDir)).toBe(false);
  });
});
