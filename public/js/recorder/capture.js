// The capture sources: screen (or a window or tab), camera and microphone, each acquired when chosen and
// previewed; the camera and microphone lists; the remembered choices; and the microphone level meter.
const PREFS_KEY = 'luento.recorder.prefs';

export function loadPrefs() {
  try {
    return JSON.parse(window.localStorage.getItem(PREFS_KEY) || '{}') || {};
  } catch {
    return {};
  }
}

export function savePrefs(prefs) {
  try {
    window.localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Storage blocked (LMS frame): the choices are simply not remembered.
  }
}

export function canCapture() {
  const md = navigator.mediaDevices;
  return Boolean(md && md.getUserMedia && window.MediaRecorder);
}

/** Whether the page may use a feature here; inside an iframe without allow="camera …" it may not. */
export function isAllowedHere(feature) {
  const policy = document.permissionsPolicy || document.featurePolicy;
  return !policy || typeof policy.allowsFeature !== 'function' || policy.allowsFeature(feature);
}

export function acquireCamera(deviceId) {
  const video = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
  if (deviceId) video.deviceId = { exact: deviceId };
  return navigator.mediaDevices.getUserMedia({ video, audio: false });
}

export function acquireMicrophone(deviceId) {
  const audio = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (deviceId) audio.deviceId = { exact: deviceId };
  return navigator.mediaDevices.getUserMedia({ audio, video: false });
}

export function acquireScreen() {
  return navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: false });
}

export function stopStream(stream) {
  if (stream) for (const track of stream.getTracks()) track.stop();
}

/** Fills a device <select> (kind: videoinput or audioinput), keeping the chosen device when it still exists. */
export async function fillDeviceSelect(select, kind, chosenId, defaultLabel) {
  const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === kind && d.deviceId);
  select.replaceChildren(new window.Option(defaultLabel, ''));
  devices.forEach((d, i) => select.append(new window.Option(d.label || `${kind} ${i + 1}`, d.deviceId)));
  select.value = devices.some((d) => d.deviceId === chosenId) ? chosenId : '';
}

/** A level meter on a microphone stream: RMS of the waveform, sampled ten times a second. */
export function startLevelMeter(stream, meter) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return () => undefined;
  const ctx = new Context();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    if (ctx.state === 'suspended') ctx.resume().catch(() => undefined);
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    meter.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
  }, 100);
  return () => {
    clearInterval(timer);
    meter.value = 0;
    ctx.close().catch(() => undefined);
  };
}

export function showPreview(video, stream) {
  video.srcObject = stream;
  video.hidden = !stream;
  if (stream) video.play().catch(() => undefined);
}
