// Journey 22 (issue 9, delegated administration): Dr. Stefan B., the
// Brenner group's organization administrator, opens User administration,
// invites a colleague restricted to one site (the objects of "Werk
// Augsburg") with the profile "Standortleitung", and sees the invitation
// listed; on the colleague's scope page he moves the colleague to the
// Ingolstadt site with the object picker ("add all matching") and sees
// the summary count exactly those objects. Then the rule "never broader
// than one's own": Petra S. lets the plant manager Jens W. manage users
// too; Jens is offered only profiles no broader than his own (not
// "Vollzugriff", not "Finance only", not "everything") and no
// unrestricted objects. Petra takes the
// function away again at the end. Every page passes axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';

const COLLEAGUE = 'markus.huber@brenner-gruppe.example.de';

/** The number in a text such as "Matching: 1.234" (any language's grouping). */
function digits(text) {
  return Number(text.replace(/[^0-9]/g, ''));
}

/** Ticks or unticks "manage users" (and its area) in the profile `name`. */
async function manageUsers(s, name, on) {
  await s.goto('/staff/profiles');
  await s.clickAndWaitForPage(s.page.locator('main table a', { hasText: name }).first());
  const form = s.page.locator('#profile-form');
  await form.locator('#profile-areas input[value=administration]').setChecked(on);
  await form.locator('#profile-functions input[value=manage_users]').setChecked(on);
  await s.clickAndWaitForPage(form.locator('button[type=submit]').first());
  assert.ok(await s.page.locator('main .alert[role=status]').isVisible(), `${name} saved`);
}

export default function register() {
  test('The organization administrator invites a colleague within his own scope', async () => {
    await withSession('delegated-admin-stefan', async (s) => {
      await s.login(loginOf('stefan'));
      await s.clickAndWaitForPage(s.page.locator('nav a[href="/admin/users"]').first());
      assert.equal(pathOf(s.page.url()), '/admin/users');
      assert.ok((await s.page.locator('#org-users').innerText()).includes('Jens Wagner'));
      await s.axe('/admin/users');

      await s.clickAndWaitForPage(s.page.locator('#invite-link'));
      await s.axe('/admin/users/new');
      const form = s.page.locator('#invite-form');
      await form.locator('#name').fill('Markus Huber');
      await form.locator('#email').fill(COLLEAGUE);
      await form.locator('#language').selectOption('de');
      await form.locator('#profile').selectOption({ label: 'Standortleitung' });
      await form.locator('input[name=objects_mode][value=matching]').check();
      await form.locator('#objects_text').fill('Werk Augsburg');
      await s.clickAndWaitForPage(form.locator('button[type=submit]'));
      assert.equal(pathOf(s.page.url()), '/admin/users');
      assert.ok(await s.page.locator('main .alert[role=status]').isVisible(), 'the invitation is confirmed');
      const row = s.page.locator('#org-users tbody tr', { hasText: COLLEAGUE });
      assert.equal(await row.count(), 1, 'the invitation is listed');
      await s.axe('/admin/users (invited)');

      // His colleague's page: what the colleague sees, within his own.
      await s.clickAndWaitForPage(row.locator('a').first());
      await s.axe('/admin/users/{id}');
      await s.clickAndWaitForPage(s.page.locator('#scope-link'));
      assert.ok(await s.page.locator('input[name=objects_mode][value=keep]').isChecked(), 'the site is kept');
      assert.ok(await s.page.locator('#scope-summary').isVisible(), 'the summary is shown');
      await s.axe('/admin/users/{id}/scope');

      // The object picker: from Augsburg to the Ingolstadt site, every
      // object of it in one step; the summary then counts exactly those.
      await s.clickAndWaitForPage(s.page.locator('#objects-state a'));
      assert.match(pathOf(s.page.url()), /^\/admin\/users\/\d+\/scope\/objects$/);
      await s.axe('/admin/users/{id}/scope/objects');
      await s.clickAndWaitForPage(s.page.locator('#clear-form button'));
      assert.ok(await s.page.locator('main .alert[role=status]').isVisible(), 'the restriction is lifted');
      await s.page.locator('#pick-q').fill('Werk Ingolstadt');
      await s.clickAndWaitForPage(s.page.locator('form[role=search] button[type=submit]'));
      const found = digits(await s.page.locator('#found-heading').innerText());
      assert.ok(found > 0, 'the site has objects');
      await s.axe('/admin/users/{id}/scope/objects?q=…');
      await s.clickAndWaitForPage(s.page.locator('#add-matching-form button'));
      assert.ok(await s.page.locator('main .alert[role=status]').isVisible(), 'added');
      assert.equal(digits(await s.page.locator('#chosen-heading').innerText()), found, 'every object of the site chosen');
      await s.clickAndWaitForPage(s.page.locator('main p a').first());
      assert.equal(digits(await s.page.locator('#summary-objects').innerText()), found, 'the summary counts the site');
      assert.ok(digits(await s.page.locator('#summary-contracts').innerText()) > 0, 'and their contracts');
      await s.axe('/admin/users/{id}/scope (summary)');
      await s.logout();
    });

    await withSession('delegated-admin-petra', async (s) => {
      await s.login(loginOf('petra'));
      await manageUsers(s, 'Standortleitung', true);
      await s.logout();
    });
    try {
      await withSession('delegated-admin-jens', async (s) => {
        await s.login(loginOf('jens'));
        await s.goto('/admin/users/new');
        const offered = await s.page.locator('#profile option').allInnerTexts();
        assert.ok(offered.includes('Standortleitung'), `offered: ${offered}`);
        for (const broader of ['Vollzugriff', 'Organisationsadministrator', 'Finance only']) {
          assert.ok(!offered.includes(broader), `${broader} is not offered: ${offered}`);
        }
        assert.equal(await s.page.locator('#profile option[value=""]').count(), 0, 'no "everything"');
        assert.equal(await s.page.locator('input[name=objects_mode][value=all]').count(), 0, 'only his site');
        await s.axe('/admin/users/new (site administrator)');
        await s.logout();
      });
    } finally {
      await withSession('delegated-admin-petra-undo', async (s) => {
        await s.login(loginOf('petra'));
        await manageUsers(s, 'Standortleitung', false);
        await s.logout();
      });
    }
  });
}
