// Journey 8: Petra S. (portal administrator) chooses each built-in theme on
// the theme settings page; for each, home, the contract list and a contract
// page pass axe (serious/critical violations fail). The theme is set back to
// light at the end, since the other journeys share the server.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

const THEMES = ['light', 'corporate', 'high-contrast'];

function login(fragment) {
  const found = ctx.logins.find((l) => l.email.includes(fragment));
  assert.ok(found, `demo login ${fragment}`);
  return found;
}

async function choose(s, theme) {
  await s.goto('/settings/theme');
  await s.page.locator(`input#theme-${theme}`).check();
  // A dark primary and a light accent: the header then gets black text.
  await s.page.locator('input#primary').fill('#0b4f6c');
  await s.page.locator('input#accent').fill('#ffd700');
  await s.clickAndWaitForPage(s.page.locator('main form button[type=submit]'));
  assert.equal(pathOf(s.page.url()), '/settings/theme');
  assert.equal(await s.page.locator('html').getAttribute('data-theme'), theme);
}

export default function register() {
  test('Every built-in theme passes axe on home, contracts and a contract', async () => {
    await withSession('themes-petra', async (s) => {
      await s.login(login('petra'));
      try {
        for (const theme of THEMES) {
          await choose(s, theme);
          await s.axe(`/settings/theme [${theme}]`);
          await s.goto('/home');
          await s.axe(`/home [${theme}]`);
          await s.goto('/contracts');
          await s.axe(`/contracts [${theme}]`);
          const first = s.page.locator('table.data tbody tr td a').first();
          await s.clickAndWaitForPage(first);
          assert.match(pathOf(s.page.url()), /^\/contracts\/\d+$/);
          await s.axe(`/contracts/{id} [${theme}]`);
          await s.screenshot(`theme-${theme}-contract`);
        }
      } finally {
        await choose(s, 'light');
      }
    });
  });
}
