// Extracts the audio that speech recognizers want: 16 kHz, mono, 16-bit PCM WAV
// (`ffmpeg -i IN -ac 1 -ar 16000 -f wav OUT`, see MEDIA-NOTES "Speech recognition").
import { open, rm } from 'node:fs/promises';
import { ProcessAbortedError, ProcessStartError, runProcess } from './run-process.js';
import { AudioExtractionFailedError, MediaHasNoAudioError, SpeechCancelledError, SpeechEngineUnavailableError } from './speech-errors.js';

export type ExtractAudioOptions = {
  input: string;
  output: string;
  /** The ffmpeg program; default "ffmpeg" on the PATH. */
  ffmpegPath?: string;
  signal?: AbortSignal;
};

export type ExtractedAudio = { path: string; durationSeconds: number };

/** Writes `output` as 16 kHz mono WAV from the first audio stream of `input`; nothing is left on failure. */
export async function extractAudioForAsr(options: ExtractAudioOptions): Promise<ExtractedAudio> {
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg';
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', options.input, '-map', '0:a:0', '-vn', '-sn', '-dn'];
  // -bitexact keeps ffmpeg from adding a LIST chunk, so the header is the plain 44-byte one.
  args.push('-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-map_metadata', '-1', '-bitexact', '-f', 'wav', options.output);
  try {
    const result = await runProcess({ command: ffmpeg, args, signal: options.signal });
    if (result.exitCode !== 0) {
      if (/matches no streams|does not contain any stream/i.test(result.stderr)) throw new MediaHasNoAudioError(options.input);
      throw new AudioExtractionFailedError(`ffmpeg could not read the audio of ${options.input}: ${lastLine(result.stderr)}`, {
        exitCode: result.exitCode,
        stderr: result.stderr.slice(-2000),
      });
    }
    return { path: options.output, durationSeconds: await readWavDuration(options.output) };
  } catch (err) {
    await rm(options.output, { force: true });
    if (err instanceof ProcessAbortedError) throw new SpeechCancelledError('ffmpeg');
    if (err instanceof ProcessStartError) {
      throw new SpeechEngineUnavailableError('binary_missing', `ffmpeg was not found or could not start (${ffmpeg}, ${err.errno ?? 'unknown error'})`);
    }
    throw err;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? 'unknown error';
}

/** Duration of a PCM WAV file from its fmt and data chunks (RIFF, Microsoft WAVE format). */
export async function readWavDuration(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(Math.min(size, 65536));
    await handle.read(header, 0, header.length, 0);
    if (header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') {
      throw new AudioExtractionFailedError(`${file} is not a WAV file`);
    }
    let bytesPerSecond = 0;
    for (let offset = 12; offset + 8 <= header.length; ) {
      const id = header.toString('ascii', offset, offset + 4);
      const chunkSize = header.readUInt32LE(offset + 4);
      if (id === 'fmt ') bytesPerSecond = header.readUInt32LE(offset + 16);
      if (id === 'data' && bytesPerSecond > 0) {
        // A streamed WAV has a placeholder size; the rest of the file is then the data.
        const dataBytes = Math.min(chunkSize, size - offset - 8);
        return dataBytes / bytesPerSecond;
      }
      offset += 8 + chunkSize + (chunkSize % 2);
    }
    throw new AudioExtractionFailedError(`${file} has no audio data`);
  } finally {
    await handle.close();
  }
}
