// Journey 18: four-eyes approval of a claim report (issue 10). Jens W.
// (plant manager in Augsburg, his profile lacks "send claim reports without
// approval") drafts a machine breakdown of the hydraulic press and sends it
// for approval; the claims page shows it awaiting approval. Dr. Stefan B.
// (approver) follows the link on his claims page to the reports awaiting
// approval, opens it and submits it; the confirmation shows the reference
// number. Jens then sees the report sent with that reference. axe on every
// page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertVisible, pathOf, withSession } from '../lib/harness.mjs';
import { loginOf } from '../lib/pages.mjs';

/** A small PDF, as a scanner makes it (the magic bytes are checked). */
const REPORT = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000, 0x20), Buffer.from('\n%%EOF\n')]);

/** Fills `fields` (id → value) of the wizard's form and clicks Next. */
async function next(s, fields, expected) {
  const form = s.page.locator('form#claim-wizard-form');
  for (const [id, value] of Object.entries(fields)) {
    await form.locator(`#${id}`).fill(value);
  }
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  assert.match(pathOf(s.page.url()), expected);
  await s.axe();
}

export default function register() {
  test('Jens W. sends a machine breakdown for approval, Dr. Stefan B. submits it', async () => {
    let draft;
    await withSession('claim-approval-draft', async (s) => {
      await s.login(loginOf('jens'));
      await s.goto('/claims');
      await s.clickAndWaitForPage(s.page.locator('a[href="/claims/report"]'));
      const search = s.page.locator('form[role=search]');
      await search.locator('#q').fill('Hydraulikpresse');
      await s.clickAndWaitForPage(search.locator('button[type=submit]'));
      await s.page.locator('form#claim-wizard-form input[name=choice]').first().check();
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[type=submit]'));
      draft = pathOf(s.page.url()).replace(/\/loss$/, '');
      assert.match(draft, /^\/claims\/drafts\/\d+$/);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await next(s, { date: yesterday, time: '06:10', place: 'Werk Augsburg, Halle 3' }, /\/type$/);
      await s.page.locator('input[name=claim_type][value=machine_breakdown]').check();
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[type=submit]'));
      assert.match(pathOf(s.page.url()), /\/what$/);
      await next(s, { description: 'Hydraulikpresse: Getriebeschaden, Welle gebrochen.' }, /\/amount$/);
      await next(s, { amount: '48.000,00' }, /\/parties$/);
      await next(s, {}, /\/contact$/);
      await next(s, {}, /\/documents$/);
      // No photos for this one: on to the summary.
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[value=next]'));
      assert.match(pathOf(s.page.url()), /\/summary$/);
      await s.clickAndWaitForPage(s.page.locator(`form[action="${draft}/send"] button`));
      assert.equal(pathOf(s.page.url()), '/claims');
      await s.page.locator(`a[href="${draft}/summary"]`).waitFor();
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator(`a[href="${draft}/summary"]`));
      assert.equal(await s.page.locator(`form[action="${draft}/send"]`).count(), 0, 'no send while awaiting approval');
      await s.axe();
    });

    const review = draft.replace('/claims/drafts/', '/claims/approvals/');
    let reference;
    await withSession('claim-approval-submit', async (s) => {
      await s.login(loginOf('stefan'));
      await s.goto('/claims');
      await s.clickAndWaitForPage(s.page.locator('a[href="/claims/approvals"]'));
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator(`a[href="${review}"]`));
      assert.match(await s.page.locator('main').innerText(), /Welle gebrochen/);
      await s.axe();
      // The approver adds the expert's report before submitting.
      await s.clickAndWaitForPage(s.page.locator(`a[href="${review}/documents"]`));
      const form = s.page.locator('form#claim-wizard-form');
      await form.locator('#document_type').selectOption({ index: 1 });
      await form.locator('#files').setInputFiles({ name: 'gutachten-presse.pdf', mimeType: 'application/pdf', buffer: REPORT });
      await s.clickAndWaitForPage(form.locator('button[value=add]'));
      assert.match(pathOf(s.page.url()), new RegExp(`^${review}/documents$`));
      await assertVisible(s.page.locator('#claim-files td', { hasText: 'gutachten-presse.pdf' }), 'the report on the step');
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[value=next]'));
      assert.equal(pathOf(s.page.url()), review);
      await assertVisible(s.page.locator('#claim-files', { hasText: 'gutachten-presse.pdf' }), 'the report on the review');
      await s.clickAndWaitForPage(s.page.locator(`form[action="${review}/submit"] button`));
      assert.match(pathOf(s.page.url()), /^\/claims\/reports\/\d+$/);
      const status = await s.page.locator('[role=status]').innerText();
      [reference] = status.match(/SM-\d{4}-\d{6}/) ?? [];
      assert.ok(reference, 'the confirmation names the reference number');
      await s.axe();
    });

    await withSession('claim-approval-follow', async (s) => {
      await s.login(loginOf('jens'));
      await s.goto('/claims');
      assert.match(await s.page.locator('main').innerText(), new RegExp(reference));
      await s.axe();
    });
  });
}
