// Upload progress for forms marked `data-upload-progress` (the claim
// wizard's documents and photos step). Progressive enhancement: without
// this script the form is posted as it is and works the same. With it,
// a form with files chosen is sent by XMLHttpRequest so that its
// `<progress>` can follow the bytes; the answer is what the plain form
// would have shown: the page the server redirected to, or the refusal
// page (413/422) with its message, swapped into <main>.
'use strict';

(function () {
  function chosenFiles(form) {
    return Array.prototype.some.call(
      form.querySelectorAll('input[type="file"]'),
      function (input) { return input.files && input.files.length > 0; }
    );
  }

  function setBusy(form, busy) {
    form.querySelectorAll('button').forEach(function (b) { b.disabled = busy; });
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function showAnswer(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const fresh = doc.getElementById('main');
    const main = document.getElementById('main');
    if (!fresh || !main) return false;
    main.replaceWith(document.importNode(fresh, true));
    if (doc.title) document.title = doc.title;
    init();
    const alert = document.querySelector('#main [role="alert"]');
    const target = alert || document.getElementById('main');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
    return true;
  }

  function bind(form) {
    if (form.dataset.progressBound) return;
    form.dataset.progressBound = '1';
    form.addEventListener('submit', function (event) {
      if (!chosenFiles(form) || typeof window.FormData !== 'function') return;
      event.preventDefault();
      const data = new FormData(form);
      const submitter = event.submitter;
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
      const box = form.querySelector('[data-progress]');
      const bar = box ? box.querySelector('progress') : null;
      if (box) box.hidden = false;
      setBusy(form, true);
      const xhr = new XMLHttpRequest();
      // Not `form.action`: the buttons are named "action", and a control's
      // name shadows the form's property of the same name.
      xhr.open('POST', form.getAttribute('action'));
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && bar) bar.value = Math.round((e.loaded * 100) / e.total);
      });
      xhr.addEventListener('load', function () {
        if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
          window.location.assign(xhr.responseURL);
        } else if (!showAnswer(xhr.responseText)) {
          setBusy(form, false);
        }
      });
      xhr.addEventListener('error', function () {
        // The connection broke: the form stays as it is for another try.
        if (box) box.hidden = true;
        setBusy(form, false);
      });
      xhr.send(data);
    });
  }

  function init() {
    document.querySelectorAll('form[data-upload-progress]').forEach(bind);
  }

  init();
})();
