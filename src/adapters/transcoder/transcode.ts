// Runs the single-pass HLS ladder. Progress comes from `-progress pipe:1` (out_time_us against the
// duration); an AbortSignal kills ffmpeg; on failure or cancel the output folder is removed.
import path from 'node:path';
import { buildHlsArgs, MASTER_PLAYLIST, renditionDir } from './hls-args.js';
import type { MediaTools } from './locate-ffmpeg.js';
import { TranscodeCancelledError, TranscodeFailedError } from './media-errors.js';
import { listFiles, prepareEmptyDir, removeDir } from './output-dir.js';
import type { RenditionPlan } from './renditions.js';
import { runTool, type ToolRun } from './run-tool.js';

export type TranscodeOptions = {
  input: string;
  /** Owned by the transcode: emptied first, removed on failure. Must not contain "%". */
  outDir: string;
  plan: RenditionPlan;
  signal?: AbortSignal;
  /** Whole percents, increasing, ending with 100 on success. */
  onProgress?: (percent: number) => void;
};

export type HlsOutput = {
  masterPlaylist: string;
  renditions: Array<{ dir: string; name: string; width: number | null; height: number | null }>;
  /** Every file written, relative to outDir. */
  files: string[];
};

/** Turns ffmpeg's progress lines into whole, increasing percents. */
export function createProgressParser(durationSeconds: number, onProgress: (percent: number) => void): (line: string) => void {
  let last = -1;
  const emit = (p: number) => {
    if (p > last) {
      last = p;
      onProgress(p);
    }
  };
  return (line) => {
    if (line === 'progress=end') return emit(100);
    const m = /^out_time_us=(\d+)$/.exec(line);
    // Below 100 until ffmpeg says it has finished: the last packets are still being written.
    if (m && durationSeconds > 0) emit(Math.min(99, Math.floor(Number(m[1]) / 1e4 / durationSeconds)));
  };
}

function describeOutput(plan: RenditionPlan, files: string[]): HlsOutput {
  const renditions =
    plan.kind === 'audio'
      ? [{ dir: renditionDir(0), name: 'audio', width: null, height: null }]
      : plan.video.rungs.map((r, i) => ({ dir: renditionDir(i), name: r.name, width: r.width, height: r.height }));
  return { masterPlaylist: MASTER_PLAYLIST, renditions, files };
}

export async function transcodeToHls(opts: TranscodeOptions & { tools: MediaTools }): Promise<HlsOutput> {
  const { tools, outDir, plan } = opts;
  await prepareEmptyDir(outDir);
  const onLine = opts.onProgress ? createProgressParser(plan.durationSeconds, opts.onProgress) : () => undefined;
  const args = ['-loglevel', 'warning', '-progress', 'pipe:1', '-nostats', ...buildHlsArgs(plan, opts.input, outDir)];
  let run: ToolRun;
  try {
    run = await runTool({ command: tools.ffmpegPath, args, signal: opts.signal, onStdoutLine: onLine });
  } catch (err) {
    await removeDir(outDir);
    throw new TranscodeFailedError(`ffmpeg could not be started: ${(err as Error).message}`, []);
  }
  if (run.isAborted) {
    await removeDir(outDir);
    throw new TranscodeCancelledError('The transcode was cancelled', run.stderrTail);
  }
  const files = run.exitCode === 0 ? await listFiles(outDir) : [];
  if (!files.includes(MASTER_PLAYLIST)) {
    await removeDir(outDir);
    const how = run.killedBy ? `was killed by ${run.killedBy}` : `exited with code ${run.exitCode}`;
    throw new TranscodeFailedError(`ffmpeg ${how}${run.exitCode === 0 ? ' without writing a master playlist' : ''}`, run.stderrTail, {
      input: path.basename(opts.input),
    });
  }
  return describeOutput(plan, files);
}
