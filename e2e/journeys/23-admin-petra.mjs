// Journey 23 (issue 9): Petra S. (staff administrator) creates a profile of
// the Brenner group without claim reporting, invites a new user of the
// group (the invitation waits under "Outgoing mail"; the new user sets a
// password and accepts the terms), gives her the profile and restricts her
// to the objects of one site ("Werk Augsburg") with the object picker,
// views the portal as her (banner, no "report a claim", only that site's
// objects), ends the view and finds it all in the audit log. Every page
// passes axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';

const PROFILE = 'Ohne Schadenmeldung (Brenner)';
const NORA = { name: 'Nora Albrecht', email: 'nora.albrecht@brenner-gruppe.example.de', password: 'Walnussbäume am Lech 7' };

/** The portal link of the newest mail under "Outgoing mail" starting with `prefix`. */
async function newestMailLink(s, prefix) {
  await s.goto('/settings/outbox');
  await s.clickAndWaitForPage(s.page.locator('#outbox-table tbody tr a').first());
  const links = await s.page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const link = links.find((href) => new URL(href, 'http://x').pathname.startsWith(prefix));
  assert.ok(link, `a ${prefix} link in the newest mail`);
  return pathOf(new URL(link, 'http://x').href);
}

export default function register() {
  test('The broker administrator sets up a restricted user and views the portal as her', async () => {
    const petra = loginOf('petra');
    await withSession('admin-petra', async (s) => {
      await s.login(petra);

      // A profile of the group without claim reporting.
      await s.goto('/staff/profiles/new');
      await s.axe('/staff/profiles/new');
      const profile = s.page.locator('#profile-form');
      await profile.locator('#name').fill(PROFILE);
      await profile.locator('#organization').selectOption({ label: 'Brenner Industrie Gruppe' });
      await profile.locator('#profile-functions input[value=report_claim]').uncheck();
      await s.clickAndWaitForPage(profile.locator('button[type=submit]'));
      assert.ok(await s.page.locator('main .alert[role=status]').isVisible(), 'the profile is created');
      await s.axe('/staff/profiles/{id}');

      // The invitation, and the new user's activation.
      await s.goto('/invitations');
      const form = s.page.locator('form#invite-form');
      await form.locator('#target-organization').check();
      await form.locator('#organization').selectOption({ label: 'Brenner Industrie Gruppe' });
      await form.locator('#name').fill(NORA.name);
      await form.locator('#email').fill(NORA.email);
      await s.clickAndWaitForPage(form.locator('button[type=submit]'));
      assert.ok((await s.page.content()).includes(NORA.email), 'the invited user is listed');
      const activation = await newestMailLink(s, '/activate/');
      await withSession('admin-petra-nora', async (n) => {
        await n.goto(activation);
        await n.page.locator('#password').fill(NORA.password);
        await n.page.locator('#password_confirm').fill(NORA.password);
        await n.clickAndWaitForPage(n.page.locator('main form button[type=submit]'));
        await n.goto('/login');
        const login = n.page.locator('form[action="/login"]');
        await login.locator('#email').fill(NORA.email);
        await login.locator('#password').fill(NORA.password);
        await n.clickAndWaitForPage(login.locator('button[type=submit]'));
        if (pathOf(n.page.url()) === '/consent') {
          const consent = n.page.locator('form#consent-form');
          for (const name of ['terms', 'privacy']) await consent.locator(`input[name=${name}]`).check();
          await n.clickAndWaitForPage(consent.locator('button[type=submit]'));
        }
        assert.equal(pathOf(n.page.url()), '/home');
        await n.logout();
      });

      // Her profile and her site.
      await s.goto(`/staff/users?q=${encodeURIComponent(NORA.email)}`);
      await s.clickAndWaitForPage(s.page.locator('#users-table tbody tr td:first-child a').first());
      const userPage = pathOf(s.page.url());
      await s.page.locator('#profile-choice').selectOption({ label: `${PROFILE} (Brenner Industrie Gruppe)` });
      await s.clickAndWaitForPage(s.page.locator('#profile button[type=submit]'));
      assert.ok((await s.page.locator('main').innerText()).includes(PROFILE), 'the profile is hers');
      await s.axe('/staff/users/{id}');
      await s.goto(`${userPage}/scope/objects?q=${encodeURIComponent('Werk Augsburg')}`);
      await s.axe('/staff/users/{id}/scope/objects');
      await s.clickAndWaitForPage(s.page.locator('#add-matching-form button[type=submit]'));
      assert.ok(!(await s.page.locator('#pick-state').innerText()).match(/^\s*$/), 'restricted');

      // View the portal as her.
      await s.goto(`${userPage}/view-as`);
      await s.page.locator('main form #password').fill(petra.password);
      await s.clickAndWaitForPage(s.page.locator('main form button[type=submit]'));
      const banner = s.page.locator('#view-as-banner');
      assert.ok((await banner.innerText()).includes(NORA.name), 'the banner names her');
      await s.axe('/home (view as Nora)');
      await s.goto('/claims');
      assert.equal(await s.page.locator('a[href="/claims/report"]').count(), 0, 'no claim reporting');
      await s.axe('/claims (view as Nora)');
      await s.goto('/objects');
      const objects = await s.page.locator('main').innerText();
      assert.ok(!objects.includes('Ingolstadt') && !objects.includes('München'), 'only the Augsburg site');
      assert.ok((await s.page.locator('table.data tbody tr').count()) > 0, 'her site\'s objects');
      await s.axe('/objects (view as Nora)');
      await s.goto('/home');
      await s.clickAndWaitForPage(s.page.locator('#view-as-end'));
      assert.equal(pathOf(s.page.url()), userPage, 'back on her page');

      // All of it in the audit log.
      await s.goto(`/staff/audit?person=${encodeURIComponent(NORA.email)}`);
      const audit = await s.page.locator('#audit-table').innerText();
      for (const action of ['user.invited', 'user.profile_assigned', 'user.scope_changed', 'view_as.started', 'view_as.ended']) {
        assert.ok(audit.includes(action), `${action} in the audit log`);
      }
      await s.axe('/staff/audit');
      await s.logout();
    });
  });
}
