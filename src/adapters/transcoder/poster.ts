// A poster frame: at min(5 s, 10% of the duration) so short clips still show something, scaled to 1280
// wide (never wider than the source: the ladder does not upscale, and neither does the poster).
import { rename, stat } from 'node:fs/promises';
import type { MediaTools } from './locate-ffmpeg.js';
import { TranscodeCancelledError, TranscodeFailedError } from './media-errors.js';
import { removeDir } from './output-dir.js';
import { runTool } from './run-tool.js';

export type PosterOptions = { input: string; output: string; durationSeconds: number; maxWidth?: number; signal?: AbortSignal };

export const posterTime = (durationSeconds: number) => Math.min(5, durationSeconds * 0.1);

async function hasContent(file: string): Promise<boolean> {
  return stat(file).then((s) => s.size > 0, () => false);
}

export async function makePoster(opts: PosterOptions & { tools: MediaTools }): Promise<{ atSeconds: number }> {
  const maxWidth = opts.maxWidth ?? 1280;
  const temp = `${opts.output}.part`;
  const attempt = async (atSeconds: number) => {
    const run = await runTool({
      command: opts.tools.ffmpegPath,
      args: ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-ss', String(atSeconds), '-i', opts.input, '-frames:v', '1',
        '-vf', `scale='min(${maxWidth},iw)':-2`, '-q:v', '3', '-f', 'image2', '-update', '1', temp],
      signal: opts.signal,
    });
    if (run.isAborted) throw new TranscodeCancelledError('The poster was cancelled');
    if (run.exitCode !== 0) throw new TranscodeFailedError(`ffmpeg could not make a poster (exit ${run.exitCode})`, run.stderrTail);
    return hasContent(temp);
  };
  try {
    let atSeconds = posterTime(opts.durationSeconds);
    // A seek past the last decodable frame writes nothing; the first frame always exists.
    if (!(await attempt(atSeconds))) {
      atSeconds = 0;
      if (!(await attempt(0))) throw new TranscodeFailedError('ffmpeg found no video frame for the poster', []);
    }
    await rename(temp, opts.output);
    return { atSeconds };
  } catch (err) {
    await removeDir(temp);
    throw err;
  }
}
