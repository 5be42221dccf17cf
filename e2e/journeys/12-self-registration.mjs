// Journey 12: a private customer of the demo's Hamburg tenant registers
// herself (issue 8, C3). From the login page's link she fills in her
// customer number and date of birth (the README's demo customer), gets the
// same answer page a miss would get, follows the verification link (read
// from the queued mail in the database: the demo has no SMTP server), sets
// a password, signs in and accepts the terms. Every page on the way passes axe.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

/** The README's demo customer without a login. */
const CUSTOMER = { number: 'KD-100002', birthDate: '1956-03-09' };
const PASSWORD = 'Elbbrücken bei Sonnenaufgang 2026';

/** The text of the newest queued mail to `to`, from the server's database. */
function newestMailTo(to) {
  const sql = `SELECT body_text FROM outbox_mails WHERE recipients LIKE '%${to}%' ORDER BY id DESC LIMIT 1`;
  const url = process.env.KUNDENPORTAL_DATABASE_URL;
  if (url && url.startsWith('postgres')) {
    return execFileSync('psql', [url, '-Atc', sql], { encoding: 'utf8' });
  }
  const file = path.join(ctx.server.dataDir, 'data', 'kundenportal.db');
  return execFileSync('sqlite3', ['-readonly', file, sql], { encoding: 'utf8' });
}

export default function register() {
  test('A private customer registers herself, verifies her address and signs in', () =>
    withSession('self-registration', async (s) => {
      const email = `selbst-${Date.now()}@kunde.example.de`;
      await s.goto('/login');
      await s.clickAndWaitForPage(s.page.locator('a[href="/register"]'));
      assert.equal(pathOf(s.page.url()), '/register');
      await s.axe('/register');

      const form = s.page.locator('form#register-form');
      // A malformed e-mail is shown at its field, the input kept.
      await form.locator('input[name=kind][value=private]').check();
      await form.locator('input#customer_number').fill(CUSTOMER.number);
      await form.locator('input#birth_date').fill(CUSTOMER.birthDate);
      await form.locator('input#email').fill('kein-at');
      s.expectErrorStatus('/register');
      let res = await s.clickAndWaitForPage(form.locator('button[type=submit]'));
      assert.equal(res.status(), 422);
      assert.equal(await s.page.locator('input#email').getAttribute('aria-invalid'), 'true');
      assert.equal(await s.page.locator('input#customer_number').inputValue(), CUSTOMER.number);
      await s.axe('/register (bad e-mail)');

      await s.page.locator('input#birth_date').fill(CUSTOMER.birthDate);
      await s.page.locator('input#email').fill(email);
      res = await s.clickAndWaitForPage(s.page.locator('form#register-form button[type=submit]'));
      assert.equal(res.status(), 200);
      assert.equal(pathOf(s.page.url()), '/register/sent');
      await s.axe('/register/sent');

      const text = newestMailTo(email);
      const link = /https?:\/\/\S+(\/register\/verify\/[0-9a-f]{64})/.exec(text);
      assert.ok(link, `a verification link in the mail:\n${text}`);
      await s.goto(link[1]);
      await s.axe('/register/verify/{token}');
      await s.page.locator('input#password').fill(PASSWORD);
      await s.page.locator('input#password_confirm').fill(PASSWORD);
      res = await s.clickAndWaitForPage(s.page.locator('main form button[type=submit]'));
      assert.equal(res.status(), 200);
      await s.axe('/register/verify/{token} (done)');

      // Like every new account, she accepts the terms and privacy notice
      // right after signing in.
      await s.goto('/login');
      const login = s.page.locator('form[action="/login"]');
      await login.locator('input#email').fill(email);
      await login.locator('input#password').fill(PASSWORD);
      await s.clickAndWaitForPage(login.locator('button[type=submit]'));
      assert.equal(pathOf(s.page.url()), '/consent');
      const consent = s.page.locator('form#consent-form');
      for (const name of ['terms', 'privacy']) await consent.locator(`input[name=${name}]`).check();
      await s.clickAndWaitForPage(consent.locator('button[type=submit]'));
      assert.equal(pathOf(s.page.url()), '/home');
    }));
}
