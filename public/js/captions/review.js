// "Mark as reviewed" and the version history with "restore this version". Both save on the server;
// the review waits for autosave first, so what is marked reviewed is what the person saw.
export function bindReview({ root, t, request, url, autosave, server, onState }) {
  const stateText = root.querySelector('.caption-review-state');
  const button = root.querySelector('.caption-review-button');
  const versions = root.querySelector('.caption-versions');
  const status = root.querySelector('.caption-editor-status');
  const errorBox = root.querySelector('.caption-editor-error');
  const locale = document.documentElement.lang || 'en';
  const formatDate = (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  const fail = (res) => {
    errorBox.textContent = t('captions.editor.saveFailed', { reason: res.data?.error?.message ?? String(res.status) });
    errorBox.hidden = false;
    if (res.status === 409) root.querySelector('.caption-editor-reload').hidden = false;
  };

  button.addEventListener('click', async () => {
    const isSaved = await autosave().flush();
    if (!isSaved) return;
    const res = await request('POST', `${url}/review`, { version: server.version });
    if (!res.ok) return fail(res);
    onState(res.data);
    status.textContent = t('captions.editor.reviewDone');
  });

  async function restore(version) {
    const isSaved = await autosave().flush();
    if (!isSaved) return;
    const res = await request('POST', `${url}/restore`, { version, baseVersion: server.version });
    if (!res.ok) return fail(res);
    onState(res.data, { replaceCues: true });
    status.textContent = t('captions.editor.restored', { version });
  }

  function renderVersions(state) {
    versions.replaceChildren();
    for (const v of state.versions ?? []) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      const who = v.createdByName ?? t('captions.editor.someone');
      text.textContent = t('captions.editor.versionLine', { version: v.version, source: t(`captions.editor.source.${v.source}`), who, date: formatDate(v.createdAt), cues: v.cueCount });
      li.append(text);
      if (v.version === state.version) {
        li.append(` ${t('captions.editor.current')}`);
      } else {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = t('captions.editor.restore', { version: v.version });
        b.addEventListener('click', () => restore(v.version));
        li.append(' ', b);
      }
      versions.append(li);
    }
  }

  return {
    render(state) {
      const r = state.review ?? {};
      stateText.textContent = r.isReviewed ? t('captions.editor.reviewed', { name: r.byName ?? '', date: formatDate(r.at) }) : t('captions.editor.notReviewed');
      root.dataset.reviewed = r.isReviewed ? 'true' : 'false';
      button.disabled = !state.version || r.isReviewed;
      renderVersions(state);
    },
  };
}
