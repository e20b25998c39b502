// LTI Dynamic Registration 1.0 §3.7: tell the platform the registration window can close.
(function () {
  function close() {
    (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
  const button = document.getElementById('lti-close');
  if (button) button.addEventListener('click', close);
  close();
})();
