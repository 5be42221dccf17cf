// Shared state and helpers of the journeys: one demo server and one
// Chromium for the whole run, a fresh browser context per session, axe-core
// checks, console-error tracking and the numbers printed at the end.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

import { STRICT, knownIssuesReport, unexplained } from './known-issues.mjs';
import { DemoServer } from './server.mjs';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..');
// Two suites running at once (CI runs SQLite and PostgreSQL side by side)
// keep their screenshots apart through E2E_SCREENSHOT_DIR.
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR
  ? path.resolve(process.env.E2E_SCREENSHOT_DIR)
  : path.join(E2E_DIR, 'screenshots');

export const LANGUAGES = ['de', 'en', 'fr', 'es'];
/** The greeting on the home page, before the user's name. */
export const GREETING = { de: 'Willkommen, ', en: 'Welcome, ', fr: 'Bienvenue, ', es: 'Bienvenido/a, ' };
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Everything a journey needs; filled by setup(). */
export const ctx = {
  server: null,
  browser: null,
  get baseURL() {
    return this.server.baseURL;
  },
  get logins() {
    return this.server.logins;
  },
  /** The demo's user with TOTP enrolled: { email, password, secret } or null. */
  get totpLogin() {
    return this.server.totpLogin;
  },
};

/** Numbers for the closing summary. */
export const stats = {
  started: Date.now(),
  pages: new Set(), // distinct "page [lang, viewport]" that axe checked
  navigations: 0,
  axeRuns: 0,
  axeMinor: new Map(), // rule id -> { impact, help, pages: Set } of non-blocking findings
  screenshots: 0,
};

export async function setup() {
  const bin = process.env.KUNDENPORTAL_BIN
    ? path.resolve(REPO_ROOT, process.env.KUNDENPORTAL_BIN)
    : path.join(REPO_ROOT, 'target', 'debug', 'kundenportal');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  ctx.server = new DemoServer({ bin });
  // Chromium starts while the server loads its demo data.
  const [, browser] = await Promise.allSettled([
    ctx.server.start(),
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    }),
  ]).then((results) => {
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
      if (results[1].status === 'fulfilled') results[1].value.close().catch(() => {});
      throw failed.reason;
    }
    return results.map((r) => r.value);
  });
  ctx.browser = browser;
  console.log(
    `# server ${ctx.baseURL} ready in ${ctx.server.startupMs} ms with ${ctx.logins.length} demo logins: ` +
      ctx.logins.map((l) => `${l.role} <${l.email}>`).join(', '),
  );
  console.log(`# chromium ${browser.version()}`);
}

export async function teardown() {
  await ctx.browser?.close().catch(() => {});
  const keep = process.env.E2E_KEEP_DATA === '1';
  if (ctx.server) {
    await ctx.server.stop({ keepData: keep });
    if (keep) console.log(`# server data kept in ${ctx.server.dataDir}`);
  }
  printSummary();
}

function printSummary() {
  const secs = ((Date.now() - stats.started) / 1000).toFixed(1);
  console.log(
    `# e2e summary: ${stats.pages.size} distinct pages axe-checked (page, language, viewport), ${stats.navigations} page loads, ` +
      `${stats.axeRuns} axe runs, ${stats.screenshots} screenshots, ${secs} s`,
  );
  const known = knownIssuesReport();
  if (known.length > 0) {
    console.log('# KNOWN APP ISSUES seen in this run (not failing it; E2E_STRICT=1 makes them fail; see lib/known-issues.mjs):');
    for (const line of known) console.log(line);
  } else if (STRICT) {
    console.log('# strict mode: known app issues fail the run');
  }
  if (stats.axeMinor.size > 0) {
    console.log('# axe findings below "serious" (not failing the run):');
    for (const [id, v] of stats.axeMinor) {
      console.log(`#   [${v.impact}] ${id}: ${v.help} — on ${[...v.pages].join(', ')}`);
    }
  }
}

/** "Private customer" -> "private-customer" for file names. */
export function slug(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A browser session: a fresh context (own cookies), one page, and a record
 * of console errors, uncaught page errors and failed sub-resources.
 * `expectErrorStatus(path)` allows a document to answer 4xx on purpose
 * (Chromium logs "Failed to load resource" for such documents).
 */
export class Session {
  static async open(name, { viewport = { width: 1280, height: 900 }, isMobile = false, javaScriptEnabled = true, baseURL = ctx.baseURL } = {}) {
    ctx.server.assertAlive();
    const context = await ctx.browser.newContext({
      baseURL,
      viewport,
      isMobile,
      javaScriptEnabled,
      hasTouch: isMobile,
      deviceScaleFactor: isMobile ? 2 : 1,
      locale: 'de-DE',
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(20_000);
    const page = await context.newPage();
    return new Session(name, context, page, isMobile ? `${viewport.width}x${viewport.height}` : 'desktop');
  }

  constructor(name, context, page, viewportLabel) {
    this.name = name;
    this.context = context;
    this.page = page;
    this.viewportLabel = viewportLabel;
    this.problems = [];
    this.allowedErrorPaths = new Set();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location()?.url || page.url();
      if (/Failed to load resource/.test(msg.text()) && this.allowedErrorPaths.has(pathOf(where))) return;
      this.problems.push(`console error on ${pathOf(page.url())}: ${msg.text()}${where ? ` (at ${where})` : ''}`);
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught page error on ${pathOf(page.url())}: ${err.message}`));
    page.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText ?? 'failed';
      // The browser cancelling a load because the page navigated on (e.g. a
      // favicon still loading when a form is submitted) is not a problem.
      if (failure === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${req.method()} ${req.url()} (${failure})`);
    });
    page.on('response', (res) => {
      const req = res.request();
      if (res.status() >= 400 && !this.allowedErrorPaths.has(pathOf(res.url()))) {
        this.problems.push(`HTTP ${res.status()} for ${req.method()} ${pathOf(res.url())}`);
      }
    });
  }

  expectErrorStatus(p) {
    this.allowedErrorPaths.add(p);
  }

  /** Go to a path; returns the response. */
  async goto(p) {
    const res = await this.page.goto(p, { waitUntil: 'load' });
    stats.navigations += 1;
    return res;
  }

  /**
   * Clicks a submit button (or link) and waits until the next page has
   * loaded; returns that page's response (after redirects).
   */
  async clickAndWaitForPage(locator) {
    const [res] = await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
    stats.navigations += 1;
    return res;
  }

  /**
   * Clicks something htmx handles (a list's filter form, sort or page
   * link): the list is swapped in place and the URL pushed, without a page
   * load. Waits until htmx has settled the new content.
   */
  async clickAndWaitForSwap(locator) {
    await this.page.evaluate(() => {
      window.__kpSwapped = new Promise((resolve) => {
        document.body.addEventListener('htmx:afterSettle', () => resolve(), { once: true });
      });
    });
    await locator.click();
    await this.page.evaluate(() => window.__kpSwapped);
    stats.navigations += 1;
  }

  async lang() {
    return this.page.locator('html').getAttribute('lang');
  }

  /** Logs in with the login form and checks that /home was reached. */
  async login({ email, password }) {
    if (pathOf(this.page.url()) !== '/login') await this.goto('/login');
    const form = this.page.locator('form[action="/login"]');
    await form.locator('input#email').fill(email);
    await form.locator('input#password').fill(password);
    const res = await this.clickAndWaitForPage(form.locator('button[type=submit]'));
    if (pathOf(this.page.url()) !== '/home') {
      const alert = await this.page.locator('[role=alert]').allInnerTexts();
      assert.fail(`login as ${email} did not reach /home: HTTP ${res?.status()} at ${pathOf(this.page.url())}${alert.length ? `, alert: ${alert.join(' ')}` : ''}`);
    }
    assert.equal(res.status(), 200, 'status of /home after login');
    return res;
  }

  /** Clicks a language button; checks the same page came back in that language. */
  async switchLanguage(code) {
    const button = this.page.locator(`form.language-switcher button[name=lang][value=${code}]`);
    await assertVisible(button, `language button ${code}`);
    const before = pathOf(this.page.url());
    const res = await this.clickAndWaitForPage(button);
    assert.equal(pathOf(this.page.url()), before, `language switch to ${code} should return to ${before}`);
    assert.equal(await this.lang(), code, `<html lang> after switching to ${code}`);
    assert.equal(await button.getAttribute('aria-pressed'), 'true', `button ${code} should be pressed after the switch`);
    return res;
  }

  async logout() {
    const button = this.page.locator('form[action="/logout"] button[type=submit]');
    await assertVisible(button, 'logout button');
    await this.clickAndWaitForPage(button);
    assert.equal(pathOf(this.page.url()), '/login', 'logout should land on /login');
  }

  /**
   * Runs axe-core (WCAG 2.0/2.1 A and AA) on the current page. Serious and
   * critical violations fail; lesser ones are listed in the summary.
   */
  async axe(label) {
    const lang = await this.lang();
    const where = `${label ?? pathOf(this.page.url())} [${lang}, ${this.viewportLabel}]`;
    stats.pages.add(where);
    // Only violations are read; axe then spares itself the details of
    // every passed check.
    // A mail's HTML is shown in a sandboxed frame that runs no script, so
    // axe-core could never answer from inside it and the run would wait
    // for good: such frames are left out (the mail is not a portal page).
    // Legacy mode: axe.run() in the page itself. The default mode runs
    // axe in each frame and merges the results in a new blank page, which
    // injects axe-core three times and starts a renderer per check: on a
    // slow 2-core machine that was most of the suite's time. The portal
    // has no cross-origin frames (its CSP allows none), the one thing the
    // default mode adds.
    const results = await new AxeBuilder({ page: this.page })
      .withTags(AXE_TAGS)
      .options({ resultTypes: ['violations'] })
      .exclude('iframe[sandbox]')
      .setLegacyMode(true)
      .analyze();
    stats.axeRuns += 1;
    const blocking = [];
    for (const v of results.violations) {
      if (BLOCKING_IMPACTS.has(v.impact)) {
        blocking.push(v);
      } else {
        const entry = stats.axeMinor.get(v.id) ?? { impact: v.impact, help: v.help, pages: new Set() };
        entry.pages.add(where);
        stats.axeMinor.set(v.id, entry);
      }
    }
    if (blocking.length > 0) {
      await this.screenshot(`axe-${slug(this.name)}-${slug(where)}`);
      assert.fail(`axe-core found ${blocking.length} serious/critical violation(s) on ${where}:\n${formatViolations(blocking)}`);
    }
    return results;
  }

  async screenshot(name) {
    const file = path.join(SCREENSHOT_DIR, `${slug(name)}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    stats.screenshots += 1;
    return file;
  }

  assertNoProblems() {
    const problems = unexplained(this.problems);
    if (problems.length === 0) return;
    const counts = new Map();
    for (const p of problems) counts.set(p, (counts.get(p) ?? 0) + 1);
    const lines = [...counts].map(([p, n]) => (n > 1 ? `${p} (${n}x)` : p));
    assert.fail(`${problems.length} browser problem(s) during "${this.name}":\n  ${lines.join('\n  ')}`);
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

/**
 * Runs `fn(session)` in a fresh session; on failure saves a screenshot,
 * always closes the context; at the end checks for console errors.
 */
export async function withSession(name, fn, options) {
  const session = await Session.open(name, options);
  try {
    await fn(session);
    session.assertNoProblems();
  } catch (err) {
    const shot = await session.screenshot(`failure-${name}`).catch(() => null);
    ctx.server.assertAlive();
    if (shot) err.message += `\n(screenshot: ${path.relative(E2E_DIR, shot)}; page: ${session.page.url()})`;
    if (session.problems.length > 0) err.message += `\n(browser problems: ${session.problems.join('; ')})`;
    throw err;
  } finally {
    await session.close();
  }
}

export function pathOf(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export async function assertVisible(locator, what) {
  const n = await locator.count();
  assert.ok(n > 0, `${what} not found`);
  assert.ok(await locator.first().isVisible(), `${what} not visible`);
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => {
          const summary = (n.failureSummary ?? '').split('\n').map((l) => `        ${l}`).join('\n');
          return `    - element: ${n.target.join(' ')}\n      html:    ${n.html.replace(/\s+/g, ' ').slice(0, 300)}\n${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more element(s)` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** The number in the first home tile, e.g. "1.234" -> 1234. */
export async function firstTileNumber(page) {
  const text = (await page.locator('ul.tiles li.tile').first().innerText()).trim();
  const m = /\d[\d.,\u00a0\u202f ]*/.exec(text);
  assert.ok(m, `first tile has no number: ${JSON.stringify(text)}`);
  return Number(m[0].replace(/[^\d]/g, ''));
}
