import type { MediaInfo } from './media-info.js';
import { planRenditions, type RenditionPlan } from './renditions.js';

function media(video: { width: number; height: number; fps?: number | null } | null, hasAudio = true): MediaInfo {
  return {
    formatName: 'mov,mp4',
    durationSeconds: 60,
    isDurationMeasured: false,
    sizeBytes: 1000,
    video: video ? [{ index: 0, codec: 'h264', width: video.width, height: video.height, fps: video.fps === undefined ? 30 : video.fps, rotation: 0 }] : [],
    audio: hasAudio ? [{ index: 1, codec: 'aac', channels: 2, sampleRate: 48000 }] : [],
  };
}

const sizes = (plan: RenditionPlan) => (plan.kind === 'video' ? plan.video.rungs.map((r) => `${r.width}x${r.height}`) : []);

describe('planRenditions: the ladder', () => {
  it.each([
    ['1080p source: the full ladder', { width: 1920, height: 1080 }, ['1920x1080', '1280x720', '640x360']],
    ['4K source: capped at the top rung', { width: 3840, height: 2160 }, ['1920x1080', '1280x720', '640x360']],
    ['720p source: no 1080p', { width: 1280, height: 720 }, ['1280x720', '640x360']],
    ['900p source: the rungs below it', { width: 1600, height: 900 }, ['1280x720', '640x360']],
    ['4:3 source keeps its shape', { width: 1440, height: 1080 }, ['1440x1080', '960x720', '480x360']],
    ['portrait phone video: rungs by the short side', { width: 1080, height: 1920 }, ['1080x1920', '720x1280', '360x640']],
    ['360p source: one rung, not upscaled', { width: 640, height: 360 }, ['640x360']],
    ['240p source: one rung at its own size', { width: 426, height: 240 }, ['426x240']],
    ['odd sizes become even, never larger', { width: 641, height: 359 }, ['640x358']],
    ['odd 1080p-ish width', { width: 1921, height: 1081 }, ['1920x1080', '1280x720', '640x360']],
    ['tiny odd portrait', { width: 99, height: 177 }, ['98x176']],
  ])('%s', (_name, source, expected) => {
    const plan = planRenditions(media(source));
    expect(sizes(plan)).toEqual(expected);
    for (const r of plan.kind === 'video' ? plan.video.rungs : []) {
      expect(r.width % 2 + r.height % 2).toBe(0);
      expect(r.width).toBeLessThanOrEqual(source.width);
      expect(r.height).toBeLessThanOrEqual(source.height);
    }
  });

  it('caps maxrate per rung with a bufsize of twice the maxrate, and the CRF on every rung', () => {
    const plan = planRenditions(media({ width: 1920, height: 1080 }), { crf: 21 });
    if (plan.kind !== 'video') throw new Error('expected video');
    expect(plan.video.rungs.map((r) => [r.name, r.maxrateKbps, r.bufsizeKbps, r.crf])).toEqual([
      ['1080p', 5000, 10000, 21],
      ['720p', 2800, 5600, 21],
      ['360p', 800, 1600, 21],
    ]);
  });

  it('scales the bitrate cap down for a source below the lowest rung', () => {
    const plan = planRenditions(media({ width: 426, height: 240 }));
    if (plan.kind !== 'video') throw new Error('expected video');
    expect(plan.video.rungs[0]?.maxrateKbps).toBe(356);
  });
});

describe('planRenditions: keyframes and segments', () => {
  it.each([
    ['30 fps: 2 s GOP of 60', 30, { fps: 30, gopFrames: 60, isFpsReduced: false }],
    ['60 fps: 2 s GOP of 120', 60, { fps: 60, gopFrames: 120, isFpsReduced: false }],
    ['25 fps: 50', 25, { fps: 25, gopFrames: 50, isFpsReduced: false }],
    ['29.97 fps rounds to 60', 29.97, { fps: 29.97, gopFrames: 60, isFpsReduced: false }],
    ['120 fps is reduced to 60', 120, { fps: 60, gopFrames: 120, isFpsReduced: true }],
    ['unknown rate (VFR recording) assumes 30', null, { fps: 30, gopFrames: 60, isFpsReduced: false }],
  ])('%s', (_name, fps, expected) => {
    const plan = planRenditions(media({ width: 1280, height: 720, fps }));
    if (plan.kind !== 'video') throw new Error('expected video');
    expect(plan.video).toMatchObject({ ...expected, keyframeSeconds: 2 });
    expect(plan.segmentSeconds).toBe(4);
  });

  it('refuses segments that would not start on a keyframe', () => {
    expect(() => planRenditions(media({ width: 640, height: 360 }), { segmentSeconds: 5, keyframeSeconds: 2 })).toThrow(RangeError);
  });
});

describe('planRenditions: audio', () => {
  it('gives an audio-only source an audio-only plan', () => {
    expect(planRenditions(media(null))).toEqual({
      kind: 'audio',
      durationSeconds: 60,
      segmentSeconds: 4,
      audio: { streamIndex: 1, bitrateKbps: 128, channels: 2, sampleRate: 48000 },
    });
  });

  it('plans video without audio for a silent screen recording', () => {
    const plan = planRenditions(media({ width: 1280, height: 720 }, false));
    expect(plan.kind).toBe('video');
    expect(plan.audio).toBeNull();
  });

  it('refuses a source with nothing to play', () => {
    expect(() => planRenditions(media(null, false))).toThrow(RangeError);
  });
});
