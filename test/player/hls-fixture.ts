// The player's media: ONE ffmpeg command makes a 6 s testsrc2 + sine clip into a two-rung HLS ladder
// (360p and 180p, fMP4, 2 s segments, master playlist), an audio-only HLS, and a storyboard sprite of
// keyframe thumbnails. The storyboard and caption WebVTT files are written here, beside them.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const FIXTURE_SECONDS = 6;
const THUMB = { w: 160, h: 90, every: 2 };

function ffmpegArgs(dir: string): string[] {
  const hls = (segmentFile: string) => [
    '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
    '-hls_flags', 'independent_segments', '-hls_segment_filename', path.join(dir, segmentFile),
  ];
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30:duration=${FIXTURE_SECONDS}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${FIXTURE_SECONDS}`,
    '-filter_complex',
    `[0:v]split=3[a][b][c];[a]scale=640:360[v0];[b]scale=320:180[v1];[c]fps=1/${THUMB.every},scale=${THUMB.w}:${THUMB.h},tile=4x1[sb]`,
    // The ladder: both rungs in one pass, a keyframe every 2 s so every segment starts on one.
    '-map', '[v0]', '-map', '1:a', '-map', '[v1]', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-crf', '30',
    '-maxrate:v:0', '600k', '-bufsize:v:0', '1200k', '-maxrate:v:1', '200k', '-bufsize:v:1', '400k',
    '-g', '60', '-keyint_min', '60', '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-ar', '48000',
    ...hls('v%v/seg_%03d.m4s'), '-master_pl_name', 'master.m3u8', '-var_stream_map', 'v:0,a:0 v:1,a:1',
    path.join(dir, 'v%v/index.m3u8'),
    // Audio only.
    '-map', '1:a', '-c:a', 'aac', '-b:a', '64k', ...hls('audio/seg_%03d.m4s'), path.join(dir, 'audio/index.m3u8'),
    // Storyboard sprite: one tile every 2 s.
    '-map', '[sb]', '-frames:v', '1', '-q:v', '5', path.join(dir, 'sprite_001.jpg'),
  ];
}

const vttTime = (s: number) => `00:00:${String(s).padStart(2, '0')}.000`;

function storyboardVtt(): string {
  const cues = [];
  for (let i = 0; i * THUMB.every < FIXTURE_SECONDS; i += 1) {
    const start = i * THUMB.every;
    cues.push(`${vttTime(start)} --> ${vttTime(start + THUMB.every)}\nsprite_001.jpg#xywh=${i * THUMB.w},0,${THUMB.w},${THUMB.h}`);
  }
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

const captionsVtt = (text: string) => `WEBVTT\n\n00:00:00.000 --> 00:00:06.000\n${text}\n`;

export type HlsFixture = { dir: string };

export async function makeHlsFixture(): Promise<HlsFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luento-player-'));
  // ffmpeg makes the %v folders of a variant stream map itself, but not a plain output's folder.
  await mkdir(path.join(dir, 'audio'));
  await run('ffmpeg', ffmpegArgs(dir), { timeout: 120_000 });
  await writeFile(path.join(dir, 'storyboard.vtt'), storyboardVtt());
  await writeFile(path.join(dir, 'captions-fi.vtt'), captionsVtt('Tervetuloa luennolle'));
  await writeFile(path.join(dir, 'captions-en.vtt'), captionsVtt('Welcome to the lecture'));
  return { dir };
}
