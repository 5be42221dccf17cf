// Journey 4: on a phone (390x844) the login page and every login's home
// page fit the width (no horizontal scrolling) and pass axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, slug, withSession } from '../lib/harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

async function assertNoHorizontalScroll(s, what) {
  const { scrollWidth, clientWidth, wide } = await s.page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)}px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  assert.ok(
    scrollWidth <= clientWidth,
    `${what} scrolls horizontally at 390px: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}; too wide: ${wide.join(', ')}`,
  );
}

export default function register() {
  test('On a phone the login and home pages fit the screen width and pass axe', async (t) => {
    await t.test('login page', () =>
      withSession('mobile-login', async (s) => {
        await s.goto('/login');
        await assertNoHorizontalScroll(s, '/login');
        await s.axe('/login');
      }, PHONE));

    for (const login of ctx.logins) {
      await t.test(`home of ${login.role} <${login.email}>`, () =>
        withSession(`mobile-${login.role}`, async (s) => {
          await s.login(login);
          await assertNoHorizontalScroll(s, `/home of ${login.role}`);
          await s.screenshot(`mobile-home-${slug(login.role)}`);
          await s.axe('/home');
          // French labels are among the longest: check them too, then
          // restore the user's own language.
          const own = await s.lang();
          const other = own === 'fr' ? 'es' : 'fr';
          await s.switchLanguage(other);
          await assertNoHorizontalScroll(s, `/home of ${login.role} in ${other}`);
          await s.switchLanguage(own);
          await s.logout();
        }, PHONE));
    }
  });
}
