import { buildHlsArgs } from './hls-args.js';
import type { RenditionPlan } from './renditions.js';

const audio = { streamIndex: 1, bitrateKbps: 128, channels: 2, sampleRate: 48000 } as const;
const rung = (name: string, width: number, height: number, maxrateKbps: number) => ({ name, width, height, crf: 23, maxrateKbps, bufsizeKbps: 2 * maxrateKbps });
const videoPlan = (over: Partial<Extract<RenditionPlan, { kind: 'video' }>['video']> = {}, withAudio = true): RenditionPlan => ({
  kind: 'video',
  durationSeconds: 10,
  segmentSeconds: 4,
  video: {
    streamIndex: 0,
    fps: 30,
    isFpsReduced: false,
    gopFrames: 60,
    keyframeSeconds: 2,
    rungs: [rung('1080p', 1920, 1080, 5000), rung('720p', 1280, 720, 2800), rung('360p', 640, 360, 800)],
    ...over,
  },
  audio: withAudio ? audio : null,
});

/** The value after a flag (the first occurrence). */
const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('buildHlsArgs', () => {
  const args = buildHlsArgs(videoPlan(), '/in/lecture.mp4', '/out/hls');

  it('decodes once and splits into one scaled copy per rung', () => {
    expect(args.slice(0, 5)).toEqual(['-hide_banner', '-nostdin', '-y', '-i', '/in/lecture.mp4']);
    expect(valueOf(args, '-filter_complex')).toBe(
      '[0:0]split=3[s0][s1][s2];[s0]scale=1920:1080,setsar=1[v0];[s1]scale=1280:720,setsar=1[v1];[s2]scale=640:360,setsar=1[v2]',
    );
  });

  it('maps each scaled video and the audio once per rung', () => {
    const maps = args.flatMap((a, i) => (a === '-map' ? [args[i + 1]] : []));
    expect(maps).toEqual(['[v0]', '0:1', '[v1]', '0:1', '[v2]', '0:1']);
    expect(valueOf(args, '-var_stream_map')).toBe('v:0,a:0 v:1,a:1 v:2,a:2');
  });

  it('encodes H.264 veryfast with a capped CRF per rung', () => {
    expect(args.join(' ')).toContain('-c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p');
    expect(args.join(' ')).toContain(
      '-crf:v:0 23 -maxrate:v:0 5000k -bufsize:v:0 10000k -crf:v:1 23 -maxrate:v:1 2800k -bufsize:v:1 5600k -crf:v:2 23 -maxrate:v:2 800k -bufsize:v:2 1600k',
    );
  });

  it('places keyframes every 2 s with no scene-cut keyframes', () => {
    expect(args.join(' ')).toContain('-g 60 -keyint_min 60 -sc_threshold 0 -force_key_frames expr:gte(t,n_forced*2)');
  });

  it('encodes AAC stereo at 48 kHz', () => {
    expect(args.join(' ')).toContain('-c:a aac -b:a 128k -ac 2 -ar 48000');
  });

  it('writes fMP4 HLS with 4 s segments, one folder per rung, and a master playlist', () => {
    expect(args.slice(args.indexOf('-f'))).toEqual([
      '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments',
      '-hls_segment_filename', '/out/hls/v%v/seg_%03d.m4s', '-master_pl_name', 'master.m3u8',
      '-var_stream_map', 'v:0,a:0 v:1,a:1 v:2,a:2', '/out/hls/v%v/index.m3u8',
    ]);
  });

  it('scales a single rung without a split', () => {
    const one = buildHlsArgs(videoPlan({ rungs: [rung('360p', 640, 360, 800)] }), 'in.mp4', '/o');
    expect(valueOf(one, '-filter_complex')).toBe('[0:0]scale=640:360,setsar=1[v0]');
  });

  it('reduces the frame rate before the split when the plan says so', () => {
    const fast = buildHlsArgs(videoPlan({ fps: 60, isFpsReduced: true, gopFrames: 120 }), 'in.mp4', '/o');
    expect(valueOf(fast, '-filter_complex')).toMatch(/^\[0:0\]fps=60,split=3/);
    expect(valueOf(fast, '-g')).toBe('120');
  });

  it('leaves audio out of a silent video', () => {
    const silent = buildHlsArgs(videoPlan({}, false), 'in.mp4', '/o');
    expect(silent).not.toContain('-c:a');
    expect(silent.filter((a) => a === '-map')).toHaveLength(3);
    expect(valueOf(silent, '-var_stream_map')).toBe('v:0 v:1 v:2');
  });

  it('makes an audio-only HLS from an audio source', () => {
    const plan: RenditionPlan = { kind: 'audio', durationSeconds: 10, segmentSeconds: 4, audio: { ...audio, streamIndex: 0 } };
    const a = buildHlsArgs(plan, 'talk.m4a', '/o');
    expect(a).not.toContain('-c:v');
    expect(a).not.toContain('-filter_complex');
    expect(a.join(' ')).toContain('-map 0:0 -vn -c:a aac');
    expect(valueOf(a, '-var_stream_map')).toBe('a:0');
  });

  it('refuses an output folder that ffmpeg would read as a pattern', () => {
    expect(() => buildHlsArgs(videoPlan(), 'in.mp4', '/out/100%/x')).toThrow(RangeError);
  });
});
