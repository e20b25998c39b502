// Pure: the single-pass ffmpeg command for a RenditionPlan, as measured in MEDIA-NOTES: one decode, a
// split into N scaled copies, H.264 veryfast with a capped CRF per rung, AAC, fMP4 HLS segments, and a
// master playlist that ffmpeg writes with CODECS, RESOLUTION and BANDWIDTH. One pass costs 20–33% less
// CPU than N separate ones. The output is what `bench:media` compares against: progress flags are added
// by transcode.ts, not here.
import path from 'node:path';
import type { RenditionPlan, VideoRendition, VideoTrackPlan } from './renditions.js';

export const MASTER_PLAYLIST = 'master.m3u8';
/** Each rendition's folder below the output: v0 is the highest rung (HLS has no order, people do). */
export const renditionDir = (n: number) => `v${n}`;

function videoFilter(video: VideoTrackPlan): string {
  const input = `[0:${video.streamIndex}]${video.isFpsReduced ? `fps=${video.fps},` : ''}`;
  const scale = (r: VideoRendition, i: number) => `scale=${r.width}:${r.height},setsar=1[v${i}]`;
  const [only] = video.rungs;
  // With one rung a split is pointless; the scale reads the input directly.
  if (only && video.rungs.length === 1) return `${input}${scale(only, 0)}`;
  const outs = video.rungs.map((_, i) => `[s${i}]`).join('');
  return [`${input}split=${video.rungs.length}${outs}`, ...video.rungs.map((r, i) => `[s${i}]${scale(r, i)}`)].join(';');
}

function videoArgs(plan: Extract<RenditionPlan, { kind: 'video' }>): string[] {
  const { video, audio } = plan;
  const args = ['-filter_complex', videoFilter(video)];
  video.rungs.forEach((_, i) => {
    args.push('-map', `[v${i}]`);
    if (audio) args.push('-map', `0:${audio.streamIndex}`);
  });
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p');
  video.rungs.forEach((r, i) => {
    args.push(`-crf:v:${i}`, String(r.crf), `-maxrate:v:${i}`, `${r.maxrateKbps}k`, `-bufsize:v:${i}`, `${r.bufsizeKbps}k`);
  });
  const g = String(video.gopFrames);
  // Fixed GOPs so that every rung has keyframes at the same instants and segments line up across
  // rungs; force_key_frames keeps that true for variable-frame-rate sources (MediaRecorder WebM),
  // where a GOP counted in frames is not a fixed time.
  args.push('-g', g, '-keyint_min', g, '-sc_threshold', '0', '-force_key_frames', `expr:gte(t,n_forced*${video.keyframeSeconds})`);
  return args;
}

function streamMap(plan: RenditionPlan): string {
  if (plan.kind === 'audio') return 'a:0';
  return plan.video.rungs.map((_, i) => (plan.audio ? `v:${i},a:${i}` : `v:${i}`)).join(' ');
}

export function buildHlsArgs(plan: RenditionPlan, input: string, outDir: string): string[] {
  // ffmpeg expands % in the segment and playlist names (%v, %03d): a % in the folder would be misread.
  if (outDir.includes('%')) throw new RangeError('The HLS output folder must not contain "%"');
  const args = ['-hide_banner', '-nostdin', '-y', '-i', input];
  if (plan.kind === 'video') args.push(...videoArgs(plan));
  else args.push('-map', `0:${plan.audio.streamIndex}`, '-vn');
  if (plan.audio) {
    const a = plan.audio;
    args.push('-c:a', 'aac', '-b:a', `${a.bitrateKbps}k`, '-ac', String(a.channels), '-ar', String(a.sampleRate));
  }
  args.push(
    '-f', 'hls',
    '-hls_time', String(plan.segmentSeconds),
    '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'fmp4',
    '-hls_flags', 'independent_segments',
    '-hls_segment_filename', path.join(outDir, 'v%v', 'seg_%03d.m4s'),
    '-master_pl_name', MASTER_PLAYLIST,
    '-var_stream_map', streamMap(plan),
    path.join(outDir, 'v%v', 'index.m3u8'),
  );
  return args;
}
