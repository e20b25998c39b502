// The media processing port. Jobs and services depend on this interface; the ffmpeg implementation
// below is the one real adapter (tests use it too, on generated clips).
import { locateMediaTools, type LocateMediaToolsOptions, type MediaTools } from './locate-ffmpeg.js';
import type { MediaInfo } from './media-info.js';
import { makePoster, type PosterOptions } from './poster.js';
import { probeMedia } from './probe.js';
import { makeStoryboard, type StoryboardOptions, type StoryboardOutput } from './storyboard.js';
import { transcodeToHls, type HlsOutput, type TranscodeOptions } from './transcode.js';

export interface Transcoder {
  /** Facts about a file, or MediaRejectedError saying why it cannot become a video. */
  probe(file: string, opts?: { signal?: AbortSignal }): Promise<MediaInfo>;
  /** The HLS ladder of a plan from planRenditions, in one pass. */
  transcode(opts: TranscodeOptions): Promise<HlsOutput>;
  makePoster(opts: PosterOptions): Promise<{ atSeconds: number }>;
  makeStoryboard(opts: StoryboardOptions): Promise<StoryboardOutput>;
  /** Which programs are used, for the admin page and the boot log. */
  describe(): MediaTools;
}

export type FfmpegTranscoderOptions = {
  tools: MediaTools;
  /** Files shorter than this are refused as empty. */
  minDurationSeconds?: number;
};

export class FfmpegTranscoder implements Transcoder {
  constructor(private readonly options: FfmpegTranscoderOptions) {}

  probe(file: string, opts: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
    return probeMedia({ tools: this.options.tools, file, signal: opts.signal, minDurationSeconds: this.options.minDurationSeconds });
  }

  transcode(opts: TranscodeOptions): Promise<HlsOutput> {
    return transcodeToHls({ ...opts, tools: this.options.tools });
  }

  makePoster(opts: PosterOptions): Promise<{ atSeconds: number }> {
    return makePoster({ ...opts, tools: this.options.tools });
  }

  makeStoryboard(opts: StoryboardOptions): Promise<StoryboardOutput> {
    return makeStoryboard({ ...opts, tools: this.options.tools });
  }

  describe(): MediaTools {
    return { ...this.options.tools };
  }
}

/** Locates ffmpeg (explicit paths, else the PATH) and builds the transcoder; throws FfmpegNotFoundError. */
export async function createFfmpegTranscoder(opts: LocateMediaToolsOptions & { minDurationSeconds?: number }): Promise<Transcoder> {
  const tools = await locateMediaTools(opts);
  return new FfmpegTranscoder({ tools, minDurationSeconds: opts.minDurationSeconds });
}
