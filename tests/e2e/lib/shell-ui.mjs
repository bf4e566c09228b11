// Steps of the workspace shell (/) shared by the browser tests: signing in through the shell's own
// form, reading the menus, opening an app and waiting for its frame, and checking the
// Content-Security-Policy the server computed for the signed-in user.
// Used by shell.test.mjs, seed-to-shell.test.mjs and xss-as-text.test.mjs.
import assert from 'node:assert/strict';
import { allowProblems } from './browser.mjs';

/** Every directive of the shell's CSP except frame-src (which lists the user's app origins). */
export const BASE_CSP = {
  'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'img-src': "'self' https: data:",
  'connect-src': "'self'", 'frame-ancestors': "'none'", 'base-uri': "'none'", 'object-src': "'none'",
};

/**
 * Opens BASEURL/HASH and signs in through the shell's own form; answers the response of `/`
 * after login (the page whose CSP the server computed for this user).
 */
export async function shellSignIn(page, baseUrl, email, password, hash = '') {
  allowProblems(page, /status of 401/); // GET /api/v2/users/me before signing in
  await page.goto(`${baseUrl}/${hash}`);
  await page.locator('#login-form').waitFor();
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/' && r.request().method() === 'GET'),
    page.click('#login-submit'),
  ]);
  await page.locator('#workspace').waitFor();
  await page.waitForFunction(() => window.porticoShell && document.querySelector('.menu-list'));
  return response;
}

/** The labels of one top menu ('apps', 'directory', 'performance'), read with the menu open. */
export async function menuLabels(page, menu) {
  await page.click(`#menu-button-${menu}`);
  const labels = await page.locator(`#menu-${menu} .menu-item-label`).allTextContents();
  await page.keyboard.press('Escape');
  return labels;
}

/** Waits until the app's frame is shown and the test app in it has loaded; answers {frame, instance}. */
export async function shownFrame(page, appId) {
  const wrap = page.locator(`.frame-wrap.ready[data-app-id="${appId}"]`);
  await wrap.waitFor({ state: 'visible' });
  const frame = await (await page.$(`iframe[data-app-id="${appId}"]`)).contentFrame();
  await frame.waitForFunction(() => window.received && window.received.some((e) => e.type === 'loaded'));
  const instance = await frame.evaluate(() => document.getElementById('instance').textContent);
  return { frame, instance };
}

/** Opens a standalone app from its menu; answers {frame, instance} once the app is shown. */
export async function openApp(page, menu, name, appId) {
  await page.click(`#menu-button-${menu}`);
  await page.locator(`#menu-${menu} .menu-item`, { hasText: name }).click();
  return shownFrame(page, appId);
}

export function parseCsp(header) {
  const out = {};
  for (const part of String(header || '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name] = values.join(' ');
  }
  return out;
}

/** The shell's CSP: BASE_CSP, and frame-src exactly ORIGINS ('none' when there are none). */
export function assertCsp(header, origins) {
  const csp = parseCsp(header);
  const { 'frame-src': frameSrc, 'form-action': formAction, ...rest } = csp;
  assert.deepEqual(rest, BASE_CSP, `CSP other than frame-src: ${header}`);
  // form-action is not in the list; the server may add it, but only as 'self'.
  if (formAction !== undefined) assert.equal(formAction, "'self'", `form-action: ${header}`);
  assert.ok(frameSrc !== undefined, `CSP has frame-src: ${header}`);
  if (origins.length) assert.deepEqual(frameSrc.split(' ').sort(), [...origins].sort(), `frame-src: ${header}`);
  else assert.equal(frameSrc, "'none'", `frame-src allows no app: ${header}`);
  assert.equal(header.split(';').length, Object.keys(csp).length, `no repeated or empty directive: ${header}`);
}

/** The toasts shown, as [{title, message}] (text content, as the user reads it). */
export async function toastTexts(page) {
  return page.locator('.toast').evaluateAll((els) => els.map((e) => ({
    title: e.querySelector('.toast-title')?.textContent ?? null,
    message: e.querySelector('.toast-message')?.textContent ?? null,
  })));
}
