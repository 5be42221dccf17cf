// Journey 16 (issue 9): Petra S. (administrator) opens Jens W.'s page under
// Users, views the portal as him after giving her own password again, sees
// the banner naming both on his home page, finds his account closed to her
// (403 with its message), ends the view and is back on his page in her own
// session. Jens then finds the view in his sign-in history. Every page
// passes axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';

export default function register() {
  test('An administrator views the portal as a user and ends the view', async () => {
    const petra = loginOf('petra');
    const jens = loginOf('jens');
    let userPage;
    await withSession('view-as-petra', async (s) => {
      await s.login(petra);
      await s.goto('/staff/users?q=wagner');
      await s.clickAndWaitForPage(s.page.locator('#users-table tbody tr td:first-child a').first());
      userPage = pathOf(s.page.url());
      assert.match(userPage, /^\/staff\/users\/\d+$/);
      await s.clickAndWaitForPage(s.page.locator('#view-as-link'));
      await s.axe('/staff/users/{id}/view-as');

      // A wrong password starts nothing and says so at the field.
      const form = s.page.locator('main form');
      await form.locator('#password').fill('nicht mein Passwort');
      s.expectErrorStatus(pathOf(s.page.url()));
      await s.clickAndWaitForPage(form.locator('button[type=submit]'));
      assert.ok(await s.page.locator('#password-error').isVisible(), 'the wrong password is named');
      await s.axe('/staff/users/{id}/view-as (wrong password)');

      await s.page.locator('main form #password').fill(petra.password);
      await s.clickAndWaitForPage(s.page.locator('main form button[type=submit]'));
      const banner = s.page.locator('#view-as-banner');
      assert.ok(await banner.isVisible(), 'the banner is shown');
      const text = await banner.innerText();
      assert.ok(text.includes('Jens Wagner') && text.includes('Petra Schulz'), `both names: ${text}`);
      await s.axe('/home (view as user)');
      await s.screenshot('view-as-home');
      await s.goto('/objects');
      assert.ok(await s.page.locator('#view-as-banner').isVisible(), 'on every page');
      await s.axe('/objects (view as user)');

      s.expectErrorStatus('/account');
      const account = await s.goto('/account');
      assert.equal(account.status(), 403, 'his account is closed to her');
      await s.axe('/account (view as user, 403)');

      await s.goto('/home');
      await s.clickAndWaitForPage(s.page.locator('#view-as-end'));
      assert.equal(pathOf(s.page.url()), userPage, 'back on his page');
      assert.ok(await s.page.locator('main .alert[role=status]').isVisible(), 'the view has ended, it says');
      assert.equal(await s.page.locator('#view-as-banner').count(), 0, 'no banner any more');
      await s.axe('/staff/users/{id} (view ended)');
      await s.logout();
    });
    await withSession('view-as-jens', async (s) => {
      await s.login(jens);
      await s.goto('/account');
      const history = s.page.locator('#staff-views-table');
      assert.ok(await history.isVisible(), 'the view is in his sign-in history');
      assert.ok((await history.innerText()).includes('Petra Schulz'));
      await s.axe('/account (views by staff)');
      await s.logout();
    });
  });
}
