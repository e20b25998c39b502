// The captions page while automatic captions are being made: polls the run's progress, updates the bar
// and the status line (a live region), and reloads the page once the run has ended, so the new track
// and the buttons show. The session token (cookie-less sessions) is already in the progress URL.
const section = document.getElementById('asr');
const POLL_MS = 2000;

async function poll() {
  if (!section) return;
  const url = section.dataset.progressUrl;
  try {
    const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) throw new Error(String(res.status));
    const progress = await res.json();
    const bar = document.getElementById('asr-bar');
    const message = document.getElementById('asr-message');
    if (bar) bar.value = progress.percent;
    if (message && message.textContent !== progress.message) message.textContent = progress.message;
    if (!progress.isActive) {
      window.location.reload();
      return;
    }
  } catch {
    // A dropped request is retried on the next tick; the page still says where the run was.
  }
  setTimeout(poll, POLL_MS);
}

if (section && section.dataset.active === 'true') setTimeout(poll, POLL_MS);
