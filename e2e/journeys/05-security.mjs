// Journey 5: security headers on the pages, a CSP without 'unsafe-inline'
// (so any inline style or script would show up as a console error, which
// every journey fails on), and the scope check: a private customer sees
// fewer contracts than the industrial risk manager.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, firstTileNumber, withSession } from '../lib/harness.mjs';

function checkHeaders(headers, where) {
  const csp = headers['content-security-policy'];
  assert.ok(csp, `${where}: content-security-policy header present`);
  assert.ok(!csp.includes("'unsafe-inline'"), `${where}: CSP must not allow 'unsafe-inline': ${csp}`);
  assert.ok(!csp.includes("'unsafe-eval'"), `${where}: CSP must not allow 'unsafe-eval': ${csp}`);
  assert.match(csp, /(^|;)\s*default-src\s/, `${where}: CSP has a default-src`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${where}: x-content-type-options`);
  assert.ok(headers['x-request-id'], `${where}: x-request-id present`);
}

/** The first demo login whose role matches one of the patterns, tried in order. */
function findLogin(...patterns) {
  for (const pattern of patterns) {
    const found = ctx.logins.find((l) => pattern.test(l.role));
    if (found) return found;
  }
  return undefined;
}

export default function register() {
  test('Pages carry security headers and a strict CSP, and the browser reports no errors', () =>
    withSession('security-headers', async (s) => {
      const login = await s.goto('/login');
      checkHeaders(login.headers(), '/login');
      await s.login(ctx.logins[0]);
      const home = await s.goto('/home');
      checkHeaders(home.headers(), '/home');
      const cookies = await s.context.cookies();
      for (const c of cookies.filter((c) => /session/i.test(c.name))) {
        assert.ok(c.httpOnly, `cookie ${c.name} is HttpOnly`);
        assert.notEqual(c.sameSite, 'None', `cookie ${c.name} has SameSite`);
      }
      // Static assets load under the CSP (a blocked stylesheet would log an error).
      const sheets = await s.page.evaluate(() => [...document.styleSheets].map((x) => x.href));
      assert.ok(sheets.some((h) => h && h.includes('app')), `the app stylesheet is loaded: ${sheets.join(', ')}`);
      const inline = await s.page.evaluate(() => ({
        styles: document.querySelectorAll('[style]').length,
        scripts: [...document.scripts].filter((x) => !x.src).length,
      }));
      assert.deepEqual(inline, { styles: 0, scripts: 0 }, 'no inline style attributes or inline scripts');
      await s.logout();
    }));

  test('A private customer sees fewer contracts than the industrial risk manager', () => {
    // Roles as printed by the demo, e.g. "customer: private customer" and
    // "customer: risk manager, Brenner Industrie Gruppe (all companies)".
    const priv = findLogin(/private customer/i, /privat/i);
    const industrial = findLogin(/^(?!staff).*risk manager/i, /risk manager/i, /^(?!staff).*industr/i);
    assert.ok(priv, `no private-customer login among: ${ctx.logins.map((l) => l.role).join(', ')}`);
    assert.ok(industrial, `no industrial risk manager login among: ${ctx.logins.map((l) => l.role).join(', ')}`);
    const numbers = {};
    return withSession('scope', async (s) => {
      for (const login of [priv, industrial]) {
        await s.login(login);
        numbers[login.role] = await firstTileNumber(s.page);
        await s.logout();
      }
      assert.ok(
        numbers[priv.role] < numbers[industrial.role],
        `contracts: ${priv.role} ${numbers[priv.role]} should be fewer than ${industrial.role} ${numbers[industrial.role]}`,
      );
    });
  });
}
