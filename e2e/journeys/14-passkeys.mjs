// Journey 14: passkeys. Browsers offer WebAuthn only to a host name, so
// this journey runs its own demo server under http://localhost:<port>
// (public_url from a config file) next to the suite's one. Chromium gets a
// virtual authenticator through CDP (CTAP2, built in, resident keys, user
// verification). Martina K. adds a passkey on /account/two-factor, signs
// out, signs in with "Sign in with a passkey" (no e-mail, no password) and
// removes the passkey again. axe on the account page (with and without a
// passkey) and the login page.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, assertVisible, pathOf, withSession } from '../lib/harness.mjs';
import { DemoServer } from '../lib/server.mjs';

function binary() {
  return process.env.KUNDENPORTAL_BIN
    ? path.resolve(REPO_ROOT, process.env.KUNDENPORTAL_BIN)
    : path.join(REPO_ROOT, 'target', 'debug', 'kundenportal');
}

async function virtualAuthenticator(s) {
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

export default function register() {
  test('A customer adds a passkey, signs in with it alone and removes it', { timeout: 240_000 }, async () => {
    const server = new DemoServer({ bin: binary(), publicHost: 'localhost', pidFile: false });
    try {
      await server.start();
      assert.match(server.baseURL, /^http:\/\/localhost:\d+$/, 'the second server runs under localhost');
      await withSession(
        'passkeys',
        async (s) => {
          const { cdp, authenticatorId } = await virtualAuthenticator(s);
          const martina = server.logins.find((l) => l.email.includes('martina'));
          assert.ok(martina, 'demo login martina');
          await s.login(martina);

          await s.goto('/account/two-factor');
          const add = s.page.locator('form[data-passkey-register]');
          await assertVisible(add, 'the passkey form (shown by the script)');
          assert.equal(await s.page.locator('[data-passkeys-unsupported]').isVisible(), false, 'the "not supported" note is hidden');
          await s.axe('/account/two-factor (passkeys)');
          await add.locator('input#passkey-name').fill('Laptop');
          await add.locator('input#passkey-password').fill(martina.password);
          await s.clickAndWaitForPage(add.locator('button[type=submit]'));
          assert.equal(pathOf(s.page.url()), '/account/two-factor', 'back on the account page');
          await assertVisible(s.page.locator('[data-passkey] .passkey-name', { hasText: 'Laptop' }), 'the new passkey in the list');
          await s.axe('/account/two-factor (a passkey listed)');
          const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
          assert.equal(credentials.length, 1, 'one credential on the authenticator');
          assert.equal(credentials[0].isResidentCredential, true, 'a discoverable credential');

          await s.logout();
          const passkeyLogin = s.page.locator('form[data-passkey-login] button[type=submit]');
          await assertVisible(passkeyLogin, '"Sign in with a passkey"');
          await s.axe('/login (with passkey sign-in)');
          const res = await s.clickAndWaitForPage(passkeyLogin);
          assert.equal(pathOf(s.page.url()), '/home', 'the passkey alone reaches /home');
          assert.equal(res.status(), 200);

          // Remove it again, with the password; the demo stays as it was.
          await s.goto('/account/two-factor');
          const item = s.page.locator('[data-passkey]');
          await item.locator('summary').click();
          const remove = item.locator('form[action$="/remove"]');
          await remove.locator('input[name=password]').fill(martina.password);
          await s.clickAndWaitForPage(remove.locator('button[type=submit]'));
          await assertVisible(s.page.locator('#passkeys-none'), 'no passkey listed');
          await s.axe('/account/two-factor (passkey removed)');
          await s.logout();
          await s.login(martina);
        },
        { baseURL: server.baseURL },
      );
    } finally {
      await server.stop();
    }
  });
}
