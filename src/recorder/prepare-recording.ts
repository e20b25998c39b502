// The processing pipeline's one recorder step, run before probing, so that the duration, the poster, the
// storyboard and the ladder all describe what the person kept:
// - a recording trimmed in review is cut (and re-encoded) to the kept part;
// - a recording recovered after a crash ends where the browser last wrote a chunk, possibly inside a
//   Matroska element ("File ended prematurely"), which the probe rightly calls truncated for uploads;
//   for a recovered recording that cut is expected, so it is remuxed into a clean file first.
// Other videos, and recordings stopped normally and not trimmed, pass through untouched.
import path from 'node:path';
import { TranscodeCancelledError, TranscodeFailedError } from '../adapters/transcoder/media-errors.js';
import { runTool } from '../adapters/transcoder/run-tool.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { findRecordingProcessing } from './recordings.repo.js';
import { repairArgs, trimArgs } from './recording-trim.js';

export type PrepareRecordingOptions = { db: Db; log: Logger; ffmpegPath: string; videoId: string; source: string; workDir: string; signal?: AbortSignal };

/** Returns the file to process: the source itself, or its trimmed or repaired copy in the work folder. */
export async function prepareRecordingSource(opts: PrepareRecordingOptions): Promise<string> {
  const rec = await findRecordingProcessing(opts.db, opts.videoId);
  // Without ffmpeg the probe that follows fails with the error that tells an admin what to install.
  if (!rec || (!rec.trim && !rec.isRecovered) || !opts.ffmpegPath) return opts.source;
  const output = path.join(opts.workDir, rec.trim ? 'trimmed.mkv' : 'repaired.mkv');
  const args = rec.trim ? trimArgs({ input: opts.source, output, trim: rec.trim }) : repairArgs({ input: opts.source, output });
  const started = Date.now();
  const run = await runTool({ command: opts.ffmpegPath, args, signal: opts.signal });
  if (run.isAborted) throw new TranscodeCancelledError('Preparing the recording was cancelled');
  if (run.exitCode !== 0) throw new TranscodeFailedError(`ffmpeg could not ${rec.trim ? 'trim' : 'repair'} the recording (exit ${run.exitCode})`, run.stderrTail);
  opts.log.info({ videoId: opts.videoId, trim: rec.trim, isRecovered: rec.isRecovered, ms: Date.now() - started }, 'recording prepared before processing');
  return output;
}
