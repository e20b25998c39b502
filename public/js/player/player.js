// Entry point of the player: enhances every [data-player] rendered by views/partials/player.ejs.
// Loaded as <script type="module">, once per page however many players it has.
import { createAnnouncer } from './announcer.js';
import { bindCaptions } from './captions.js';
import { createErrorDisplay } from './errors.js';
import { readMessages } from './format.js';
import { bindFullscreen } from './fullscreen.js';
import { bindShortcuts } from './keyboard.js';
import { bindQuality } from './quality.js';
import { bindResume } from './resume.js';
import { attachSource, PlayerSetupError } from './source.js';
import { bindSpeed } from './speed.js';
import { bindStoryboard } from './storyboard.js';
import { bindTransport } from './transport.js';
import { bindViewReporting } from './view-reporter.js';
import { bindVolume } from './volume.js';
import { bindCaptionStyle } from './caption-style.js';
import { bindTranscript } from './transcript.js';

const DEFAULT_HEARTBEAT_SECONDS = 15;

function readOptions(root) {
  const data = root.dataset;
  let fetchHeaders = {};
  try {
    fetchHeaders = JSON.parse(data.fetchHeaders || '{}');
  } catch {
    fetchHeaders = {};
  }
  return {
    videoId: data.videoId,
    language: data.language,
    locale: data.locale || document.documentElement.lang || 'en',
    hlsUrl: data.hlsUrl,
    hlsJsUrl: data.hlsJsUrl,
    storyboardUrl: data.storyboardUrl,
    viewUrl: data.viewUrl,
    fetchHeaders,
    durationHint: Number(data.duration) || 0,
    heartbeatSeconds: Number(data.heartbeatSeconds) || DEFAULT_HEARTBEAT_SECONDS,
  };
}

function bindControls({ root, video, t, options, announce }) {
  const transport = bindTransport({ root, video, t, durationHint: options.durationHint });
  const volume = bindVolume({ root, video, t, announce });
  const speed = bindSpeed({ root, video, t, locale: options.locale, announce });
  const captions = bindCaptions({ root, video, t, language: options.language, announce });
  const fullscreen = bindFullscreen({ root, video });
  bindShortcuts(root, {
    togglePlay: transport.togglePlay,
    seekBy: transport.seekBy,
    seekTo: transport.seekTo,
    seekToEnd: transport.seekToEnd,
    seekToFraction: transport.seekToFraction,
    changeVolume: volume.changeBy,
    toggleMute: volume.toggleMute,
    toggleCaptions: captions.toggle,
    toggleFullscreen: fullscreen.toggle,
    faster: speed.faster,
    slower: speed.slower,
  });
  return transport;
}

async function setupPlayer(root) {
  const t = readMessages(root);
  const options = readOptions(root);
  const video = root.querySelector('video');
  const announce = createAnnouncer(root.querySelector('.player-live'));
  const showError = createErrorDisplay({ root, video, t });

  // Our controls replace the browser's; without this script the native ones stay.
  video.controls = false;
  root.querySelector('.player-controls').hidden = false;
  video.addEventListener('loadedmetadata', () => {
    root.classList.toggle('is-audio-only', video.videoWidth === 0);
  });

  const transport = bindControls({ root, video, t, options, announce });
  bindCaptionStyle({ root, t, announce, fetchHeaders: options.fetchHeaders });
  bindTranscript({ root, video, t, title: document.title.split(' · ')[0], language: options.language, seekTo: transport.seekTo });
  bindResume({
    root, video, videoId: options.videoId, t, announce, seekTo: transport.seekTo,
    focusAfterRestart: () => root.querySelector('.player-play').focus(),
  });
  if (options.storyboardUrl) bindStoryboard({ root, url: options.storyboardUrl, duration: transport.duration });
  if (options.viewUrl) {
    bindViewReporting({ video, url: options.viewUrl, headers: options.fetchHeaders, videoId: options.videoId, heartbeatSeconds: options.heartbeatSeconds });
  }

  try {
    const source = await attachSource({ video, hlsUrl: options.hlsUrl, hlsJsUrl: options.hlsJsUrl, onFatal: showError });
    bindQuality({ root, source, t, announce });
    if (root.dataset.playerState !== 'error') root.dataset.playerState = 'ready';
    root.dataset.playerEngine = source.hls ? 'hls.js' : 'native';
  } catch (error) {
    showError(error instanceof PlayerSetupError ? error.messageKey : 'player.errorLoader');
  }
}

export function initPlayers(scope = document) {
  for (const root of scope.querySelectorAll('[data-player]')) {
    if (root.dataset.playerInit) continue;
    root.dataset.playerInit = 'true';
    setupPlayer(root);
  }
}

initPlayers();
