// LTI Client Side postMessages, platform storage (lti.put_data / lti.get_data): keeps the login's
// proof in the LMS window when the browser refuses cookies in this iframe.
(function () {
  const el = document.getElementById('lti-storage');
  if (!el) return;
  const d = el.dataset;
  const targetWindow = d.target === '_parent' ? window.parent : window.parent.frames[d.target] || window.parent;
  const messageId = 'luento-' + Math.random().toString(36).slice(2);
  let done = false;

  function finish(value) {
    if (done) return;
    done = true;
    if (d.mode === 'put') {
      window.location.replace(d.next);
      return;
    }
    const form = document.getElementById('lti-storage-form');
    form.elements.value.value = value || '';
    form.submit();
  }

  window.addEventListener('message', function (event) {
    const m = event.data;
    if (!m || m.message_id !== messageId || event.origin !== d.origin) return;
    if (m.subject === 'lti.put_data.response' || m.subject === 'lti.get_data.response') finish(m.value);
  });
  const message = d.mode === 'put'
    ? { subject: 'lti.put_data', message_id: messageId, key: d.key, value: d.value }
    : { subject: 'lti.get_data', message_id: messageId, key: d.key };
  targetWindow.postMessage(message, d.origin);
  // A platform that never answers must not leave the user on a blank page: go on; the server decides.
  setTimeout(function () { finish(''); }, 3000);
})();
