// Journey 20 (issue 10, B11): Sabine M. (claims clerk) opens her task
// inbox from the menu, filters it (unassigned tasks, then urgent ones),
// opens a task, assigns it to herself, comments, sets a due date and
// completes it; the history shows each step and the done task leaves the
// default view. The inbox also fits a phone. axe on every page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pathOf, withSession } from '../lib/harness.mjs';
import { PHONE, assertNoHorizontalScroll, loginOf } from '../lib/pages.mjs';

/** Chooses `value` in the filter `select` and waits for htmx's swap. */
async function changeAndSwap(s, select, value) {
  await s.page.evaluate(() => {
    window.__kpSwapped = new Promise((resolve) => {
      document.body.addEventListener('htmx:afterSettle', () => resolve(), { once: true });
    });
  });
  await s.page.locator(select).selectOption(value);
  await s.page.evaluate(() => window.__kpSwapped);
}

export default function register() {
  test('The claims clerk filters her inbox and works a task to done', async () => {
    const sabine = loginOf('sabine');
    await withSession('task-inbox', async (s) => {
      await s.login(sabine);
      assert.ok(await s.page.locator('#nav-task-count').isVisible(), 'the menu counts her open tasks');
      await s.clickAndWaitForPage(s.page.locator('nav.main-nav a[href="/staff/tasks"]'));
      assert.equal(pathOf(s.page.url()), '/staff/tasks');
      await s.axe('/staff/tasks');

      // Filter: unassigned, then urgent; each applies on change (htmx swaps
      // the list and pushes the filter into the URL).
      await changeAndSwap(s, 'select#f-assignee', 'none');
      await changeAndSwap(s, 'select#f-priority', 'urgent');
      assert.match(s.page.url(), /assignee=none/);
      assert.match(s.page.url(), /priority=urgent/);
      const rows = s.page.locator('#tasks-table tbody tr');
      assert.ok((await rows.count()) >= 1, 'an unassigned urgent task');
      await s.axe('/staff/tasks?assignee=none&priority=urgent');

      await s.clickAndWaitForPage(rows.first().locator('td:first-child a'));
      assert.match(pathOf(s.page.url()), /^\/staff\/tasks\/\d+$/);
      const taskPage = pathOf(s.page.url());
      await s.axe('/staff/tasks/{id}');

      await s.clickAndWaitForPage(s.page.locator('#task-assign-me button'));
      assert.ok((await s.page.locator('#task-assignee').innerText()).includes('Sabine'), 'assigned to her');
      await s.axe('/staff/tasks/{id} (assigned)');

      await s.page.locator('#comment').fill('Kunde angerufen, Unterlagen folgen per Upload.');
      await s.clickAndWaitForPage(s.page.locator('#task-comment button[type=submit]'));
      assert.ok((await s.page.locator('#task-history').innerText()).includes('Unterlagen folgen'));

      await s.page.locator('#due_on').fill('2030-12-24');
      await s.clickAndWaitForPage(s.page.locator('#task-due-form button[type=submit]'));
      assert.ok((await s.page.locator('#task-due').innerText()).includes('2030'), 'the due date is shown');
      await s.axe('/staff/tasks/{id} (commented, due)');

      await s.clickAndWaitForPage(s.page.locator('#task-complete button'));
      assert.equal(pathOf(s.page.url()), taskPage);
      assert.equal(await s.page.locator('#task-complete').count(), 0, 'nothing left to complete');
      const history = await s.page.locator('#task-history li').count();
      assert.ok(history >= 5, `created, assigned, commented, due date, done (${history})`);
      await s.axe('/staff/tasks/{id} (done)');

      // The done task has left the default view of the inbox.
      await s.goto('/staff/tasks');
      const listed = await s.page.locator(`#tasks-table a[href="${taskPage}"]`).count();
      assert.equal(listed, 0, 'done tasks are not listed by default');
      await s.logout();
    });
    await withSession('task-inbox-phone', async (s) => {
      await s.login(sabine);
      await s.goto('/staff/tasks');
      await assertNoHorizontalScroll(s, '/staff/tasks (phone)');
      await s.axe('/staff/tasks (phone)');
      await s.logout();
    }, PHONE);
  });
}
