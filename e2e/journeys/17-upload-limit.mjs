// Journey 17: an upload over the broker's limit is refused (issue 10, A7).
// Petra S. lowers the limit to 1 MiB on /settings/uploads; Martina K.
// starts a claim report and, at the documents and photos step, sends a
// PDF one byte over it: with the progress script the step shows the
// message in place (HTTP 413), without script the plain form gets the same
// page; nothing is listed on the step, the summary or the document list.
// Martina discards the draft and Petra restores the limit. axe on the pages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertVisible, ctx, pathOf, withSession } from '../lib/harness.mjs';

const MIB = 1024 * 1024;
const NAME = 'schadenfotos-gross.pdf';
const TOO_LARGE = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MIB + 1 - 9, 0x78)]);

function login(prefix) {
  const found = ctx.logins.find((l) => l.email.startsWith(prefix));
  assert.ok(found, `the demo has ${prefix}`);
  return found;
}

async function setLimit(s, mib) {
  await s.goto('/settings/uploads');
  const form = s.page.locator('form#upload-settings');
  const before = await form.locator('#limit_mib').inputValue();
  await form.locator('#limit_mib').fill(String(mib));
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  assert.equal(await s.page.locator('form#upload-settings #limit_mib').inputValue(), String(mib));
  await s.axe();
  return before;
}

/** Starts a draft on Martina's car; its path (`/claims/drafts/<id>`). */
async function startDraft(s) {
  await s.goto('/claims/report?q=HH-MK%20482');
  const form = s.page.locator('form#claim-wizard-form');
  await form.locator('input[name=choice]').first().check();
  await s.clickAndWaitForPage(form.locator('button[type=submit]'));
  const draft = pathOf(s.page.url()).replace(/\/loss$/, '');
  assert.match(draft, /^\/claims\/drafts\/\d+$/);
  return draft;
}

async function chooseTooLarge(s) {
  const form = s.page.locator('form#claim-wizard-form');
  await form.locator('#document_type').selectOption('claim_photo');
  await form.locator('#files').setInputFiles({ name: NAME, mimeType: 'application/pdf', buffer: TOO_LARGE });
  return form.locator('button[value=add]');
}

async function assertRefused(s) {
  const alert = s.page.locator('[role=alert]');
  await alert.first().waitFor();
  assert.match(await alert.first().innerText(), /1 MiB/, 'the message names the limit');
  await assertVisible(s.page.locator('#claim-files-none'), 'no file on the step');
}

export default function register() {
  test('an upload over the limit is refused with the message and leaves nothing', async () => {
    let before;
    await withSession('upload-limit-settings', async (s) => {
      await s.login(login('petra.schulz@'));
      before = await setLimit(s, 1);
    });

    let draft;
    await withSession('upload-limit-script', async (s) => {
      await s.login(login('martina.keller@'));
      draft = await startDraft(s);
      await s.goto(`${draft}/documents`);
      await s.axe();
      s.expectErrorStatus(`${draft}/documents`);
      await (await chooseTooLarge(s)).click();
      await assertRefused(s);
      assert.match(pathOf(s.page.url()), /\/documents$/);
      await s.axe();
      await s.goto('/documents');
      assert.ok(!(await s.page.content()).includes(NAME), 'nothing in the document list');
      await s.axe();
    });

    await withSession('upload-limit-plain', async (s) => {
      await s.login(login('martina.keller@'));
      await s.goto(`${draft}/documents`);
      s.expectErrorStatus(`${draft}/documents`);
      const res = await s.clickAndWaitForPage(await chooseTooLarge(s));
      assert.equal(res.status(), 413);
      await assertRefused(s);
      await s.goto(`${draft}/summary`);
      assert.ok(!(await s.page.content()).includes(NAME), 'nothing on the summary');
      await s.clickAndWaitForPage(s.page.locator(`form[action="${draft}/discard"] button`));
      assert.equal(pathOf(s.page.url()), '/claims');
    }, { javaScriptEnabled: false });

    await withSession('upload-limit-restore', async (s) => {
      await s.login(login('petra.schulz@'));
      await setLimit(s, Number(before));
    });
  });
}
