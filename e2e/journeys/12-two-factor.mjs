// Journey 12: two-factor sign-in. Martina K. sets up an authenticator app
// on /account/two-factor (the code is computed here from the key the page
// shows), sees her ten recovery codes, signs out and in with password and
// code, and removes it again (so the demo stays as it was). The demo's
// user with TOTP already enrolled signs in with a code from the printed
// key. axe on the enrolment, codes and sign-in-step pages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertVisible, ctx, pathOf, withSession } from '../lib/harness.mjs';
import { stepAt, totpCode } from '../lib/totp.mjs';

/** The password step: lands on the code step, not on /home. */
async function passwordStep(s, { email, password }) {
  await s.goto('/login');
  const form = s.page.locator('form[action="/login"]');
  await form.locator('input#email').fill(email);
  await form.locator('input#password').fill(password);
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  assert.equal(pathOf(s.page.url()), '/login/two-factor', 'the password step leads to the code step');
}

async function codeStep(s, code) {
  const form = s.page.locator('form[action="/login/two-factor"]');
  await form.locator('input#code').fill(code);
  return s.clickAndWaitForPage(form.locator('button[type=submit]'));
}

export default function register() {
  test('A customer sets up an authenticator app and signs in with password and code', () =>
    withSession('two-factor-enrol', async (s) => {
      s.expectErrorStatus('/login/two-factor'); // the wrong code's 422 is intended
      const martina = ctx.logins.find((l) => l.email.includes('martina'));
      assert.ok(martina, 'demo login martina');
      await s.login(martina);

      await s.goto('/account/two-factor');
      await s.axe('/account/two-factor');
      const start = s.page.locator('form[action="/account/two-factor/totp"]');
      await start.locator('input[name=password]').fill(martina.password);
      await s.clickAndWaitForPage(start.locator('button[type=submit]'));
      const secretEl = s.page.locator('#totp-secret');
      await assertVisible(secretEl, 'the key in text');
      await assertVisible(s.page.locator('img.two-factor-qr'), 'the QR code');
      const secret = await secretEl.getAttribute('data-secret');
      assert.match(secret, /^[A-Z2-7]+=*$/, 'the key is base32');
      await s.axe('/account/two-factor/totp (enrol)');

      const enrolStep = stepAt();
      const confirm = s.page.locator('form', { has: s.page.locator('input#code') });
      await confirm.locator('input#code').fill(totpCode(secret, enrolStep));
      await s.clickAndWaitForPage(confirm.locator('button[type=submit]'));
      const codes = await s.page.locator('#recovery-codes li code').allInnerTexts();
      assert.equal(codes.length, 10, 'ten recovery codes are shown');
      assert.equal(new Set(codes).size, 10, 'the recovery codes differ');
      await s.axe('/account/two-factor/totp/confirm (recovery codes)');

      await s.logout();
      await passwordStep(s, martina);
      await s.axe('/login/two-factor');
      // Nothing but the code step is reachable with the password alone.
      await s.goto('/home');
      assert.notEqual(pathOf(s.page.url()), '/home', 'the password alone does not reach /home');
      await s.goto('/login/two-factor');

      const wrong = await codeStep(s, totpCode(secret, enrolStep + 5));
      assert.equal(wrong.status(), 422, 'a wrong code answers 422');
      await assertVisible(s.page.locator('[role=alert], .field-error').first(), 'the error message');
      await s.axe('/login/two-factor (wrong code)');

      // The enrolment used its step's code; the next step's is new and
      // within the server's one-step tolerance.
      const ok = await codeStep(s, totpCode(secret, enrolStep + 1));
      assert.equal(pathOf(s.page.url()), '/home', 'password and code reach /home');
      assert.equal(ok.status(), 200);

      // Restore the demo: Martina signs in with her password alone again.
      await s.goto('/account/two-factor');
      const remove = s.page.locator('form[action="/account/two-factor/totp/remove"]');
      await remove.locator('input[name=password]').fill(martina.password);
      await s.clickAndWaitForPage(remove.locator('button[type=submit]'));
      assert.equal(await s.page.locator('form[action="/account/two-factor/totp"]').count(), 1, 'TOTP is off again');
      await s.logout();
      await s.login(martina);
    }));

  test("The demo's two-factor user signs in with a code from the printed key", () =>
    withSession('two-factor-demo-user', async (s) => {
      const lena = ctx.totpLogin;
      assert.ok(lena, 'the demo prints a two-factor login with its key');
      assert.ok(!ctx.logins.some((l) => l.email === lena.email), 'not in the password-only table');
      await passwordStep(s, lena);
      const res = await codeStep(s, totpCode(lena.secret));
      assert.equal(pathOf(s.page.url()), '/home', 'password and code reach /home');
      assert.equal(res.status(), 200);
      await s.axe('/home (two-factor user)');
    }));
}
