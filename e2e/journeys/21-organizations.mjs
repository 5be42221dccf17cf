// Journey 21 (issue 9, D3/D4): Petra S. (portal administrator) opens the
// Brenner group under Organizations, changes its profile currency and
// requires a second factor (a bad currency is refused at the field, what
// she typed kept), adds a private customer found by customer number and
// uploads a logo (a GIF is refused at the field). At the end she restores
// the currency and the second-factor rule and removes the customer again,
// so that the journeys after this one find the group as before. axe on
// every page and state.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';

// A 1×1 PNG: what an administrator uploads, checked by its first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function saveSettings(s, currency, twoFactor) {
  const form = s.page.locator('#org-form');
  await form.locator('#currency').fill(currency);
  await form.locator('#require_two_factor').setChecked(twoFactor);
  await s.clickAndWaitForPage(form.locator('#org-save'));
}

export default function register() {
  test('An administrator edits an organization, adds a customer and uploads a logo', async () => {
    const petra = loginOf('petra');
    await withSession('organizations-petra', async (s) => {
      await s.login(petra);
      await s.goto('/staff/organizations?q=Brenner');
      await s.axe('/staff/organizations');
      await s.clickAndWaitForPage(s.page.locator('#org-table tbody tr td:first-child a').first());
      const page = pathOf(s.page.url());
      assert.match(page, /^\/staff\/organizations\/\d+$/);
      await s.axe('/staff/organizations/{id}');

      // A currency without exchange rates is refused at the field.
      s.expectErrorStatus(page);
      await saveSettings(s, 'XYZ', true);
      assert.ok(await s.page.locator('#currency-error').isVisible(), 'the currency is named');
      assert.equal(await s.page.locator('#currency').inputValue(), 'XYZ', 'what she typed is kept');
      await s.axe('/staff/organizations/{id} (bad currency)');
      await s.goto(page);
      await saveSettings(s, 'CHF', true);
      assert.ok(await s.page.locator('#org-notice').isVisible(), 'saved, it says');
      assert.equal(await s.page.locator('#currency').inputValue(), 'CHF');
      assert.ok(await s.page.locator('#require_two_factor').isChecked());
      await s.axe('/staff/organizations/{id} (saved)');

      // Search customers by number and add a private one of no organization.
      await s.page.locator('#customer-q').fill('KD-1000');
      await s.clickAndWaitForPage(s.page.locator('#customer-search'));
      await s.axe('/staff/organizations/{id}?q= (results)');
      const candidates = s.page.locator('#org-results li').filter({ has: s.page.locator('button') });
      let chosen = null;
      for (let i = 0; i < await candidates.count(); i += 1) {
        const text = await candidates.nth(i).innerText();
        if (!text.includes(' — ') && !text.includes('Keller')) {
          chosen = candidates.nth(i);
          break;
        }
      }
      assert.ok(chosen, 'a customer of no organization is offered');
      const customer = await chosen.locator('input[name=customer]').getAttribute('value');
      await s.clickAndWaitForPage(chosen.locator('button'));
      assert.ok(await s.page.locator('#org-notice').isVisible(), 'added, it says');
      const removeForm = s.page.locator(`#org-customer-table form:has(input[name=customer][value="${customer}"])`);
      assert.equal(await removeForm.count(), 1, 'the customer is listed');
      await s.axe('/staff/organizations/{id} (customer added)');

      // The logo: a GIF is refused at the field, a PNG is taken.
      s.expectErrorStatus(`${page}/logo`);
      await s.page.locator('#logo').setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
      await s.clickAndWaitForPage(s.page.locator('#org-logo-upload'));
      assert.ok(await s.page.locator('#logo-error').isVisible(), 'the GIF is refused');
      await s.axe('/staff/organizations/{id} (bad logo)');
      await s.goto(page);
      await s.page.locator('#logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
      await s.clickAndWaitForPage(s.page.locator('#org-logo-upload'));
      assert.ok(await s.page.locator('#org-notice').isVisible(), 'uploaded, it says');
      await s.axe('/staff/organizations/{id} (logo uploaded)');
      await s.screenshot('organization');

      // Restore what the later journeys expect of the group.
      await s.clickAndWaitForPage(removeForm.locator('button'));
      assert.equal(await removeForm.count(), 0, 'the customer is gone again');
      await saveSettings(s, 'EUR', false);
      assert.equal(await s.page.locator('#currency').inputValue(), 'EUR');
      await s.logout();
    });
  });
}
