// Journey 12 (issue 8): Petra S. (administrator) requires a second factor
// for everyone and invites a new user of an organization; the invitation
// waits under "Outgoing mail" (the demo has no mail server), whose link the
// new user follows to set a password. At her first sign-in she is made to
// set up an authenticator app (the code is computed here from the secret
// the page shows), gets her recovery codes, accepts the terms, reaches her
// home page, signs out and in again with a code. Then she forgets her
// password: the reset link also arrives under "Outgoing mail", the new
// password works, and a recovery code stands in for the app. Every page
// passes axe. The policy is set back at the end, whatever happens.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';
import { stepAt, totpCode } from '../lib/totp.mjs';

const LENA = {
  name: 'Lena Neumann',
  email: 'lena.neumann@example.de',
  password: 'Segelboote im Herbstwind',
  newPassword: 'Kastanien am Wegesrand 12',
};

/** The code of the time step `now + offset` (lib/totp.mjs, RFC 6238). */
function totp(secret, offset = 0) {
  return totpCode(secret, stepAt() + offset);
}

async function setPolicy(s, value) {
  await s.goto('/settings/two-factor');
  const form = s.page.locator('form#two-factor-policy');
  await form.locator(`input[type=radio][name=required][value=${value}]`).check();
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
}

/** The portal link of the newest mail under "Outgoing mail" that starts with `prefix`. */
async function newestMailLink(s, prefix) {
  await s.goto('/settings/outbox');
  await s.clickAndWaitForPage(s.page.locator('#outbox-table tbody tr a').first());
  await s.axe('/settings/outbox/{id}');
  const links = await s.page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const link = links.find((href) => new URL(href, 'http://x').pathname.startsWith(prefix));
  assert.ok(link, `a ${prefix} link in the newest mail (links: ${links.join(', ')})`);
  return pathOf(new URL(link, 'http://x').href);
}

async function signInWithPassword(s, email, password) {
  await s.goto('/login');
  const form = s.page.locator('form[action="/login"]');
  await form.locator('input#email').fill(email);
  await form.locator('input#password').fill(password);
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  return pathOf(s.page.url());
}

async function giveCode(s, code) {
  const form = s.page.locator('form[action="/login/two-factor"]');
  await form.locator('#code').fill(code);
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  return pathOf(s.page.url());
}

async function setNewPassword(s, link, password) {
  await s.goto(link);
  await s.axe(link.replace(/\/[0-9a-f]{16,}$/, '/{token}'));
  await s.page.locator('#password').fill(password);
  await s.page.locator('#password_confirm').fill(password);
  await s.clickAndWaitForPage(s.page.locator('main form button[type=submit]'));
  assert.equal(pathOf(s.page.url()).split('?')[0], '/login', 'back on the sign-in page');
}

export default function register() {
  test('An invited user activates, must set up two-factor sign-in, and later resets her password', async () => {
    // Petra's one session throughout: once everyone needs a second factor,
    // a new sign-in of hers would have to set one up too.
    await withSession('invite-petra', async (p) => {
      await p.login(loginOf('petra'));
      try {
        await setPolicy(p, 'everyone');
        await p.axe('/settings/two-factor');

        await p.goto('/invitations');
        await p.axe('/invitations');
        const form = p.page.locator('form#invite-form');
        await form.locator('#target-organization').check();
        await form.locator('#organization').selectOption({ index: 1 });
        await form.locator('#name').fill(LENA.name);
        await form.locator('#email').fill(LENA.email);
        await p.clickAndWaitForPage(form.locator('button[type=submit]'));
        assert.ok((await p.page.content()).includes(LENA.email), 'the invited user is listed');
        const activation = await newestMailLink(p, '/activate/');

        let recovery;
        await withSession('invite-lena', async (s) => {
          await setNewPassword(s, activation, LENA.password);
          assert.equal(
            await signInWithPassword(s, LENA.email, LENA.password),
            '/login/two-factor/enrol',
            'led to the set-up of a second factor',
          );
          await s.axe('/login/two-factor/enrol');
          const secret = await s.page.locator('#totp-secret').getAttribute('data-secret');
          assert.ok(secret && secret.length >= 16, 'the secret is shown');
          const enrol = s.page.locator('main form').first();
          await enrol.locator('#code').fill(totp(secret));
          await s.clickAndWaitForPage(enrol.locator('button[type=submit]'));
          const codes = await s.page.locator('#recovery-codes code').allInnerTexts();
          assert.equal(codes.length, 10, 'ten recovery codes');
          recovery = codes[0];
          await s.axe('recovery codes');
          await s.clickAndWaitForPage(s.page.locator('main a.button'));
          assert.equal(pathOf(s.page.url()), '/consent', 'a new user accepts the terms next');
          const consent = s.page.locator('form#consent-form');
          for (const name of ['terms', 'privacy']) await consent.locator(`input[name=${name}]`).check();
          await s.clickAndWaitForPage(consent.locator('button[type=submit]'));
          assert.equal(pathOf(s.page.url()), '/home');

          await s.logout();
          assert.equal(await signInWithPassword(s, LENA.email, LENA.password), '/login/two-factor');
          await s.axe('/login/two-factor');
          // The next time step: the set-up used the current one, and a used
          // step is refused.
          assert.equal(await giveCode(s, totp(secret, 1)), '/home', 'signed in with a code');
          await s.logout();
        });
        await setPolicy(p, 'organizations');

        await withSession('reset-lena-asks', async (s) => {
          await s.goto('/login');
          await s.clickAndWaitForPage(s.page.locator('a[href="/password/forgot"]'));
          await s.axe('/password/forgot');
          await s.page.locator('main form #email').fill(LENA.email);
          await s.clickAndWaitForPage(s.page.locator('main form button[type=submit]'));
          await s.axe('/password/forgot (sent)');
        });
        const reset = await newestMailLink(p, '/password/reset/');
        await withSession('reset-lena', async (s) => {
          s.expectErrorStatus('/login'); // the old password answers 401
          await setNewPassword(s, reset, LENA.newPassword);
          assert.equal(
            await signInWithPassword(s, LENA.email, LENA.password),
            '/login',
            'the old password no longer works',
          );
          assert.equal(await signInWithPassword(s, LENA.email, LENA.newPassword), '/login/two-factor');
          assert.equal(await giveCode(s, recovery), '/home', 'a recovery code stands in for the app');
        });
      } finally {
        await setPolicy(p, 'organizations');
      }
    });
  });
}
