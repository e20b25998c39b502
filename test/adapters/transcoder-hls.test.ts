// The single-pass HLS ladder on real ffmpeg, and what it leaves on disk when it fails or is cancelled.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TranscodeCancelledError, TranscodeFailedError } from '../../src/adapters/transcoder/media-errors.js';
import { planRenditions } from '../../src/adapters/transcoder/renditions.js';
import { createFfmpegTranscoder, type Transcoder } from '../../src/adapters/transcoder/transcoder.js';
import { mediaFixture, type FixtureName } from '../helpers/media-fixtures.js';

let transcoder: Transcoder;
let work: string;
beforeAll(async () => {
  transcoder = await createFfmpegTranscoder({ searchPath: process.env.PATH });
  work = await mkdtemp(path.join(os.tmpdir(), 'luento-hls-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function transcode(name: FixtureName, opts: { signal?: AbortSignal; onProgress?: (p: number) => void } = {}) {
  const input = await mediaFixture(name);
  const plan = planRenditions(await transcoder.probe(input));
  const outDir = path.join(work, name, 'hls');
  const output = await transcoder.transcode({ input, outDir, plan, ...opts });
  return { output, outDir, master: await readFile(path.join(outDir, 'master.m3u8'), 'utf8') };
}

const resolutions = (master: string) => [...master.matchAll(/RESOLUTION=(\d+x\d+)/g)].map((m) => m[1]);

describe('transcode to HLS', () => {
  it('makes the 1080p/720p/360p ladder of a 1080p source in one pass, with progress up to 100', async () => {
    const seen: number[] = [];
    const { output, outDir, master } = await transcode('clip1080', { onProgress: (p) => seen.push(p) });
    expect(resolutions(master)).toEqual(['1920x1080', '1280x720', '640x360']);
    expect(master).toMatch(/CODECS="avc1\.64[0-9a-f]{4},mp4a\.40\.2"/);
    expect(output.renditions.map((r) => [r.dir, r.height])).toEqual([['v0', 1080], ['v1', 720], ['v2', 360]]);
    for (const dir of ['v0', 'v1', 'v2']) {
      expect(output.files).toEqual(expect.arrayContaining([`${dir}/index.m3u8`, `${dir}/seg_000.m4s`]));
      const playlist = await readFile(path.join(outDir, dir, 'index.m3u8'), 'utf8');
      expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(playlist).toMatch(/#EXT-X-MAP:URI="init_\d\.mp4"/);
    }
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('never upscales: a 360p source gets one 360p rendition, cut into 4 s segments', async () => {
    const { output, outDir, master } = await transcode('clip360');
    expect(resolutions(master)).toEqual(['640x360']);
    expect(output.files.filter((f) => f.endsWith('.m4s'))).toEqual(['v0/seg_000.m4s', 'v0/seg_001.m4s']);
    const playlist = await readFile(path.join(outDir, 'v0', 'index.m3u8'), 'utf8');
    expect(playlist).toContain('#EXTINF:4.000000,');
  });

  it('keeps a portrait video upright', async () => {
    expect(resolutions((await transcode('portrait')).master)).toEqual(['360x640']);
  });

  it('makes an audio-only HLS from an audio source', async () => {
    const { output, master } = await transcode('audioOnly');
    expect(master).toContain('CODECS="mp4a.40.2"');
    expect(master).not.toContain('RESOLUTION=');
    expect(output.files).toEqual(expect.arrayContaining(['master.m3u8', 'v0/index.m3u8', 'v0/seg_000.m4s']));
  });

  it('transcodes a VP8/Opus WebM recording without a declared duration', async () => {
    const seen: number[] = [];
    const { master } = await transcode('webmRecording', { onProgress: (p) => seen.push(p) });
    expect(resolutions(master)).toEqual(['320x180']);
    expect(seen.at(-1)).toBe(100);
  });

  it('is cancelled by its AbortSignal: ffmpeg is killed and no file is left', async () => {
    const controller = new AbortController();
    const outDir = path.join(work, 'cancelled');
    const input = await mediaFixture('clip1080');
    const plan = planRenditions(await transcoder.probe(input));
    const started = Date.now();
    const result = transcoder.transcode({ input, outDir, plan, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(result).rejects.toBeInstanceOf(TranscodeCancelledError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(existsSync(outDir)).toBe(false);
  });

  it('fails with the end of ffmpeg stderr and removes what it wrote', async () => {
    const outDir = path.join(work, 'failed');
    const plan = planRenditions(await transcoder.probe(await mediaFixture('clip360')));
    // The plan of one file applied to another that lacks its audio stream: ffmpeg refuses the mapping.
    const err: unknown = await transcoder.transcode({ input: await mediaFixture('audioOnly'), outDir, plan }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranscodeFailedError);
    expect((err as TranscodeFailedError).stderrTail.join('\n')).toMatch(/Stream specifier|matches no streams|Invalid/i);
    expect(existsSync(outDir)).toBe(false);
  });

  it('starts clean: a retry over a killed attempt keeps none of its files', async () => {
    const outDir = path.join(work, 'retry');
    await mkdir(path.join(outDir, 'v3'), { recursive: true });
    await writeFile(path.join(outDir, 'v3', 'seg_007.m4s'), 'left by a killed worker');
    const input = await mediaFixture('audioOnly');
    const output = await transcoder.transcode({ input, outDir, plan: planRenditions(await transcoder.probe(input)) });
    expect(output.files).not.toContain('v3/seg_007.m4s');
    expect(existsSync(path.join(outDir, 'v3'))).toBe(false);
  });
});
