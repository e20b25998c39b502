// A caption cue and its timestamps. Times are seconds with millisecond precision; `text` is WebVTT cue
// text (WebVTT §4.2.2: only b, i, u, c, v, lang, ruby, rt and timestamp tags, with &amp; &lt; &gt; escaped).

export type Cue = {
  /** Seconds from the start of the media, a multiple of 0.001. */
  start: number;
  /** Seconds, always greater than `start`. */
  end: number;
  /** WebVTT cue text: one or more non-empty lines joined by "\n". */
  text: string;
  /** The WebVTT cue identifier, when the source had one. */
  id?: string;
};

/** Rounds seconds to whole milliseconds, the precision of WebVTT and SRT timestamps. */
export function toMilliseconds(seconds: number): number {
  return Math.round(seconds * 1000);
}

export function roundToMilliseconds(seconds: number): number {
  return toMilliseconds(seconds) / 1000;
}

/** Formats seconds as a WebVTT timestamp, always with hours: 01:02:03.456 (WebVTT §4.2.1). */
export function formatVttTimestamp(seconds: number): string {
  return formatTimestamp(seconds, '.');
}

/** Formats seconds as an SRT timestamp: 01:02:03,456. */
export function formatSrtTimestamp(seconds: number): string {
  return formatTimestamp(seconds, ',');
}

function formatTimestamp(seconds: number, separator: '.' | ','): string {
  const totalMs = Math.max(0, toMilliseconds(seconds));
  const ms = totalMs % 1000;
  const totalSeconds = (totalMs - ms) / 1000;
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${separator}${pad(ms, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Parses a WebVTT timestamp (WebVTT §4.2.1: `[hh:]mm:ss.ttt`, hours of two or more digits) or, with
 * `isSrt`, an SRT one (`hh:mm:ss,ttt`, leniently also with "." and short fields). Returns seconds, or
 * undefined when malformed. Hours above 9999 are refused: no lecture is that long, and larger values
 * would lose millisecond precision.
 */
export function parseTimestamp(value: string, options: { isSrt?: boolean } = {}): number | undefined {
  const pattern = options.isSrt ? /^(?:(\d{1,4}):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})$/ : /^(?:(\d{2,4}):)?(\d{2}):(\d{2})\.(\d{3})$/;
  const match = pattern.exec(value);
  if (!match) return undefined;
  const [, h = '0', m = '0', s = '0', frac = '0'] = match;
  const minutes = Number(m);
  const secs = Number(s);
  if (minutes > 59 || secs > 59) return undefined;
  // SRT writers sometimes drop trailing zeros ("00:00:01,5"): the fraction is a decimal, not a count of ms.
  const ms = Number(frac.padEnd(3, '0'));
  return (Number(h) * 3_600_000 + minutes * 60_000 + secs * 1000 + ms) / 1000;
}
