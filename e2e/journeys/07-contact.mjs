// Journey 7: Martina K. (private customer) opens the contact page from the
// menu and finds her broker's office with phone and e-mail links and her
// own contacts; the page passes axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

export default function register() {
  test('A customer finds her broker and her contacts', async () => {
    await withSession('contact-martina', async (s) => {
      const martina = ctx.logins.find((l) => l.email.includes('martina'));
      assert.ok(martina, 'demo login martina');
      await s.login(martina);
      await s.clickAndWaitForPage(s.page.locator('nav.main-nav a[href="/contact"]'));
      assert.equal(pathOf(s.page.url()), '/contact');
      assert.ok((await s.page.locator('#contact-people li').count()) > 0, 'own contacts listed');
      assert.ok((await s.page.locator('address a[href^="tel:"]').count()) > 0, 'phone link');
      assert.ok((await s.page.locator('address a[href^="mailto:"]').count()) > 0, 'e-mail link');
      await s.axe('/contact');
    });
  });
}
