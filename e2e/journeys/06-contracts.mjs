// Journey 6: Dr. Stefan B. (risk manager of the group) opens his contracts
// from the menu, searches one by its policy number, sorts by premium, opens
// it; every page passes axe, on the desktop and on a phone. Claire D.
// (finance-only profile) has no contracts menu and is refused the page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

function login(fragment) {
  const found = ctx.logins.find((l) => l.email.includes(fragment));
  assert.ok(found, `demo login ${fragment}`);
  return found;
}

export default function register() {
  test('The risk manager finds, sorts and opens his contracts', async () => {
    await withSession('contracts-stefan', async (s) => {
      await s.login(login('stefan'));
      await s.clickAndWaitForPage(s.page.locator('nav.main-nav a[href="/contracts"]'));
      assert.equal(pathOf(s.page.url()), '/contracts');
      const rows = s.page.locator('table.data tbody tr');
      assert.ok((await rows.count()) > 10, 'the group has many contracts');
      await s.axe('/contracts');

      const number = (await rows.first().locator('td').first().innerText()).trim();
      await s.page.locator('input#q').fill(number);
      await s.clickAndWaitForSwap(s.page.locator('form.filters button[type=submit]'));
      assert.equal(await rows.count(), 1, `searching ${number} finds one contract`);
      assert.match(s.page.url(), /[?&]q=/, 'the search is in the URL');

      await s.goto('/contracts');
      const premium = s.page.locator('th a[href*="sort=premium"]');
      await s.clickAndWaitForSwap(premium);
      assert.equal(await s.page.locator('th[aria-sort]').count(), 1);
      await s.clickAndWaitForPage(rows.first().locator('td a').first());
      assert.match(pathOf(s.page.url()), /^\/contracts\/\d+$/);
      assert.ok(await s.page.locator('dl.facts').first().isVisible(), 'contract data shown');
      await s.axe('/contracts/{id}');
    });
  });

  test('The contract list fits a phone', async () => {
    await withSession('contracts-phone', async (s) => {
      await s.login(login('stefan'));
      await s.goto('/contracts');
      const { scrollWidth, clientWidth } = await s.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `page scrolls sideways: ${scrollWidth} > ${clientWidth}`);
      await s.axe('/contracts');
    }, PHONE);
  });

  test('A finance-only profile has no contracts area', async () => {
    await withSession('contracts-claire', async (s) => {
      await s.login(login('claire'));
      assert.equal(await s.page.locator('nav.main-nav a[href="/contracts"]').count(), 0);
      s.expectErrorStatus('/contracts');
      const res = await s.goto('/contracts');
      assert.equal(res.status(), 403);
    });
  });
}
