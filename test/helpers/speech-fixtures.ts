// Test speech: Debian's flite with the "rms" voice (the voice pocketsphinx recognises best, see
// MEDIA-NOTES), optionally muxed into a tiny video clip with ffmpeg.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Speaks `text` into a WAV file (flite writes 16 kHz mono) and returns its path. */
export async function makeSpeechWav(options: { text: string; dir: string; name?: string }): Promise<string> {
  const name = options.name ?? 'speech';
  const script = path.join(options.dir, `${name}.txt`);
  const wav = path.join(options.dir, `${name}.wav`);
  await writeFile(script, options.text);
  await run('flite', ['-voice', 'rms', '-f', script, '-o', wav]);
  return wav;
}

/** A small video (160×90, 10 fps, H.264 + AAC in MP4) whose soundtrack is `text` spoken by flite. */
export async function makeSpeechClip(options: { text: string; dir: string; name?: string }): Promise<string> {
  const name = options.name ?? 'speech';
  const wav = await makeSpeechWav(options);
  const clip = path.join(options.dir, `${name}.mp4`);
  await run('ffmpeg', [
    ...['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=navy:s=160x90:r=10', '-i', wav],
    ...['-map', '0:v', '-map', '1:a', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-b:a', '48k', clip],
  ]);
  return clip;
}

/** A 1 s video clip with no audio stream at all. */
export async function makeSilentVideo(options: { dir: string; name?: string }): Promise<string> {
  const clip = path.join(options.dir, `${options.name ?? 'silent'}.mp4`);
  await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=160x90:r=10:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clip]);
  return clip;
}
