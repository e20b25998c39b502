// Pure: the trim a person chose in review, checked against what the recorder measured, and the ffmpeg
// arguments that cut it. The browser sends milliseconds; the cut happens in processing (prepare-recording.ts),
// because a MediaRecorder WebM has few keyframes and no cue index, so a cut in the browser would mean
// encoding the whole recording again there, in real time.

/** Shorter than this, a kept part is not a video (and a slip of the trim controls, not an intent). */
export const MIN_KEPT_MS = 500;

export type TrimRequest = { recordedMs: number; trimStartMs?: number | undefined; trimEndMs?: number | undefined };
/** What processing cuts: from startMs, to endMs (null: to the end). Null when nothing is cut. */
export type Trim = { startMs: number; endMs: number | null };

export type TrimCheck = { ok: true; trim: Trim | null } | { ok: false; message: string };

/**
 * A start at (or near) 0 and an end at (or past) the recorded length mean "not trimmed": the recorder's
 * clock and the file's timestamps differ by a few frames, so an end within 100 ms of the length is the end.
 */
export function checkTrim(req: TrimRequest): TrimCheck {
  const start = Math.max(0, Math.round(req.trimStartMs ?? 0));
  const rawEnd = req.trimEndMs === undefined ? null : Math.round(req.trimEndMs);
  const end = rawEnd === null || rawEnd >= req.recordedMs - 100 ? null : rawEnd;
  if (end !== null && end <= start) return { ok: false, message: 'The end of the trim must come after its start' };
  const kept = (end ?? req.recordedMs) - start;
  if (kept < MIN_KEPT_MS) return { ok: false, message: `The trim keeps less than ${MIN_KEPT_MS / 1000} s of the recording; keep more of it` };
  if (start < 50 && end === null) return { ok: true, trim: null };
  return { ok: true, trim: { startMs: start, endMs: end } };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * ffmpeg arguments that cut [start, end) out of a recording into a near-lossless intermediate. The
 * input seek (-ss before -i) is frame-accurate when re-encoding; x264 ultrafast at CRF 16 keeps the
 * picture for the ladder's encode at a fraction of its CPU cost.
 */
export function trimArgs(opts: { input: string; output: string; trim: Trim }): string[] {
  const { trim } = opts;
  const duration = trim.endMs === null ? [] : ['-t', seconds(trim.endMs - trim.startMs)];
  return [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    '-ss', seconds(trim.startMs), '-i', opts.input, ...duration,
    '-map', '0:v?', '-map', '0:a?',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '192k',
    '-f', 'matroska', opts.output,
  ];
}

/** ffmpeg arguments that copy a recording's streams into a fresh Matroska file, dropping a cut-off last element. */
export function repairArgs(opts: { input: string; output: string }): string[] {
  return ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-i', opts.input, '-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-f', 'matroska', opts.output];
}
