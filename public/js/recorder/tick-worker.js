/* global self */
// A steady clock for the compositor: worker timers are not throttled like a hidden page's.
let timer = null;
self.onmessage = (event) => {
  clearInterval(timer);
  timer = setInterval(() => self.postMessage(0), event.data.intervalMs);
};
