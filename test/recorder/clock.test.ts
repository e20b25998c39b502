// The recorder's pure browser helpers (public/js/recorder/clock.js), table-driven, without a browser.
// It is a plain browser ES module without types, so it is loaded by URL.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/paths.js';

type Clock = { start(): void; pause(): void; resume(): void; elapsedMs(): number };
type ClockModule = {
  createClock: (now: () => number) => Clock;
  formatClock: (ms: number) => string;
  pickMimeType: (kind: string, isSupported: (t: string) => boolean) => string;
};
const { createClock, formatClock, pickMimeType } = (await import(pathToFileURL(path.join(projectRoot, 'public/js/recorder/clock.js')).href)) as ClockModule;

test.each([
  [0, '0:00'],
  [999, '0:00'],
  [5000, '0:05'],
  [65_000, '1:05'],
  [754_000, '12:34'],
  [3_723_000, '1:02:03'],
])('formatClock(%i) is %s', (ms, text) => {
  expect(formatClock(ms)).toBe(text);
});

test('the clock leaves pauses out, and a second pause or resume changes nothing', () => {
  let now = 1000;
  const clock = createClock(() => now);
  expect(clock.elapsedMs()).toBe(0);
  clock.start();
  now += 2000;
  clock.pause();
  now += 5000;
  clock.pause();
  expect(clock.elapsedMs()).toBe(2000);
  clock.resume();
  clock.resume();
  now += 1500;
  expect(clock.elapsedMs()).toBe(3500);
});

test.each([
  ['composite', ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus'], 'video/webm;codecs=vp9,opus'],
  ['video', ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus'], 'video/webm;codecs=vp8,opus'],
  ['video', ['video/webm;codecs=vp9,opus'], 'video/webm;codecs=vp9,opus'],
  ['video', ['video/mp4'], 'video/mp4'],
  ['audio', ['audio/webm;codecs=opus', 'video/webm;codecs=vp8,opus'], 'audio/webm;codecs=opus'],
  ['audio', [], ''],
])('pickMimeType(%s) with %j supported is %s', (kind, supported, expected) => {
  expect(pickMimeType(kind, (t: string) => supported.includes(t))).toBe(expected);
});
