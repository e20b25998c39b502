// Quality menu for hls.js: "Auto" (hls.js's bandwidth estimate, showing the level it picked now) and one
// entry per level. With native HLS the browser chooses, and the menu stays hidden.
import { createMenu } from './menu.js';

const AUTO = '-1';

function levelLabel(level) {
  return level.height ? `${level.height}p` : `${Math.round(level.bitrate / 1000)} kbit/s`;
}

export function bindQuality({ root, source, t, announce }) {
  const wrapper = root.querySelector('.player-quality');
  const { hls, Hls } = source;
  if (!hls) return;
  const value = wrapper.querySelector('.player-menu-value');
  let chosen = AUTO;

  const menu = createMenu({
    button: wrapper.querySelector('.player-menu-button'),
    list: wrapper.querySelector('[role="menu"]'),
    onSelect: (picked) => {
      chosen = picked;
      // currentLevel switches now (flushing the buffer), so the choice is visible at once; -1 is auto.
      hls.currentLevel = Number(picked);
      render();
      announce(t('player.announceQuality', { level: currentLabel() }));
    },
  });

  const autoLabel = () => {
    const playing = hls.levels[hls.currentLevel];
    return playing ? t('player.qualityAutoCurrent', { level: levelLabel(playing) }) : t('player.qualityAuto');
  };
  const currentLabel = () => (chosen === AUTO ? autoLabel() : levelLabel(hls.levels[Number(chosen)]));
  const render = () => {
    value.textContent = currentLabel();
    menu.setLabel(AUTO, autoLabel());
    menu.setChecked(chosen);
  };
  const build = () => {
    const levels = hls.levels ?? [];
    wrapper.hidden = levels.length < 2;
    const ordered = levels.map((level, index) => ({ level, index })).sort((a, b) => (b.level.height || b.level.bitrate) - (a.level.height || a.level.bitrate));
    menu.setItems([{ value: AUTO, label: autoLabel() }, ...ordered.map(({ level, index }) => ({ value: String(index), label: levelLabel(level) }))]);
    render();
  };

  hls.on(Hls.Events.MANIFEST_PARSED, build);
  hls.on(Hls.Events.LEVEL_SWITCHED, render);
  if (hls.levels?.length) build();
}
