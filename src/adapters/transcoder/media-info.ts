// Pure: turns ffprobe's JSON and a packet scan into a typed MediaInfo, or a MediaRejectedError that says
// why the file cannot become a video. probe.ts runs the programs; everything decided here is unit-tested.
import { z } from 'zod';
import { MediaRejectedError } from './media-errors.js';

export type VideoStreamInfo = {
  index: number;
  codec: string;
  /** Display size: after the rotation tag and the sample aspect ratio, as a viewer sees the picture. */
  width: number;
  height: number;
  /** Frames per second (average), or null when the container does not say (variable frame rate). */
  fps: number | null;
  rotation: number;
};
export type AudioStreamInfo = { index: number; codec: string; channels: number; sampleRate: number | null };
export type MediaInfo = {
  formatName: string;
  durationSeconds: number;
  /** True when the container had no duration (MediaRecorder WebM) and it was measured by reading packets. */
  isDurationMeasured: boolean;
  sizeBytes: number | null;
  video: VideoStreamInfo[];
  audio: AudioStreamInfo[];
};

const numeric = z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number());
const streamSchema = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  sample_aspect_ratio: z.string().optional(),
  channels: z.number().int().optional(),
  sample_rate: numeric.optional(),
  duration: numeric.optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.object({ rotation: z.number().optional() })).optional(),
});
export const ffprobeOutputSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z
    .object({ format_name: z.string().optional(), duration: numeric.optional(), size: numeric.optional() })
    .default({}),
});
export type FfprobeOutput = z.infer<typeof ffprobeOutputSchema>;
type FfprobeStream = z.infer<typeof streamSchema>;

/** What a fast read of every packet (`-c copy -f null`) found: where the last packet ends, and complaints. */
export type PacketScan = { exitCode: number | null; endSeconds: number | null; stderrTail: string[] };

/** "30000/1001" → 29.97; null for 0/0 and for nonsense rates that variable-frame-rate files report. */
export function parseFrameRate(rate: string | undefined): number | null {
  const m = /^(\d+)\/(\d+)$/.exec(rate ?? '');
  if (!m) return null;
  const fps = Number(m[1]) / Number(m[2]);
  return Number.isFinite(fps) && fps >= 1 && fps <= 240 ? Math.round(fps * 1000) / 1000 : null;
}

function rotationOf(s: FfprobeStream): number {
  const fromSideData = s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  const raw = fromSideData ?? Number(s.tags?.rotate ?? 0);
  return ((Math.round(raw / 90) * 90) % 360 + 360) % 360;
}

function toVideoStream(s: FfprobeStream): VideoStreamInfo | null {
  if (s.codec_type !== 'video' || !s.codec_name || !s.width || !s.height || s.disposition?.attached_pic) return null;
  const sar = /^(\d+):(\d+)$/.exec(s.sample_aspect_ratio ?? '');
  const sarRatio = sar && Number(sar[1]) > 0 && Number(sar[2]) > 0 ? Number(sar[1]) / Number(sar[2]) : 1;
  const rotation = rotationOf(s);
  const displayWidth = Math.round(s.width * sarRatio);
  const isSideways = rotation === 90 || rotation === 270;
  return {
    index: s.index,
    codec: s.codec_name,
    width: isSideways ? s.height : displayWidth,
    height: isSideways ? displayWidth : s.height,
    fps: parseFrameRate(s.avg_frame_rate) ?? parseFrameRate(s.r_frame_rate),
    rotation,
  };
}

function toAudioStream(s: FfprobeStream): AudioStreamInfo | null {
  if (s.codec_type !== 'audio' || !s.codec_name || !s.channels) return null;
  return { index: s.index, codec: s.codec_name, channels: s.channels, sampleRate: s.sample_rate ?? null };
}

// Demuxer complaints that mean the file stops before its end (checked on these machines: a WebM cut
// mid-cluster says "File ended prematurely", an MP4 cut inside mdat says "partial file").
const TRUNCATION_MARKERS = /File ended prematurely|partial file|Truncating packet|Invalid data found|moov atom not found|Read error/i;
const IMAGE_FORMATS = /(^|,)(image2|[a-z0-9]+_pipe|gif|apng|webp)(,|$)/;

export function classifyMedia(opts: { probe: FfprobeOutput; scan: PacketScan; minDurationSeconds?: number }): MediaInfo {
  const { probe, scan } = opts;
  const formatName = probe.format.format_name ?? 'unknown';
  if (IMAGE_FORMATS.test(formatName)) throw new MediaRejectedError('not_media', `The file is an image (${formatName}), not audio or video.`, { formatName });
  const video = probe.streams.map(toVideoStream).filter((s) => s !== null);
  const audio = probe.streams.map(toAudioStream).filter((s) => s !== null);
  if (!video.length && !audio.length) {
    const found = probe.streams.map((s) => s.codec_type ?? 'unknown').join(', ') || 'none';
    throw new MediaRejectedError('no_usable_stream', `The file has no playable video or audio stream (streams found: ${found}).`, { formatName });
  }
  const complaint = scan.stderrTail.find((l) => TRUNCATION_MARKERS.test(l));
  if (complaint || (scan.exitCode !== null && scan.exitCode !== 0)) {
    throw new MediaRejectedError('truncated', `The file is truncated or corrupt: ${complaint ?? scan.stderrTail.at(-1) ?? `exit ${scan.exitCode}`}`, {
      formatName,
      readableSeconds: scan.endSeconds,
    });
  }
  const declared = probe.format.duration ?? Math.max(0, ...probe.streams.map((s) => s.duration ?? 0));
  const isDurationMeasured = !(declared > 0);
  const durationSeconds = isDurationMeasured ? (scan.endSeconds ?? 0) : declared;
  if (!(durationSeconds >= (opts.minDurationSeconds ?? 0.1))) {
    throw new MediaRejectedError('zero_duration', `The file has no length (duration ${durationSeconds} s).`, { formatName });
  }
  return { formatName, durationSeconds, isDurationMeasured, sizeBytes: probe.format.size ?? null, video, audio };
}

/** When ffprobe cannot open the file at all: a cut-off file of a known container, or not media. */
export function classifyUnreadable(opts: { stderrTail: string[]; header: Buffer }): MediaRejectedError {
  const { header } = opts;
  const stderr = opts.stderrTail.join('\n');
  const isMp4 = header.subarray(4, 8).toString('latin1') === 'ftyp';
  const isMatroska = header.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
  // An MP4 without its moov atom (cut before the end, not fast-started) or a Matroska header that ends early.
  if ((isMp4 && /moov atom not found|Invalid data/i.test(stderr)) || isMatroska) {
    return new MediaRejectedError('truncated', `The file starts like ${isMp4 ? 'an MP4' : 'a WebM/Matroska'} file but cannot be read: ${opts.stderrTail.at(-1) ?? 'unknown error'}`);
  }
  return new MediaRejectedError('not_media', `The file is not audio or video: ${opts.stderrTail.at(-1) ?? 'ffprobe could not read it'}`);
}
