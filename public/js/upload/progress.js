// Progress, speed and time left of an upload, and the 10 % steps announced to screen readers.
// Pure functions over numbers, so they can be reasoned about without a browser.

/** Fills {name} placeholders of a translated message. */
export function format(message, values) {
  return String(message).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A speed estimate smoothed over recent samples (exponential moving average of bytes per second). */
export function createSpeedMeter(now = () => performance.now()) {
  let lastBytes = null;
  let lastTime = 0;
  let rate = 0;
  return {
    sample(bytes) {
      const t = now();
      if (lastBytes !== null && t > lastTime && bytes >= lastBytes) {
        const instant = ((bytes - lastBytes) * 1000) / (t - lastTime);
        rate = rate === 0 ? instant : rate * 0.8 + instant * 0.2;
      }
      lastBytes = bytes;
      lastTime = t;
      return rate;
    },
    reset() {
      lastBytes = null;
      rate = 0;
    },
  };
}

/** The 10 % step reached, for announcing each step once; -1 below 10 %. */
export function announcedStep(percent) {
  return percent >= 10 ? Math.floor(percent / 10) * 10 : -1;
}

export function timeLeftText(seconds, messages) {
  if (!Number.isFinite(seconds) || seconds < 0) return '…';
  if (seconds >= 90) return format(messages['videos.upload.minutes'], { minutes: Math.round(seconds / 60) });
  return format(messages['videos.upload.seconds'], { seconds: Math.max(1, Math.round(seconds)) });
}
