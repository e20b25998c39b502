// Captions menu: "Off" and one entry per <track>. The server writes the labels (an unreviewed ASR track
// already says "automatic, not reviewed"). The last choice is remembered by language across videos, so
// someone who needs captions does not switch them on again for every lecture.
import { createMenu } from './menu.js';
import { readStored, writeStored } from './storage.js';

const OFF = 'off';
const STORAGE_KEY = 'luento:player:captions';

export function bindCaptions({ root, video, t, language, announce }) {
  const wrapper = root.querySelector('.player-captions');
  const value = wrapper.querySelector('.player-captions-value');
  const trackElements = [...video.querySelectorAll('track')];
  if (trackElements.length === 0) {
    wrapper.hidden = true;
    return { toggle: () => undefined };
  }
  let lastShown = null;

  const showingIndex = () => trackElements.findIndex((el) => el.track.mode === 'showing');
  const setModes = (index) => {
    trackElements.forEach((el, i) => {
      el.track.mode = i === index ? 'showing' : 'disabled';
    });
    if (index >= 0) lastShown = index;
    render();
  };
  const show = (index) => {
    setModes(index);
    const chosen = trackElements[index];
    writeStored(STORAGE_KEY, chosen ? chosen.srclang : OFF);
    announce(chosen ? t('player.announceCaptionsOn', { label: chosen.label }) : t('player.announceCaptionsOff'));
  };
  const menu = createMenu({
    button: wrapper.querySelector('.player-menu-button'),
    list: wrapper.querySelector('[role="menu"]'),
    onSelect: (picked) => show(picked === OFF ? -1 : Number(picked)),
  });
  menu.setItems([{ value: OFF, label: t('player.captionsOff') }, ...trackElements.map((el, i) => ({ value: String(i), label: el.label }))]);

  function render() {
    const index = showingIndex();
    value.textContent = index === -1 ? t('player.captionsOff') : trackElements[index].srclang.toUpperCase();
    root.classList.toggle('has-captions', index !== -1);
    menu.setChecked(index === -1 ? OFF : String(index));
  }
  const preferred = () => {
    const byLanguage = (lang) => trackElements.findIndex((el) => el.srclang === lang);
    const candidates = [lastShown ?? -1, byLanguage(language), byLanguage(document.documentElement.lang), 0];
    return candidates.find((index) => index >= 0);
  };

  // Another UI (the browser's own, in iOS full screen) may change modes too.
  video.textTracks.addEventListener('change', render);
  const stored = readStored(STORAGE_KEY);
  setModes(trackElements.findIndex((el) => el.srclang === stored));

  return { toggle: () => show(showingIndex() === -1 ? preferred() : -1) };
}
