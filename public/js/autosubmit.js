// Submits a form marked data-autosubmit (OIDC form_post and Deep Linking responses). The button stays
// for people without JavaScript.
(function () {
  const form = document.querySelector('form[data-autosubmit]');
  if (form) form.submit();
})();
