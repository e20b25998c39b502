// One polite live region per player: speed, captions, quality and sound changes are spoken once.
export function createAnnouncer(region) {
  let timer;
  return (text) => {
    // Emptying first and writing a moment later makes screen readers repeat an identical message.
    region.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(() => {
      region.textContent = text;
    }, 60);
  };
}
