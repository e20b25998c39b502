// Storyboard sprites and their WebVTT. Keyframes only (-skip_frame nokey) from the lowest rendition,
// which has one every 2 s: 0.5 s of work instead of 12 CPU-seconds (MEDIA-NOTES). Two cheap passes:
// the first writes the tiles, so the VTT describes the tiles that exist rather than a guess at how
// ffmpeg's fps filter rounds at the end of the file; the second packs them into sheets.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaTools } from './locate-ffmpeg.js';
import { TranscodeCancelledError, TranscodeFailedError } from './media-errors.js';
import { listFiles, prepareEmptyDir, removeDir } from './output-dir.js';
import { runTool } from './run-tool.js';
import { buildStoryboardVtt, expectedTileCount, type StoryboardLayout } from './storyboard-vtt.js';

export const STORYBOARD_VTT = 'storyboard.vtt';

export type StoryboardOptions = {
  /** Best the lowest rendition's playlist (outDir/v2/index.m3u8) or any file with regular keyframes. */
  input: string;
  /** Owned by the storyboard: emptied first, removed on failure. */
  outDir: string;
  durationSeconds: number;
  intervalSeconds?: number;
  signal?: AbortSignal;
};

export type StoryboardOutput = { vtt: string; sprites: string[]; tileCount: number };

async function ffmpeg(tools: MediaTools, args: string[], signal?: AbortSignal): Promise<void> {
  const run = await runTool({ command: tools.ffmpegPath, args: ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...args], signal });
  if (run.isAborted) throw new TranscodeCancelledError('The storyboard was cancelled');
  if (run.exitCode !== 0) throw new TranscodeFailedError(`ffmpeg could not make the storyboard (exit ${run.exitCode})`, run.stderrTail);
}

export async function makeStoryboard(opts: StoryboardOptions & { tools: MediaTools }): Promise<StoryboardOutput> {
  const layout = { intervalSeconds: opts.intervalSeconds ?? 5, columns: 10, rows: 10, tileWidth: 160, tileHeight: 90 };
  const { outDir, tools } = opts;
  const tilesDir = path.join(outDir, 'tiles');
  await prepareEmptyDir(outDir);
  await prepareEmptyDir(tilesDir);
  try {
    const fit = `scale=${layout.tileWidth}:${layout.tileHeight}:force_original_aspect_ratio=decrease`;
    const pad = `pad=${layout.tileWidth}:${layout.tileHeight}:(ow-iw)/2:(oh-ih)/2`;
    // eof_action=pass keeps the last interval's tile, which the default drops on short clips.
    await ffmpeg(tools, ['-skip_frame', 'nokey', '-i', opts.input, '-vf', `fps=1/${layout.intervalSeconds}:eof_action=pass,${fit},${pad}`,
      '-frames:v', String(expectedTileCount(opts.durationSeconds, layout.intervalSeconds)), '-q:v', '4', path.join(tilesDir, 't_%05d.jpg')], opts.signal);
    const tileCount = (await readdir(tilesDir)).length;
    if (tileCount === 0) throw new TranscodeFailedError('ffmpeg found no keyframes for the storyboard', []);
    await ffmpeg(tools, ['-framerate', '1', '-i', path.join(tilesDir, 't_%05d.jpg'), '-vf', `tile=${layout.columns}x${layout.rows}`,
      '-q:v', '4', path.join(outDir, 'sprite_%03d.jpg')], opts.signal);
    await removeDir(tilesDir);
    const full: StoryboardLayout = { ...layout, tileCount, durationSeconds: opts.durationSeconds };
    await writeFile(path.join(outDir, STORYBOARD_VTT), buildStoryboardVtt(full));
    const sprites = (await listFiles(outDir)).filter((f) => f.startsWith('sprite_'));
    return { vtt: STORYBOARD_VTT, sprites, tileCount };
  } catch (err) {
    await removeDir(outDir);
    throw err;
  }
}
