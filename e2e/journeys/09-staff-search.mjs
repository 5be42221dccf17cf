// Journey 9: Sabine M. (claims clerk) has a licence plate on the phone. She
// types it into the search box in the header the way a caller spells it
// (lower case, no hyphen), finds the vehicle and opens its customer; the
// header box and the results pass axe. A portal user has no search box and
// gets the 404 page for /search.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

function login(fragment) {
  const found = ctx.logins.find((l) => l.email.includes(fragment));
  assert.ok(found, `demo login ${fragment}`);
  return found;
}

export default function register() {
  test('The clerk finds a customer by licence plate from the header', async () => {
    await withSession('search-sabine', async (s) => {
      await s.login(login('sabine'));
      const box = s.page.locator('header form[role=search] input#site-search-q');
      assert.ok(await box.isVisible(), 'the header has a search box');
      await s.axe('/home with search box');

      // A German plate (M-AB 1234) of her tenants, from the object list.
      await s.goto('/objects?sort=plate&dir=desc');
      const plates = await s.page.locator('table.data tbody tr td:nth-child(5)').allInnerTexts();
      const plate = plates.map((p) => p.trim()).find((p) => /^\S{1,3}-[A-Z]{1,2} \d{1,4}$/.test(p));
      assert.ok(plate, `a German plate among ${plates.join(', ')}`);
      const spoken = plate.toLowerCase().replace('-', ' ').replace(/ (\S+)$/, '$1');

      await box.fill(spoken);
      await s.clickAndWaitForPage(s.page.locator('header form[role=search] button[type=submit]'));
      assert.equal(pathOf(s.page.url()), '/search');
      assert.equal(await box.inputValue(), spoken, 'the box keeps the text');
      const row = s.page.locator('#search-objects tbody tr', { hasText: plate }).first();
      assert.ok(await row.isVisible(), `the vehicle ${plate} is found as "${spoken}"`);
      await s.axe('/search');

      await s.clickAndWaitForPage(row.locator('td').last().locator('a'));
      assert.match(pathOf(s.page.url()), /^\/customers\/\d+$/);
      assert.ok(await s.page.locator('dl.facts').first().isVisible(), 'customer data shown');
    });
  });

  test('A portal user has no search box and no search page', async () => {
    await withSession('search-martina', async (s) => {
      await s.login(login('martina'));
      assert.equal(await s.page.locator('#site-search-q').count(), 0);
      s.expectErrorStatus('/search');
      const res = await s.goto('/search?q=Keller');
      assert.equal(res.status(), 404);
    });
  });
}
