// Helpers shared by the journeys that walk many pages: the phone viewport,
// the languages of the axe sweeps, finding a demo login and record links,
// the sideways-scroll check and what a document preview must do in the
// browser.

import assert from 'node:assert/strict';

import { LANGUAGES, ctx, pathOf } from './harness.mjs';

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/**
 * The languages of the axe sweeps: all four, or those in E2E_LANGUAGES
 * (CI splits them between its SQLite and PostgreSQL runs, which run side
 * by side).
 */
export function sweepLanguages(viewport = 'desktop') {
  const all = process.env.E2E_LANGUAGES || LANGUAGES.join(',');
  // The phone sweep may be narrowed further (CI: the languages with the
  // longest words); "none" skips it.
  const name = viewport === 'phone' ? 'E2E_PHONE_LANGUAGES' : 'E2E_LANGUAGES';
  const list = viewport === 'phone' ? (process.env.E2E_PHONE_LANGUAGES ?? all) : all;
  const wanted = list
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'none');
  for (const l of wanted) assert.ok(LANGUAGES.includes(l), `${name}: unknown language ${l}`);
  return wanted;
}

/** The demo login whose e-mail contains `fragment` ("stefan"). */
export function loginOf(fragment) {
  const found = ctx.logins.find((l) => l.email.includes(fragment));
  assert.ok(found, `demo login ${fragment}`);
  return found;
}

/**
 * The `href`s of the links matching `selector` on the page at `path`,
 * fetched by the signed-in browser without leaving the current page.
 */
export async function linksOn(page, path, selector) {
  return page.evaluate(
    async ([p, sel]) => {
      const res = await fetch(p);
      if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}`);
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      return [...doc.querySelectorAll(sel)].map((a) => a.getAttribute('href'));
    },
    [path, selector],
  );
}

/** Fails when the page is wider than the viewport, naming what sticks out. */
export async function assertNoHorizontalScroll(s, what) {
  const { scrollWidth, clientWidth, wide } = await s.page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)}px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  assert.ok(
    scrollWidth <= clientWidth,
    `${what} scrolls sideways: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}; too wide: ${wide.join(', ')}`,
  );
}

/**
 * Records Content-Security-Policy violations of every document the page
 * loads (the page and its frames) in `window.__kpCsp`; call before the
 * first navigation. Violations also reach the console, which the harness
 * watches; the event names the directive and the blocked address.
 */
export async function recordCspViolations(page) {
  await page.addInitScript(() => {
    window.__kpCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__kpCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} on ${location.pathname}`);
    });
  });
}

/** The CSP violations recorded in the page and its frames so far. */
export async function cspViolations(page) {
  const all = [];
  for (const frame of page.frames()) {
    all.push(...(await frame.evaluate(() => window.__kpCsp ?? []).catch(() => [])));
  }
  return all;
}

/**
 * Follows `link` to a document page and checks that its inline preview
 * really loads in the browser: the preview answers 200 with the document's
 * type, a PDF is framed without any CSP or framing refusal and opens in
 * Chromium's PDF viewer, an image is decoded (naturalWidth > 0). Returns
 * the preview kind.
 */
export async function openDocumentWithPreview(s, link) {
  const href = await link.getAttribute('href');
  assert.match(href ?? '', /^\/documents\/\d+$/, 'a link to a document page');
  const previewPath = `${href}/preview`;
  // Caught at once: a failed check below must not leave it unhandled.
  const previewResponse = s.page
    .waitForResponse((r) => pathOf(r.url()) === previewPath, { timeout: 15_000 })
    .catch(() => null);
  await s.clickAndWaitForPage(link);
  assert.equal(pathOf(s.page.url()), href);
  const frame = s.page.locator('main iframe#document-preview');
  const image = s.page.locator('main img#document-preview');
  const kind = (await frame.count()) > 0 ? 'pdf' : (await image.count()) > 0 ? 'image' : null;
  assert.ok(kind, `${href} shows a preview`);
  const res = await previewResponse;
  assert.ok(res, `the browser never received ${previewPath}`);
  assert.equal(res.status(), 200, `${previewPath} status`);
  const type = res.headers()['content-type'] ?? '';
  if (kind === 'pdf') {
    assert.equal(type, 'application/pdf', `${previewPath} content type`);
    assert.equal(await frame.getAttribute('src'), previewPath);
    // Chromium shows a PDF through its viewer, a frame of its own inside
    // the preview's: it is there only when the preview was allowed to
    // load (no frame-src, frame-ancestors or X-Frame-Options refusal).
    await s.page.waitForLoadState('load');
    const viewer = () => s.page.frames().find((f) => f.url().startsWith('chrome-extension://') && pathOf(f.parentFrame()?.url() ?? '') === previewPath);
    for (let i = 0; i < 50 && !viewer(); i += 1) await s.page.waitForTimeout(100);
    assert.ok(viewer(), `Chromium's PDF viewer shows ${previewPath} in the page (frames: ${s.page.frames().map((f) => f.url()).join(', ')})`);
  } else {
    assert.match(type, /^image\//, `${previewPath} content type`);
    await image.evaluate((img) => (img.complete ? null : new Promise((r) => img.addEventListener('load', r, { once: true }))));
    const width = await image.evaluate((img) => img.naturalWidth);
    assert.ok(width > 0, `${previewPath} is decoded by the browser (naturalWidth ${width})`);
  }
  const refused = s.problems.filter((p) => /Content Security Policy|X-Frame-Options|frame-ancestors|Refused to/i.test(p));
  assert.deepEqual(refused, [], `${href}: the preview is refused`);
  assert.deepEqual(await cspViolations(s.page), [], `${href}: CSP violations`);
  return kind;
}
