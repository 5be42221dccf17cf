// Journey 15: Martina K. reports her cracked windscreen on her phone
// (issue 10, A4): picks the car by its plate, leaves after step 3, signs in
// again ("another device"), continues the draft from the claims page, adds
// a photo of the damage at the documents step (with the progress script),
// sees it on the summary and sends it; the confirmation shows the reference
// number. axe on every step.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertVisible, ctx, pathOf, withSession } from '../lib/harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/** The start of a JPEG, as a phone's camera sends it. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40_000, 0x42)]);

function martina() {
  const login = ctx.logins.find((l) => l.email.startsWith('martina.keller@'));
  assert.ok(login, 'the demo has Martina K.');
  return login;
}

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
  test('Martina K. reports a car claim on her phone, leaves after step 3 and resumes', async () => {
    let draft;
    await withSession('claim-wizard-start', async (s) => {
      await s.login(martina());
      await s.goto('/claims');
      await s.clickAndWaitForPage(s.page.locator('a[href="/claims/report"]'));
      await s.axe();
      const search = s.page.locator('form[role=search]');
      await search.locator('#q').fill('hh mk 482');
      await s.clickAndWaitForPage(search.locator('button[type=submit]'));
      const car = s.page.locator('form#claim-wizard-form input[name=choice]').first();
      await car.check();
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[type=submit]'));
      draft = pathOf(s.page.url()).replace(/\/loss$/, '');
      assert.match(draft, /^\/claims\/drafts\/\d+$/);
      await s.axe();
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await next(s, { date: yesterday, time: '07:45', place: 'A7, Hamburg-Stellingen' }, /\/type$/);
      await s.page.locator('input[name=claim_type][value=glass]').check();
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[type=submit]'));
      assert.match(pathOf(s.page.url()), /\/what$/);
      await s.axe();
    }, PHONE);

    await withSession('claim-wizard-resume', async (s) => {
      await s.login(martina());
      await s.goto('/claims');
      await s.clickAndWaitForPage(s.page.locator(`a[href="${draft}/what"]`));
      await next(s, { description: 'Steinschlag, Riss in der Frontscheibe (ca. 30 cm).' }, /\/amount$/);
      await next(s, { amount: '950,00' }, /\/parties$/);
      await next(s, {}, /\/contact$/);
      await next(s, {}, /\/documents$/);
      const form = s.page.locator('form#claim-wizard-form');
      assert.match(await form.locator('#files').getAttribute('accept'), /image\/\*/, 'the camera is offered');
      await form.locator('#document_type').selectOption('claim_photo');
      await form.locator('#files').setInputFiles({ name: 'frontscheibe.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
      await s.clickAndWaitForPage(form.locator('button[value=add]'));
      assert.match(pathOf(s.page.url()), /\/documents$/);
      await assertVisible(s.page.locator('#claim-files td', { hasText: 'frontscheibe.jpg' }), 'the photo on the step');
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator('form#claim-wizard-form button[value=next]'));
      assert.match(pathOf(s.page.url()), /\/summary$/);
      await assertVisible(s.page.locator('#claim-files', { hasText: 'frontscheibe.jpg' }), 'the photo on the summary');
      await s.axe();
      await s.clickAndWaitForPage(s.page.locator(`form[action="${draft}/send"] button`));
      assert.match(pathOf(s.page.url()), /^\/claims\/reports\/\d+$/);
      const status = await s.page.locator('[role=status]').innerText();
      assert.match(status, /SM-\d{4}-\d{6}/, 'the confirmation names the reference number');
      await s.axe();
    }, PHONE);
  });
}
