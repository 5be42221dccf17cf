// Journey 3: the 404 page shows the request id of its response header, in
// the visitor's language; the legal pages in the footer open; all pass axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';
import { todoWhileKnown } from '../lib/known-issues.mjs';

async function check404(s, path) {
  const res = await s.goto(path);
  assert.equal(res.status(), 404, `${path} answers 404`);
  const header = res.headers()['x-request-id'];
  assert.ok(header, 'the 404 response has an x-request-id header');
  const shown = (await s.page.locator('code.request-id').innerText()).trim();
  assert.equal(shown, header, 'the page shows the request id from the header');
  return { header, h1: (await s.page.locator('h1').innerText()).trim() };
}

export default function register() {
  test('An unknown address shows a 404 page with the request id, and the legal pages open', async (t) => {
    await t.test('anonymous visitor: 404 in German, then in French, and the footer links', () =>
      withSession('404-anonymous', async (s) => {
        s.expectErrorStatus('/does-not-exist');
        s.expectErrorStatus('/no/such/page');
        const de = await check404(s, '/does-not-exist');
        assert.equal(await s.lang(), 'de');
        await s.axe('/does-not-exist');

        // Each request gets its own id.
        const again = await check404(s, '/no/such/page');
        assert.notEqual(again.header, de.header, 'two requests have two different ids');

        // A visitor who chose French (on the login page) gets the 404 in French.
        await s.goto('/login');
        await s.switchLanguage('fr');
        const fr = await check404(s, '/does-not-exist');
        assert.equal(await s.lang(), 'fr');
        assert.notEqual(fr.h1, de.h1, 'the 404 heading is translated');
        await s.axe('/does-not-exist');
        await s.goto('/login');
        await s.switchLanguage('de');

        // The footer links, followed by clicking them.
        for (const legal of ['/legal/imprint', '/legal/privacy', '/legal/terms', '/legal/website']) {
          await s.goto('/login');
          const link = s.page.locator(`footer a[href="${legal}"]`);
          assert.equal(await link.count(), 1, `the footer links to ${legal}`);
          const res = await s.clickAndWaitForPage(link);
          assert.equal(res.status(), 200, `${legal} answers 200`);
          assert.equal(pathOf(s.page.url()), legal);
          const h1 = (await s.page.locator('main h1').innerText()).trim();
          assert.ok(h1.length > 0, `${legal} has a heading`);
          assert.ok((await s.page.locator('main').innerText()).trim().length > h1.length, `${legal} has a text`);
          await s.axe(legal);
        }
      }));

    await t.test(
      'the language switcher on the 404 page switches the language and stays on the page',
      todoWhileKnown('error-page-csrf'),
      () =>
        withSession('404-switcher', async (s) => {
          s.expectErrorStatus('/does-not-exist');
          await check404(s, '/does-not-exist');
          const csrf = await s.page.locator('form.language-switcher input[name=_csrf]').inputValue();
          assert.ok(csrf.length > 0, 'the language switcher on the 404 page carries a CSRF token (it is empty)');
          await s.switchLanguage('en');
          await check404(s, '/does-not-exist');
          assert.equal(await s.lang(), 'en');
        }),
    );

    await t.test('logged-in user: 404 in the language chosen by the user, legal pages in English', () =>
      withSession('404-user', async (s) => {
        s.expectErrorStatus('/does-not-exist');
        await s.login(ctx.logins[0]);
        const own = await s.lang();
        await s.switchLanguage('en');
        const en = await check404(s, '/does-not-exist');
        assert.equal(await s.lang(), 'en', 'the 404 page follows the user language');
        assert.ok(en.h1.length > 0);
        await s.axe('/does-not-exist');
        for (const legal of ['/legal/imprint', '/legal/privacy', '/legal/terms', '/legal/website']) {
          const res = await s.goto(legal);
          assert.equal(res.status(), 200, `${legal} answers 200`);
          assert.equal(await s.lang(), 'en');
          await s.axe(legal);
        }
        await s.goto('/home');
        await s.switchLanguage(own);
        await s.logout();
      }));
  });
}
