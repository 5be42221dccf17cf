// Journey 2: a wrong password and an unknown e-mail get the same generic
// error on the login page (HTTP 401); the page passes axe before and after.
// Three failures stay below the free failures per browser
// (security.login_free_failures_per_device = 5), so none is paused (429).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

async function tryLogin(s, email, password) {
  const form = s.page.locator('form[action="/login"]');
  await form.locator('input#email').fill(email);
  await form.locator('input#password').fill(password);
  const res = await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  // The passkey form keeps its own (hidden, empty) alert for the script.
  const alert = s.page.locator('div.alert-error[role=alert]:not([hidden])');
  assert.equal(res.status(), 401, `a failed login answers 401, got ${res.status()}`);
  assert.equal(pathOf(s.page.url()), '/login', 'a failed login stays on /login');
  assert.equal(await alert.count(), 1, 'one error alert is shown');
  assert.ok(await alert.isVisible(), 'the error alert is visible');
  assert.equal(await form.count(), 1, 'the login form is shown again');
  assert.equal(await form.locator('input#password').inputValue(), '', 'the password is not echoed back');
  return (await alert.innerText()).trim();
}

export default function register() {
  test('A wrong password or an unknown e-mail gets one generic error and stays on the login page', () =>
    withSession('wrong-login', async (s) => {
      s.expectErrorStatus('/login'); // the 401 answers are intended
      const login = ctx.logins[0];
      await s.goto('/login');
      await s.axe('/login');

      const wrongPassword = await tryLogin(s, login.email, `${login.password}-wrong`);
      assert.ok(wrongPassword.length > 0, 'the error has a text');
      assert.equal(await s.page.locator('input#email').inputValue(), login.email, 'the e-mail is kept');
      assert.equal(await s.page.locator('input#email').getAttribute('aria-invalid'), 'true', 'the e-mail field is marked invalid');
      await s.axe('/login (wrong password)');

      const unknown = await tryLogin(s, `nobody-${Date.now()}@example.invalid`, 'whatever-123');
      assert.equal(unknown, wrongPassword, 'unknown e-mail and wrong password give the same message');
      await s.axe('/login (unknown e-mail)');

      // The same in English, after switching the language on the login page.
      await s.switchLanguage('en');
      const english = await tryLogin(s, login.email, `${login.password}-wrong`);
      assert.notEqual(english, wrongPassword, 'the error is translated to English');
      assert.equal(await s.lang(), 'en');
      await s.axe('/login (wrong password)');

      // Nobody got logged in by any of this.
      await s.goto('/home');
      assert.equal(pathOf(s.page.url()), '/login', 'no session after failed logins');
    }));
}
