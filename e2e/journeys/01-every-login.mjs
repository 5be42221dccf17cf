// Journey 1: every demo login printed by `kundenportal demo` logs in, reads
// its home page in all four languages (axe-checked in its own and in one
// of the axe sweeps' languages, E2E_LANGUAGES, taken in turn from login to
// login: CI splits the languages between its two suites, and journey 11
// checks the home pages in every language), and logs out.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GREETING, LANGUAGES, ctx, pathOf, slug, withSession } from '../lib/harness.mjs';
import { sweepLanguages } from '../lib/pages.mjs';

export default function register() {
  test('Every demo login signs in, reads the home page in all four languages and signs out', async (t) => {
    assert.ok(ctx.logins.length > 0, 'the demo printed no logins');
    const swept = sweepLanguages();
    for (const [index, login] of ctx.logins.entries()) {
      // One swept language per login, in turn, keeps the run short.
      const checked = swept[index % swept.length];
      await t.test(`${login.role} <${login.email}> signs in, switches languages and signs out`, () =>
        withSession(`home-${login.role}`, async (s) => {
          await s.goto('/login');
          assert.equal(await s.lang(), 'de', 'the login page is German by default');
          await s.login(login);

          // Home in the user's stored language (German unless the user chose
          // another): greeting with the user's name, tiles with numbers.
          const own = await s.lang();
          assert.ok(LANGUAGES.includes(own), `home page language ${own} is one of ${LANGUAGES}`);
          const h1 = s.page.locator('main h1');
          const greeting = (await h1.innerText()).trim();
          assert.ok(greeting.startsWith(GREETING[own]), `h1 should greet in ${own}, got ${JSON.stringify(greeting)}`);
          const name = greeting.slice(GREETING[own].length).trim();
          assert.ok(name.length > 0, 'the greeting names the user');
          const headerName = (await s.page.locator('.user-name').innerText().catch(() => '')).trim();
          if (headerName) assert.equal(name, headerName, 'greeting and header show the same name');
          const tiles = s.page.locator('ul.tiles li.tile');
          const count = await tiles.count();
          assert.ok(count >= 1, 'the home page shows tiles');
          for (let i = 0; i < count; i++) {
            const text = (await tiles.nth(i).innerText()).trim();
            assert.match(text, /\d/, `tile ${i + 1} shows a count, got ${JSON.stringify(text)}`);
          }
          t.diagnostic(`${login.email}: "${name}" [${own}], ${count} tiles, first: ${(await tiles.first().innerText()).replace(/\s+/g, ' ')}`);
          await s.screenshot(`home-${slug(login.role)}`);
          await s.axe('/home');

          // Through the other three languages, then back to the user's own.
          for (const code of [...LANGUAGES.filter((l) => l !== own), own]) {
            await s.switchLanguage(code);
            assert.equal(pathOf(s.page.url()), '/home');
            const text = (await h1.innerText()).trim();
            assert.equal(text, `${GREETING[code]}${name}`, `greeting in ${code}`);
            assert.equal(await tiles.count(), count, `same number of tiles in ${code}`);
            if (code !== own && code === checked) await s.axe('/home');
          }

          await s.logout();
          // The session is gone: /home leads back to the login page.
          await s.goto('/home');
          assert.equal(pathOf(s.page.url()), '/login', 'after logout /home asks for a login again');
        }),
      );
    }
  });
}
