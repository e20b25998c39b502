// Pure: the WebVTT file of a storyboard. Each cue covers one interval and points at its tile with a
// media fragment (`sprite_001.jpg#xywh=x,y,w,h`, W3C Media Fragments URI 1.0 §4.2.1), the form
// hls.js-based players and video.js thumbnails read. Cue times follow WebVTT §4.2 (hh:mm:ss.ttt).

export type StoryboardLayout = {
  /** How many tiles were actually made; the last cue then stretches to the end of the media. */
  tileCount: number;
  durationSeconds: number;
  intervalSeconds: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
};

export const spriteFileName = (sheet: number) => `sprite_${String(sheet + 1).padStart(3, '0')}.jpg`;

export function formatVttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** How many tiles cover the media: the caller asks ffmpeg for no more, and uses what it made. */
export function expectedTileCount(durationSeconds: number, intervalSeconds: number): number {
  return Math.max(1, Math.ceil(durationSeconds / intervalSeconds - 1e-9));
}

export function buildStoryboardVtt(layout: StoryboardLayout): string {
  const perSheet = layout.columns * layout.rows;
  const count = Math.min(layout.tileCount, expectedTileCount(layout.durationSeconds, layout.intervalSeconds));
  const cues: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * layout.intervalSeconds;
    const end = i === count - 1 ? layout.durationSeconds : Math.min((i + 1) * layout.intervalSeconds, layout.durationSeconds);
    const onSheet = i % perSheet;
    const x = (onSheet % layout.columns) * layout.tileWidth;
    const y = Math.floor(onSheet / layout.columns) * layout.tileHeight;
    const target = `${spriteFileName(Math.floor(i / perSheet))}#xywh=${x},${y},${layout.tileWidth},${layout.tileHeight}`;
    cues.push(`${formatVttTime(start)} --> ${formatVttTime(end)}\n${target}`);
  }
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
