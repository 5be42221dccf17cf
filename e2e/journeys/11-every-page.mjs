// Journey 11: every page of the portal passes axe in every language on the
// desktop, and fits a phone (no sideways scroll). On the phone axe runs
// where journeys 4, 6 and 15 go (login, home, the contract list, the claim
// wizard), not on every page again: the markup axe judges is the same at
// both widths, and a second axe sweep cost as much as a desktop sweep and
// pushed CI past 30 minutes on a slow 2-core machine. Dr.
// Stefan B. walks the customer's pages (home, the six lists, a contract,
// claim, object, customer, a PDF and an image document, the contact page);
// Petra S. the staff pages (home, search results, the settings pages).
// One browser session per person, language and viewport keeps the run
// short; each restores the user's stored language, which the other
// journeys see. E2E_LANGUAGES narrows the languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { withSession } from '../lib/harness.mjs';
import { PHONE, assertNoHorizontalScroll, linksOn, loginOf, sweepLanguages } from '../lib/pages.mjs';

const LISTS = ['/customers', '/contracts', '/objects', '/claims', '/documents', '/finances'];
const STAFF_PAGES = ['/settings', '/settings/home', '/settings/theme', '/settings/rates', '/settings/mails', '/settings/mails/invitation/de', '/settings/outbox', '/invitations', '/settings/passwords', '/settings/legal', '/settings/two-factor', '/settings/api-tokens', '/settings/imports', '/settings/webhooks', '/settings/registration', '/settings/claims', '/settings/uploads', '/settings/tasks', '/staff/tasks', '/staff/tasks?status=all&sort=priority', '/registrations', '/staff/users', '/staff/claim-reports', '/staff/staff-users', '/staff/staff-users/new', '/staff/audit', '/staff/profiles', '/staff/profiles/new', '/staff/profiles/1/preview', '/staff/profiles/4/preview', '/staff/organizations', '/staff/organizations/new', '/account', '/account/email'];
const VIEWPORTS = [
  { label: 'desktop', options: {} },
  { label: 'phone', options: PHONE },
];

/** The first link matching `selector` on the page at `path`. */
async function firstLink(s, path, selector) {
  const [href] = await linksOn(s.page, path, selector);
  assert.ok(href, `a link ${selector} on ${path}`);
  return href;
}

/** One record page of each kind Stefan can open, as [label, path]. */
async function customerPages(s) {
  const row = 'table.data tbody tr td:first-child a';
  const contract = await firstLink(s, '/contracts', row);
  const claim = await firstLink(s, '/claims', row);
  const object = await firstLink(s, '/objects', row);
  const customer = await firstLink(s, '/customers', row);
  // Delegated administration: Dr. B. administers the group's users.
  const colleague = await firstLink(s, '/admin/users?q=jens', row);
  // Every claim has a letter (PDF) and a photo (PNG): both preview kinds.
  const documents = await s.page.evaluate(async (path) => {
    const doc = new DOMParser().parseFromString(await (await fetch(path)).text(), 'text/html');
    const byExt = (ext) => [...doc.querySelectorAll('main table.data tbody tr')]
      .find((tr) => tr.textContent.includes(ext))
      ?.querySelector('td:first-child a')
      ?.getAttribute('href');
    return { pdf: byExt('.pdf'), image: byExt('.png') };
  }, claim);
  assert.ok(documents.pdf && documents.image, `${claim} has a PDF and an image document`);
  return [
    ['/home', '/home'],
    ...LISTS.map((p) => [p, p]),
    ['/contracts/{id}', contract],
    ['/claims/{id}', claim],
    ['/claims/approvals', '/claims/approvals'],
    ['/objects/{id}', object],
    ['/customers/{id}', customer],
    ['/documents/{id} [PDF]', documents.pdf],
    ['/documents/{id} [image]', documents.image],
    ['/contact', '/contact'],
    ['/account', '/account'],
    ['/account/email', '/account/email'],
    ['/admin/users', '/admin/users'],
    ['/admin/users/new', '/admin/users/new'],
    ['/admin/users/{id}', colleague],
    ['/admin/users/{id}/scope', `${colleague}/scope`],
    ['/admin/users/{id}/scope/objects', `${colleague}/scope/objects?q=86159`],
    ['/admin/users/{id}/scope/claims', `${colleague}/scope/claims`],
  ];
}

/** Staff pages that need a portal user's id: Dr. Stefan B.'s scope page and pickers. */
const USER_SCOPE_PAGES = ['/scope', '/scope/objects?q=86159', '/scope/claims'];

async function staffPages(s) {
  const user = await firstLink(s, '/staff/users?q=stefan.bauer', 'table.data tbody tr td:first-child a');
  const task = await firstLink(s, '/staff/tasks?status=all', '#tasks-table tbody tr td:first-child a');
  return [
    ['/staff/tasks/{id}', task],
    ['/home', '/home'],
    ['/search', '/search?q=Brenner'],
    ...STAFF_PAGES.map((p) => [p, p]),
    ...USER_SCOPE_PAGES.map((p) => [`/staff/users/{id}${p}`, `${user}${p}`]),
  ];
}

/**
 * Signs in, switches to `lang`, runs axe on every page (on the phone the
 * sideways-scroll check instead), then restores the stored language.
 */
async function sweep(s, who, lang, viewport, pagesOf) {
  await s.login(loginOf(who));
  const own = await s.lang();
  const pages = await pagesOf(s);
  if (lang !== own) await s.switchLanguage(lang);
  let passed = false;
  try {
    for (const [label, path] of pages) {
      const res = await s.goto(path);
      assert.equal(res.status(), 200, `${path} as ${who}`);
      assert.equal(await s.lang(), lang, `${path} in ${lang}`);
      if (viewport === 'phone') {
        await assertNoHorizontalScroll(s, `${path} [${lang}]`);
      } else {
        await s.axe(label);
      }
    }
    passed = true;
  } finally {
    // After a failure, a failing restore must not hide the first error.
    if (lang !== own) await s.switchLanguage(own).catch((err) => { if (passed) throw err; });
  }
}

export default function register() {
  for (const { label: viewport, options } of VIEWPORTS) {
    for (const lang of sweepLanguages(viewport)) {
      const title = viewport === 'phone' ? `Every page fits the phone in ${lang}` : `Every page passes axe in ${lang} on the desktop`;
      test(title, async () => {
        // Two contexts side by side: axe keeps one renderer busy, the
        // server and the other renderer use the second core meanwhile.
        const results = await Promise.allSettled([
          withSession(`every-page-customer-${lang}-${viewport}`, (s) => sweep(s, 'stefan', lang, viewport, customerPages), options),
          withSession(`every-page-staff-${lang}-${viewport}`, (s) => sweep(s, 'petra', lang, viewport, staffPages), options),
        ]);
        const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
        if (failed.length > 1) failed[0].message += `\n(and: ${failed[1].message})`;
        if (failed.length > 0) throw failed[0];
      });
    }
  }
}
