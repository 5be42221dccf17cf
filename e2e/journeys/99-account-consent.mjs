// Journey 99 (issue 8): Jonas K., who has not accepted the terms yet, is
// led to the consent page right after signing in, accepts and reaches his
// home page; he opens "My account" from the header (sessions, sign-in
// history, a refused password change); Petra S. publishes a new version of
// the terms, and Martina K. is asked again at her next sign-in. Every page
// passes axe.
//
// Runs last (name 99-…): after it, the other customers of the tenant have
// the new terms to accept, which would stop the other journeys at /consent.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';

// kp_demo::consent_login(), printed by `kundenportal demo` after the table.
const JONAS = { email: 'jonas.keller@example.de', password: 'Demo-Jonas-2026' };

/** Signs in and returns where the browser landed. */
async function signIn(s, { email, password }) {
  await s.goto('/login');
  const form = s.page.locator('form[action="/login"]');
  await form.locator('input#email').fill(email);
  await form.locator('input#password').fill(password);
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  return pathOf(s.page.url());
}

async function accept(s, boxes) {
  const form = s.page.locator('form#consent-form');
  for (const name of boxes) await form.locator(`input[type=checkbox][name=${name}]`).check();
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
}

export default function register() {
  test('A customer accepts the terms, then finds his account; a new terms version is asked again', async () => {
    await withSession('account-consent-jonas', async (s) => {
      s.expectErrorStatus('/account/password'); // the refused change answers 422
      assert.equal(await signIn(s, JONAS), '/consent', 'led to the consent page at sign-in');
      await s.axe('/consent');
      await s.goto('/contracts');
      assert.equal(pathOf(s.page.url()), '/consent', 'every page leads there until he accepts');
      await accept(s, ['terms', 'privacy']);
      assert.equal(pathOf(s.page.url()), '/home');

      await s.clickAndWaitForPage(s.page.locator('header a[href="/account"]'));
      assert.equal(pathOf(s.page.url()), '/account');
      assert.equal(await s.page.locator('#sessions-table tbody tr').count(), 1, 'one session');
      assert.ok((await s.page.locator('#sessions-table .badge').count()) === 1, 'this session is marked');
      assert.ok((await s.page.locator('#consents li').count()) >= 2, 'the consents are listed');
      await s.axe('/account');

      const form = s.page.locator('form[action="/account/password"]');
      await form.locator('#current_password').fill('not my password');
      await form.locator('#new_password').fill('Ein langer neuer Satz');
      await form.locator('#new_password_repeat').fill('Ein langer neuer Satz');
      const res = await s.clickAndWaitForPage(form.locator('button[type=submit]'));
      assert.equal(res.status(), 422);
      assert.equal(await s.page.locator('#current_password').getAttribute('aria-invalid'), 'true');
      assert.equal(await s.page.locator('#new_password').inputValue(), '', 'no password is echoed');
      await s.axe('/account (wrong current password)');
    });

    await withSession('account-consent-petra', async (s) => {
      await s.login(loginOf('petra'));
      await s.goto('/settings/legal');
      await s.axe('/settings/legal');
      // Martina's tenant: the first one offered is Hamburg, hers.
      await s.clickAndWaitForPage(s.page.locator('#publish-terms'));
      assert.equal(await s.page.locator('#legal-done').count(), 1, 'published');
    });

    await withSession('account-consent-martina', async (s) => {
      assert.equal(await signIn(s, loginOf('martina')), '/consent', 'asked again for the new terms');
      assert.equal(await s.page.locator('input[name=privacy]').count(), 0, 'only the terms are new');
      await s.axe('/consent (new terms version)');
      await accept(s, ['terms']);
      assert.equal(pathOf(s.page.url()), '/home');
    });
  });
}
