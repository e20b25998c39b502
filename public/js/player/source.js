// Chooses how the HLS master playlist plays: hls.js over Media Source Extensions where MSE can take
// H.264/AAC (so the quality menu has levels to offer), the browser's own HLS otherwise (Safari on iOS
// before ManagedMediaSource). hls.js is fetched by dynamic import() only here, so pages without a
// player, and browsers that play HLS natively without MSE, never download it.
const HLS_MIME = 'application/vnd.apple.mpegurl';
const MSE_PROBE = 'video/mp4; codecs="avc1.42E01E,mp4a.40.2"';

export class PlayerSetupError extends Error {
  constructor(messageKey, options) {
    super(messageKey, options);
    this.messageKey = messageKey;
  }
}

export function canUseMediaSource() {
  const MediaSourceClass = window.ManagedMediaSource || window.MediaSource;
  return Boolean(MediaSourceClass && typeof MediaSourceClass.isTypeSupported === 'function' && MediaSourceClass.isTypeSupported(MSE_PROBE));
}

async function loadHlsJs(hlsJsUrl) {
  try {
    const module = await import(hlsJsUrl);
    return module.default;
  } catch (cause) {
    throw new PlayerSetupError('player.errorLoader', { cause });
  }
}

function watchFatalErrors(hls, Hls, onFatal) {
  let hasTriedMediaRecovery = false;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    // hls.js has already retried network requests by its own policy; a fatal one is final.
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
      onFatal('player.errorNetwork');
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !hasTriedMediaRecovery) {
      hasTriedMediaRecovery = true;
      hls.recoverMediaError();
    } else {
      onFatal('player.errorDecode');
    }
  });
}

/**
 * Attaches the playlist to the <video>. Resolves to { hls, Hls } with hls.js, or { hls: null } when the
 * browser plays HLS itself. Rejects with a PlayerSetupError naming the message to show.
 */
export async function attachSource({ video, hlsUrl, hlsJsUrl, onFatal }) {
  if (canUseMediaSource()) {
    const Hls = await loadHlsJs(hlsJsUrl);
    if (Hls.isSupported()) {
      const hls = new Hls({ startLevel: -1 });
      watchFatalErrors(hls, Hls, onFatal);
      hls.attachMedia(video);
      hls.loadSource(hlsUrl);
      return { hls, Hls };
    }
  }
  if (video.canPlayType(HLS_MIME)) {
    video.src = hlsUrl;
    return { hls: null, Hls: null };
  }
  throw new PlayerSetupError('player.errorUnsupported');
}
