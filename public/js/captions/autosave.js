// Debounced saving of the editor's cues as new versions. One request at a time; each names the version
// it was edited from, so a save never silently replaces someone else's (the server answers 409). The
// state (saved, dirty, saving, error, conflict) is written to the editor root for styling and tests.
const DEBOUNCE_MS = 1200;
const RETRY_MS = 5000;

export function createRequester({ csrf, sessionToken }) {
  return async (method, url, body) => {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (sessionToken) headers['X-Luento-Session'] = sessionToken;
    const payload = body === undefined ? undefined : JSON.stringify(csrf ? { ...body, _csrf: csrf } : body);
    const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
    const data = await res.json().catch(() => ({}));
    return { status: res.status, ok: res.ok, data };
  };
}

/**
 * getCues(): the cues to save; getBase()/onSaved(state): the version edited from and the server's answer;
 * check(cues): a reason not to save yet (a cue without text), or null; report(kind, detail): status.
 */
export function createAutosave({ root, url, request, getCues, getBase, onSaved, check, report }) {
  let timer = null;
  let inFlight = null;
  let isDirty = false;
  let isStopped = false;

  const setState = (state) => {
    root.dataset.saveState = state;
  };
  setState('saved');

  async function save() {
    timer = null;
    if (isStopped || inFlight || !isDirty) return;
    const cues = getCues();
    const problem = check(cues);
    if (problem) {
      setState('dirty');
      report('waiting', problem);
      return;
    }
    isDirty = false;
    setState('saving');
    report('saving');
    inFlight = request('PUT', url, { baseVersion: getBase(), cues }).catch(() => ({ status: 0, ok: false, data: {} }));
    const res = await inFlight;
    inFlight = null;
    handle(res);
  }

  function handle(res) {
    if (res.ok) {
      onSaved(res.data);
      if (isDirty) schedule();
      else {
        setState('saved');
        report('saved', res.data);
      }
      return;
    }
    isDirty = true;
    if (res.status === 409) {
      isStopped = true;
      setState('conflict');
      report('conflict', res.data.error);
    } else if (res.status === 0 || res.status >= 500) {
      setState('error');
      report('offline');
      timer = setTimeout(save, RETRY_MS);
    } else {
      // A 400 names what to fix; the next change tries again.
      setState('error');
      report('invalid', res.data.error);
    }
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DEBOUNCE_MS);
  }

  return {
    changed() {
      if (isStopped) return;
      isDirty = true;
      setState('dirty');
      report('dirty');
      schedule();
    },
    /** Saves now and waits (before "Mark as reviewed", which must review what was saved). */
    async flush() {
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight;
      if (isDirty) await save();
      if (inFlight) await inFlight;
      return !isDirty && !isStopped;
    },
    isStopped: () => isStopped,
  };
}
