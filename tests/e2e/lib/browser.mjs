// Debian's chromium driven by playwright-core, plus helpers for browser tests:
// every page records console errors and CSP violations (a test fails on any),
// and a failing test leaves a screenshot in tests/e2e/artifacts/.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(here, '../artifacts');

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh context + page that records console errors, page errors and CSP violations.
 * Other options (e.g. bypassCSP) go to browser.newContext.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 800 }, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console error: ${msg.text()}`);
    else if (/Content.Security.Policy/i.test(msg.text())) page.problems.push(`CSP: ${msg.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.httpErrors = [];
  page.on('response', (r) => { if (r.status() >= 400) page.httpErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  return { context, page };
}

/** Console errors the test expected (e.g. the 401 of /users/me before login, a 4xx the test provokes). */
export function allowProblems(page, ...patterns) {
  page.allowed = [...(page.allowed || []), ...patterns];
}

export function unexpectedProblems(page) {
  return page.problems.filter((p) => !(page.allowed || []).some((re) => re.test(p)));
}

function fileName(name) {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
}

/** Saves a full-page screenshot to tests/e2e/artifacts/NAME.png; answers the path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${fileName(name)}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => {});
  return path;
}

/**
 * Runs fn(page) in a fresh page; on failure saves a screenshot named after the
 * test (and says where); fails the test if the page logged an unexpected
 * console error or CSP violation.
 */
export async function withPage(browser, t, fn, opts) {
  const { context, page } = await newPage(browser, opts);
  try {
    await fn(page);
    const problems = unexpectedProblems(page);
    if (problems.length) throw new Error(`The page reported problems:\n  ${problems.join('\n  ')}\nHTTP errors seen: ${page.httpErrors.join(', ') || 'none'}`);
  } catch (e) {
    const path = await screenshot(page, `FAILED-${t.name}`);
    e.message += `\n(screenshot: ${path})`;
    throw e;
  } finally {
    await context.close();
  }
}
