// Passkeys (WebAuthn) for Kundenportal: adds a passkey on
// /account/two-factor (and the enrolment after sign-in), signs in with one
// on /login and /login/two-factor. Progressive enhancement: the passkey
// forms start `hidden`; this script shows them only when the browser has
// WebAuthn, and hides the note that says passkeys are not available.
//
// The server gives the options as JSON with binary values in base64url;
// the browser's answer goes back form-encoded in base64url with the page's
// form token. Answers are JSON: {redirect} or {error, errors: {field: msg}}.
'use strict';

(function () {
  const supported =
    typeof window.PublicKeyCredential === 'function' &&
    !!navigator.credentials &&
    typeof navigator.credentials.create === 'function' &&
    typeof navigator.credentials.get === 'function';

  function fromB64u(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toB64u(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function credentialList(list) {
    return (list || []).map((c) => ({ type: c.type, id: fromB64u(c.id) }));
  }

  async function post(url, fields) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(fields),
    });
    let body = {};
    try {
      body = await response.json();
    } catch (_) {
      body = {};
    }
    return { ok: response.ok, body };
  }

  function clearErrors(form) {
    const alert = form.querySelector('[data-passkey-error]');
    if (alert) {
      alert.textContent = '';
      alert.hidden = true;
    }
    for (const p of form.querySelectorAll('[data-error-for]')) {
      p.textContent = '';
      p.hidden = true;
      const input = form.querySelector(`[name="${p.dataset.errorFor}"]`);
      if (input) {
        input.removeAttribute('aria-invalid');
        const hint = input.id ? document.getElementById(`${input.id}-hint`) : null;
        if (hint) input.setAttribute('aria-describedby', hint.id);
        else input.removeAttribute('aria-describedby');
      }
    }
  }

  // Messages next to their fields, or in the form's alert; the password
  // is never kept.
  function showErrors(form, body, fallback) {
    const password = form.querySelector('input[type="password"]');
    if (password) password.value = '';
    let placed = false;
    const errors = (body && body.errors) || {};
    for (const [field, message] of Object.entries(errors)) {
      const p = form.querySelector(`[data-error-for="${field}"]`);
      const input = form.querySelector(`[name="${field}"]`);
      if (!p || !input) continue;
      p.textContent = message;
      p.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      if (!placed) input.focus();
      placed = true;
    }
    if (!placed) {
      const alert = form.querySelector('[data-passkey-error]');
      if (alert) {
        alert.textContent = (body && body.error) || fallback;
        alert.hidden = false;
      }
    }
  }

  function busy(form, on) {
    for (const button of form.querySelectorAll('button')) button.disabled = on;
  }

  async function register(form) {
    const fields = Object.fromEntries(new FormData(form));
    const started = await post(form.dataset.options, fields);
    if (!started.ok || !started.body.publicKey) {
      showErrors(form, started.body, form.dataset.cancelled);
      return;
    }
    const options = started.body.publicKey;
    options.challenge = fromB64u(options.challenge);
    options.user.id = fromB64u(options.user.id);
    options.excludeCredentials = credentialList(options.excludeCredentials);
    let credential;
    try {
      credential = await navigator.credentials.create({ publicKey: options });
    } catch (_) {
      showErrors(form, null, form.dataset.cancelled);
      return;
    }
    const done = await post(form.dataset.finish, {
      _csrf: fields._csrf,
      token: started.body.token,
      name: fields.name || '',
      client_data_json: toB64u(credential.response.clientDataJSON),
      attestation_object: toB64u(credential.response.attestationObject),
    });
    if (!done.ok || !done.body.redirect) {
      showErrors(form, done.body, form.dataset.cancelled);
      return;
    }
    window.location.assign(done.body.redirect);
  }

  async function signIn(form) {
    const fields = Object.fromEntries(new FormData(form));
    const started = await post(form.dataset.options, { _csrf: fields._csrf });
    if (!started.ok || !started.body.publicKey) {
      showErrors(form, started.body, form.dataset.cancelled);
      return;
    }
    const options = started.body.publicKey;
    options.challenge = fromB64u(options.challenge);
    options.allowCredentials = credentialList(options.allowCredentials);
    let credential;
    try {
      credential = await navigator.credentials.get({ publicKey: options });
    } catch (_) {
      showErrors(form, null, form.dataset.cancelled);
      return;
    }
    const done = await post(form.getAttribute('action'), {
      _csrf: fields._csrf,
      next: fields.next || '',
      token: started.body.token,
      credential_id: toB64u(credential.rawId),
      client_data_json: toB64u(credential.response.clientDataJSON),
      authenticator_data: toB64u(credential.response.authenticatorData),
      signature: toB64u(credential.response.signature),
      user_handle: credential.response.userHandle
        ? toB64u(credential.response.userHandle) : '',
    });
    if (!done.ok || !done.body.redirect) {
      showErrors(form, done.body, form.dataset.cancelled);
      return;
    }
    window.location.assign(done.body.redirect);
  }

  function enhance(form, run) {
    if (form.dataset.passkeyReady) return;
    form.dataset.passkeyReady = '1';
    form.hidden = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      busy(form, true);
      try {
        await run(form);
      } catch (_) {
        showErrors(form, null, form.dataset.cancelled);
      } finally {
        busy(form, false);
      }
    });
  }

  function init() {
    if (!supported) return;
    for (const note of document.querySelectorAll('[data-passkeys-unsupported]')) note.hidden = true;
    for (const form of document.querySelectorAll('form[data-passkey-register]')) enhance(form, register);
    for (const form of document.querySelectorAll('form[data-passkey-login]')) enhance(form, signIn);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
