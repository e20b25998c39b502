// The demo LMS's side of LTI platform storage (LTI Client Side postMessages): it keeps values for the
// tool frame, so the tool can launch when the browser refuses its cookies.
(function () {
  const frame = document.getElementById('tool-frame');
  if (!frame) return;
  const store = new Map();
  window.addEventListener('message', function (event) {
    const m = event.data;
    if (!m || typeof m.subject !== 'string' || event.source !== frame.contentWindow) return;
    if (m.subject === 'lti.put_data') {
      store.set(event.origin + '|' + m.key, m.value);
      event.source.postMessage({ subject: 'lti.put_data.response', message_id: m.message_id, key: m.key, value: m.value }, event.origin);
    } else if (m.subject === 'lti.get_data') {
      event.source.postMessage({ subject: 'lti.get_data.response', message_id: m.message_id, key: m.key, value: store.get(event.origin + '|' + m.key) }, event.origin);
    } else if (m.subject === 'lti.capabilities') {
      event.source.postMessage({ subject: 'lti.capabilities.response', message_id: m.message_id, supported_messages: [{ subject: 'lti.put_data' }, { subject: 'lti.get_data' }] }, event.origin);
    }
  });
})();
