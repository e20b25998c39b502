// Tiny generated media for tests: ffmpeg testsrc2 + sine, a few seconds, small sizes. Made once into a
// temp folder and reused (by this run's parallel jest workers, and by later runs: the folder name carries
// a version, bump it when a recipe changes). Each file is written under a temporary name and renamed,
// so two workers making the same fixture at once cannot see half a file. Nothing here is committed.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FIXTURE_VERSION = 1;
export const fixturesDir = path.join(os.tmpdir(), `luento-media-fixtures-v${FIXTURE_VERSION}`);

const lavfi = (opts: { size: string; seconds: number; rate?: number }) => [
  '-f', 'lavfi', '-i', `testsrc2=size=${opts.size}:rate=${opts.rate ?? 30}:duration=${opts.seconds}`,
  '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${opts.seconds}`,
];
const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-shortest'];

export type FixtureName = 'clip360' | 'clip1080' | 'portrait' | 'audioOnly' | 'webmRecording' | 'truncatedMp4' | 'truncatedWebm' | 'textAsMp4';
type Recipe = { file: string; make: (out: string) => Promise<void> };
const ffmpeg = async (args: string[], out: string) => {
  await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args, out], { timeout: 120_000 });
};
/** The first part of another fixture, as a cut-off upload leaves it. */
const cut = (source: FixtureName, fraction: number) => async (out: string) => {
  const bytes = await readFile(await mediaFixture(source));
  await writeFile(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
};

const recipes: Record<FixtureName, Recipe> = {
  /** 640×360, 30 fps, 6 s, H.264 + AAC. */
  clip360: { file: 'clip360.mp4', make: (o) => ffmpeg([...lavfi({ size: '640x360', seconds: 6 }), ...h264], o) },
  /** 1920×1080, 30 fps, 2 s: the full ladder. */
  clip1080: { file: 'clip1080.mp4', make: (o) => ffmpeg([...lavfi({ size: '1920x1080', seconds: 2 }), ...h264, '-crf', '35'], o) },
  /** 360×640 portrait, 2 s. */
  portrait: { file: 'portrait.mp4', make: (o) => ffmpeg([...lavfi({ size: '360x640', seconds: 2 }), ...h264], o) },
  /** 3 s of a sine tone, AAC in MP4. */
  audioOnly: { file: 'audio-only.m4a', make: (o) => ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3', '-c:a', 'aac', '-b:a', '64k'], o) },
  /** VP8/Opus WebM without a duration in its header, like MediaRecorder writes. */
  webmRecording: {
    file: 'recording.webm',
    make: (o) => ffmpeg([...lavfi({ size: '320x180', seconds: 3 }), '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k',
      '-c:a', 'libopus', '-shortest', '-f', 'webm', '-live', '1'], o),
  },
  /** An MP4 cut off before its moov atom (an upload that stopped half-way). */
  truncatedMp4: { file: 'truncated.mp4', make: cut('clip360', 0.5) },
  /** The recording above, cut mid-cluster. */
  truncatedWebm: { file: 'truncated.webm', make: cut('webmRecording', 0.6) },
  /** Text that claims to be a video. */
  textAsMp4: { file: 'text.mp4', make: (o) => writeFile(o, 'This is a lecture outline, not a video.\n'.repeat(20)) },
};

/** The path of a generated fixture, made on first use. */
export async function mediaFixture(name: FixtureName): Promise<string> {
  const recipe = recipes[name];
  const target = path.join(fixturesDir, recipe.file);
  const exists = await stat(target).then((s) => s.size > 0, () => false);
  if (exists) return target;
  await mkdir(fixturesDir, { recursive: true });
  const temp = path.join(fixturesDir, `.${randomUUID()}-${recipe.file}`);
  try {
    await recipe.make(temp);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}
