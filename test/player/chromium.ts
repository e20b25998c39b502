// Debian's Chromium through playwright-core, launched as MEDIA-NOTES.md says. (test/helpers/browser.ts,
// the shared launcher, did not exist when this was written; switch to it once it does.)
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * playwright's launch() gives Chromium a fresh temporary user data dir and deletes it on close; each
 * test then opens a new context of its own, so no localStorage (resume, speed, captions) leaks between
 * tests.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
