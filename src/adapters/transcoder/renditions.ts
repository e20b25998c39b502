// Pure: the HLS ladder for one source. Rungs are named by the picture's short side (the height of a
// landscape video, the width of a portrait one), capped at the source and never upscaled.
import type { MediaInfo } from './media-info.js';

export type LadderRung = { shortSide: number; maxrateKbps: number };

/** 1080p, 720p and 360p, with maxrate caps that keep a capped-CRF H.264 lecture within typical links. */
export const defaultLadder: readonly LadderRung[] = [
  { shortSide: 1080, maxrateKbps: 5000 },
  { shortSide: 720, maxrateKbps: 2800 },
  { shortSide: 360, maxrateKbps: 800 },
];

export type RenditionOptions = {
  ladder?: readonly LadderRung[];
  crf?: number;
  /** HLS segment length; a multiple of keyframeSeconds so every segment starts on a keyframe. */
  segmentSeconds?: number;
  keyframeSeconds?: number;
  audioBitrateKbps?: number;
  /** Frame rate assumed when the source does not state one (variable-rate recordings). */
  defaultFps?: number;
  /** Higher source rates are reduced to this. */
  maxFps?: number;
};

export type VideoRendition = { name: string; width: number; height: number; crf: number; maxrateKbps: number; bufsizeKbps: number };
export type AudioRendition = { streamIndex: number; bitrateKbps: number; channels: 2; sampleRate: 48000 };
export type VideoTrackPlan = {
  streamIndex: number;
  fps: number;
  /** True when fps is lower than the source's and the encoder must drop frames to reach it. */
  isFpsReduced: boolean;
  gopFrames: number;
  keyframeSeconds: number;
  rungs: VideoRendition[];
};
export type RenditionPlan =
  | { kind: 'video'; durationSeconds: number; segmentSeconds: number; video: VideoTrackPlan; audio: AudioRendition | null }
  | { kind: 'audio'; durationSeconds: number; segmentSeconds: number; audio: AudioRendition };

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const evenDown = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

function sizeFor(opts: { shortSide: number; source: { width: number; height: number } }): { width: number; height: number } {
  const { width, height } = opts.source;
  const isPortrait = height > width;
  const srcShort = isPortrait ? width : height;
  const srcLong = isPortrait ? height : width;
  const short = evenDown(opts.shortSide);
  // Never wider than the source either: rounding to even must not add a column.
  const long = Math.min(even((short * srcLong) / srcShort), evenDown(srcLong));
  return isPortrait ? { width: short, height: long } : { width: long, height: short };
}

function planRungs(source: { width: number; height: number }, ladder: readonly LadderRung[], crf: number): VideoRendition[] {
  const srcShort = Math.min(source.width, source.height);
  const sorted = [...ladder].sort((a, b) => b.shortSide - a.shortSide);
  const fitting = sorted.filter((r) => r.shortSide <= srcShort);
  const rungs = fitting.map((r) => ({ shortSide: r.shortSide, maxrateKbps: r.maxrateKbps }));
  const lowest = sorted.at(-1);
  if (!rungs.length && lowest) {
    // Smaller than the lowest rung: one rendition at the source size, its bitrate cap scaled by area.
    const ratio = (srcShort * srcShort) / (lowest.shortSide * lowest.shortSide);
    rungs.push({ shortSide: srcShort, maxrateKbps: Math.max(100, Math.round(lowest.maxrateKbps * ratio)) });
  }
  return rungs.map((r) => {
    const size = sizeFor({ shortSide: r.shortSide, source });
    return { name: `${Math.min(size.width, size.height)}p`, ...size, crf, maxrateKbps: r.maxrateKbps, bufsizeKbps: 2 * r.maxrateKbps };
  });
}

export function planRenditions(media: MediaInfo, options: RenditionOptions = {}): RenditionPlan {
  const segmentSeconds = options.segmentSeconds ?? 4;
  const keyframeSeconds = options.keyframeSeconds ?? 2;
  if (segmentSeconds % keyframeSeconds !== 0) throw new RangeError('segmentSeconds must be a multiple of keyframeSeconds');
  const firstAudio = media.audio[0];
  const audio: AudioRendition | null = firstAudio
    ? { streamIndex: firstAudio.index, bitrateKbps: options.audioBitrateKbps ?? 128, channels: 2, sampleRate: 48000 }
    : null;
  const source = media.video[0];
  const base = { durationSeconds: media.durationSeconds, segmentSeconds };
  if (!source) {
    if (!audio) throw new RangeError('planRenditions needs a video or an audio stream');
    return { kind: 'audio', ...base, audio };
  }
  const maxFps = options.maxFps ?? 60;
  const sourceFps = source.fps ?? options.defaultFps ?? 30;
  const fps = Math.min(sourceFps, maxFps);
  return {
    kind: 'video',
    ...base,
    video: {
      streamIndex: source.index,
      fps,
      isFpsReduced: sourceFps > maxFps,
      gopFrames: Math.max(1, Math.round(fps * keyframeSeconds)),
      keyframeSeconds,
      rungs: planRungs(source, options.ladder ?? defaultLadder, options.crf ?? 23),
    },
    audio,
  };
}
