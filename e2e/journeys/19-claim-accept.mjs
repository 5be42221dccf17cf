// Journey 19: after the report (issue 10). Sabine M. (claims clerk) goes
// from the claims page to the claim reports, filters the new ones, opens
// Martina K.'s report, accepts it into a claim and adds the checklist item
// "repair invoice"; Martina K. opens the claim, uploads the invoice right
// at the item and sees it received. axe on every page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ctx, pathOf, withSession } from '../lib/harness.mjs';

function login(prefix) {
  const found = ctx.logins.find((l) => l.email.startsWith(prefix));
  assert.ok(found, `the demo has ${prefix}`);
  return found;
}

export default function register() {
  test('Sabine M. accepts a claim report and asks for the repair invoice; Martina K. uploads it', async () => {
    let claim;
    await withSession('claim-accept-staff', async (s) => {
      await s.login(login('sabine.meyer@'));
      await s.goto('/claims');
      await s.clickAndWaitForPage(s.page.locator('a[href="/staff/claim-reports"]'));
      await s.axe();
      await s.page.locator('select#status').selectOption('received');
      await s.clickAndWaitForPage(s.page.locator('form.filters button[type=submit]'));
      assert.match(s.page.url(), /status=received/);
      await s.axe();
      const row = s.page.locator('table.data tbody tr', { hasText: 'Martina Keller' }).first();
      await s.clickAndWaitForPage(row.locator('a[href^="/staff/claim-reports/"]'));
      assert.match(pathOf(s.page.url()), /^\/staff\/claim-reports\/\d+$/);
      await s.axe();
      const accept = s.page.locator('form[action$="/accept"]');
      await accept.locator('#broker_claim_number').fill('S-2026-1901');
      await accept.locator('#insurer_claim_number').fill('HV-77/2026');
      await s.clickAndWaitForPage(accept.locator('button[type=submit]'));
      claim = pathOf(s.page.url()).replace(/#.*$/, '');
      assert.match(claim, /^\/claims\/\d+$/);
      await s.axe();
      const add = s.page.locator(`form[action="${claim}/checklist"]`);
      await add.locator('#item-text').fill('Reparaturrechnung');
      await s.clickAndWaitForPage(add.locator('button[type=submit]'));
      assert.match(await s.page.locator('section[aria-labelledby=checklist]').innerText(), /Reparaturrechnung/);
      await s.axe();
    });

    await withSession('claim-accept-customer', async (s) => {
      await s.login(login('martina.keller@'));
      await s.goto(claim);
      await s.axe();
      const item = s.page.locator('li.checklist-item', { hasText: 'Reparaturrechnung' });
      const form = item.locator('form[action^="/checklist-items/"]');
      const type = form.locator('select[name=document_type]');
      if (await type.locator('option[value=invoice]').count()) {
        await type.selectOption('invoice');
      }
      await form.locator('input[type=file]').setInputFiles({
        name: 'Rechnung-Werkstatt.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n%Rechnung der Werkstatt\n' + 'x'.repeat(2000)),
      });
      await s.clickAndWaitForPage(form.locator('button[type=submit]'));
      assert.equal(pathOf(s.page.url()).replace(/#.*$/, ''), claim);
      const done = s.page.locator('li.checklist-item', { hasText: 'Reparaturrechnung' });
      assert.match(await done.innerText(), /Rechnung-Werkstatt\.pdf/);
      assert.ok(await done.evaluate((el) => el.classList.contains('checklist-received')));
      await s.axe();
    });
  });
}
