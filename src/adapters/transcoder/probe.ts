// Impure shell of media-info.ts: runs ffprobe for the container and streams, then one fast read of every
// packet without decoding. The read finds files cut off mid-way, and measures the duration of
// MediaRecorder WebM files, whose headers have none. It costs about the time to read the file once.
import { open, stat } from 'node:fs/promises';
import { classifyMedia, classifyUnreadable, ffprobeOutputSchema, type MediaInfo, type PacketScan } from './media-info.js';
import type { MediaTools } from './locate-ffmpeg.js';
import { MediaRejectedError } from './media-errors.js';
import { runTool } from './run-tool.js';

export type ProbeOptions = { tools: MediaTools; file: string; signal?: AbortSignal; minDurationSeconds?: number };

/** Reasons reach the uploader: no server paths, no memory addresses. */
function cleanLine(line: string, file: string): string {
  return line.replaceAll(file, 'the file').replace(/ @ 0x[0-9a-f]+\]/g, ']');
}

async function readHeader(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function scanPackets(tools: MediaTools, file: string, signal?: AbortSignal): Promise<PacketScan> {
  let endUs: number | null = null;
  const run = await runTool({
    command: tools.ffmpegPath,
    args: ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-f', 'null', '-progress', 'pipe:1', '-nostats', '-'],
    signal,
    onStdoutLine: (line) => {
      const m = /^out_time_us=(\d+)/.exec(line);
      if (m) endUs = Number(m[1]);
    },
  });
  if (run.isAborted) throw new DOMException('The probe was aborted', 'AbortError');
  return { exitCode: run.exitCode, endSeconds: endUs === null ? null : endUs / 1e6, stderrTail: run.stderrTail.map((l) => cleanLine(l, file)) };
}

/** Reads a media file's facts, or throws MediaRejectedError (not_media, no_usable_stream, truncated, zero_duration). */
export async function probeMedia(opts: ProbeOptions): Promise<MediaInfo> {
  const { tools, file, signal } = opts;
  const { size } = await stat(file); // a missing file is our bug, not the uploader's: let ENOENT through
  if (size === 0) throw new MediaRejectedError('not_media', 'The file is empty (0 bytes).');
  const run = await runTool({ command: tools.ffprobePath, args: ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], signal });
  if (run.isAborted) throw new DOMException('The probe was aborted', 'AbortError');
  if (run.exitCode !== 0) throw classifyUnreadable({ stderrTail: run.stderrTail.map((l) => cleanLine(l, file)), header: await readHeader(file) });
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new MediaRejectedError('not_media', 'ffprobe gave no readable description of the file.');
  }
  const parsed = ffprobeOutputSchema.safeParse(json);
  if (!parsed.success) throw new MediaRejectedError('not_media', `ffprobe described the file in an unexpected way: ${parsed.error.issues[0]?.message ?? ''}`);
  const scan = await scanPackets(tools, file, signal);
  return classifyMedia({ probe: parsed.data, scan, minDurationSeconds: opts.minDurationSeconds });
}
