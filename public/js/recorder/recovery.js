// After a crash or a reload: the newest recording left in IndexedDB (chunk-store.js) is offered back.
// Recover puts its chunks together and opens the review; Discard removes it and looks for the next one.
import { format } from '../upload/progress.js';
import { formatClock } from './clock.js';

const el = (id) => document.getElementById(id);

/** opts: { store, messages, ui: { show, announce }, onRecover({ blob, elapsedMs, storeId, layout, isRecovered, videoId }) } */
export async function offerRecovery(opts) {
  const { store, messages, ui } = opts;
  const found = store ? (await store.unfinished()).filter((r) => r.elapsedMs > 0) : [];
  if (found.length === 0) return;
  const rec = found[0];
  const when = new Date(rec.startedAt).toLocaleString(document.documentElement.lang);
  el('rec-recover-text').textContent = format(messages['recorder.recover.text'], { when, time: formatClock(rec.elapsedMs) });
  ui.show('rec-recover');
  el('rec-recover-button').onclick = async () => {
    const assembled = await store.assemble(rec.id);
    if (!assembled) {
      await store.remove(rec.id);
      ui.show('rec-setup');
      return;
    }
    ui.announce(messages['recorder.recovered']);
    opts.onRecover({ blob: assembled.blob, elapsedMs: rec.elapsedMs, storeId: rec.id, layout: rec.layout, isRecovered: true, videoId: rec.videoId });
  };
  el('rec-recover-discard').onclick = async () => {
    await store.remove(rec.id);
    ui.show('rec-setup');
    el('rec-start').focus();
    await offerRecovery(opts);
  };
}
