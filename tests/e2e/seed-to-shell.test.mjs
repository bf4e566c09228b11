// Issue 4 item 9, second half, chained to the seed: an administrator follows
// ../shared/seed/set-up-custom-client-application.txt word for word in the admin UI (the same
// steps as the seed test of admin-ui.test.mjs, from lib/admin-ui.mjs), choosing a role, an official
// group and the URL of the SDK test app (lib/test-app.mjs), once as a standalone app under Directory
// and once as a widget, and clicks "Yes". Then, each in a fresh browser context:
//   - a member of the chosen group who holds the chosen role signs in to the workspace at `/`, finds
//     the standalone app under the Directory menu and the widget in the sidebar's Apps panel, opens
//     each, and its frame loads (the unmodified SDK in it accepts the shell as its host);
//   - a user with the role but not in the group, and a user in the group without the role, see no
//     trace of either app: not in the menus, the panel, the page, its frames or its CSP header.
// The tests run in order; each later one needs what the earlier ones set up, and says so if missing.
// Run: PORTICO_BIN=/path/to/portico node --test seed-to-shell.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, withPage } from './lib/browser.mjs';
import { startTestApp } from './lib/test-app.mjs';
import { ok, followSeed } from './lib/admin-ui.mjs';
import { shellSignIn, menuLabels, openApp, shownFrame, assertCsp } from './lib/shell-ui.mjs';

const PASSWORD = 'a long enough password 1';
const SANDBOX = 'allow-scripts,allow-same-origin,allow-forms,allow-popups';
const STANDALONE = 'Seed Team Board';
const WIDGET = 'Seed Side Notes';
const people = {
  member: ['Maya Member', 'maya.member@example.com'],          // in the group, has the role
  outsider: ['Omar Outsider', 'omar.outsider@example.com'],    // has the role, not in the group
  grouponly: ['Greta Grouponly', 'greta.grouponly@example.com'], // in the group, not the role
};

let server; let admin; let browser;
let A; let B; // the test app, standalone (A) and widget (B), each on its own origin
const id = {};   // people, role, groups
const app = {};  // integration ids, filled in by the seed runs

before(async () => {
  server = await startServer();
  admin = await server.login();
  [A, B] = await Promise.all([startTestApp(), startTestApp()]);
  browser = await launchBrowser();
  for (const [key, [name, email]] of Object.entries(people)) {
    id[key] = (await ok(admin.post('/api/v2/users', { name, email, password: PASSWORD }), `create ${email}`)).id;
  }
  id.role = await ok(admin.post('/api/v2/authorization/roles', { name: 'Seed Board Users', description: '', permissionPolicies: [] }), 'role');
  id.group = await ok(admin.post('/api/v2/groups', { name: 'Seed Support Agents', type: 'official', description: '' }), 'official group');
  id.social = await ok(admin.post('/api/v2/groups', { name: 'Seed Support Social Club', type: 'social', description: '' }), 'social group');
  id.other = await ok(admin.post('/api/v2/groups', { name: 'Seed Back Office', type: 'official', description: '' }), 'other group');
  await ok(admin.post(`/api/v2/groups/${id.group.id}/members`, { memberIds: [id.member, id.grouponly] }), 'members');
  await ok(admin.post(`/api/v2/groups/${id.other.id}/members`, { memberIds: [id.outsider] }), 'members');
  await ok(admin.put(`/api/v2/authorization/roles/${id.role.id}/users/add`, [id.member, id.outsider]), 'assign role');
});

after(async () => {
  await browser?.close();
  await Promise.all([A, B].filter(Boolean).map((x) => x.close()));
  await server?.dispose();
});

function needSeed(...keys) {
  for (const k of keys) if (!app[k]) assert.fail(`the seed run that creates the ${k} app did not complete (see the test before)`);
}

/** Signs PERSON in to the workspace at `/` in the page (a fresh context); answers the response of `/`. */
const signIn = (page, who, hash) => shellSignIn(page, server.url, people[who][1], PASSWORD, hash);

/** The Apps icon on the sidebar (not the Apps menu of the top bar). */
const sidebarApps = (page) => page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Apps' });

// ------------------------------------------------------------------ the seed, in the admin UI

test('seed run 1: the admin follows the seed word for word (standalone, Directory, the test app\'s URL) and clicks "Yes"', async (t) => {
  await withPage(browser, t, async (page) => {
    app.standalone = await followSeed(page, {
      server, admin, name: STANDALONE, role: id.role, group: id.group, groupSearch: 'Seed Support', social: id.social,
      url: A.url('seed-standalone'), type: 'standalone', category: 'Directory', sandbox: SANDBOX,
    });
  });
});

test('seed run 2: the same steps for a second app, with Application Type widget', async (t) => {
  await withPage(browser, t, async (page) => {
    app.widget = await followSeed(page, {
      server, admin, name: WIDGET, role: id.role, group: id.group, groupSearch: 'Seed Support', social: id.social,
      url: B.url('seed-widget'), type: 'widget', category: '', sandbox: SANDBOX,
    });
  });
});

// ------------------------------------------------------------------ the member

test('the member (chosen group, chosen role) signs in to / in a fresh browser: the CSP frames exactly the two apps\' origins', async (t) => {
  needSeed('standalone', 'widget');
  await withPage(browser, t, async (page) => {
    const res = await signIn(page, 'member');
    assertCsp(res.headers()['content-security-policy'], [A.origin, B.origin]);
    const apps = await page.evaluate(() => window.porticoShell.apps().map((a) => a.id).sort());
    assert.deepEqual(apps, [app.standalone, app.widget].sort(), 'the shell got exactly the two seeded apps');
  });
});

test('the member finds the standalone app under the Directory menu, and in no other menu', async (t) => {
  needSeed('standalone', 'widget');
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    assert.deepEqual(await menuLabels(page, 'directory'), ['People', 'Groups', STANDALONE]);
    assert.deepEqual(await menuLabels(page, 'apps'), [], 'not under Apps (its category is Directory), and the widget is in no menu');
    assert.deepEqual(await menuLabels(page, 'performance'), []);
    // The home page lists it under Directory too, and the widget under the side panel.
    assert.ok(await page.locator(`.home-section[data-menu="directory"] .app-card[data-app-id="${app.standalone}"]`).isVisible());
    assert.ok(await page.locator(`.home-section[data-menu="widgets"] .app-card[data-app-id="${app.widget}"]`).isVisible());
  });
});

test('the member opens it from the Directory menu: its frame loads the test app, with the URL\'s tokens filled and the sandbox as configured', async (t) => {
  needSeed('standalone');
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const before = A.events.length;
    const { frame } = await openApp(page, 'directory', STANDALONE, app.standalone);
    assert.equal(new URL(page.url()).hash, `#/apps/${app.standalone}`);
    const iframe = page.locator(`iframe[data-app-id="${app.standalone}"]`);
    assert.equal(await iframe.getAttribute('src'), `${A.origin}/app.html?gcHostOrigin=${encodeURIComponent(server.url)}&gcTargetEnv=prod&app=seed-standalone`);
    assert.equal(await iframe.getAttribute('sandbox'), SANDBOX.split(',').join(' '));
    assert.equal(await iframe.getAttribute('title'), STANDALONE);
    assert.ok(await iframe.isVisible());
    assert.equal(await frame.locator('#title').textContent(), 'Test app seed-standalone');
    // The test app's server heard from the page: the unmodified SDK accepted the shell as its host.
    const loaded = await A.waitFor((e) => e.type === 'loaded' && e.app === 'seed-standalone' && A.events.indexOf(e) >= before);
    assert.equal(loaded.env, 'localhost');
    assert.equal(loaded.sandboxed, false, 'allow-same-origin keeps the app its origin');
    // And it can talk to the shell: a toast from it appears, labelled with the app's name.
    await frame.evaluate(() => { window.toastArgs = ['Seeded', 'hello from the seeded app', { timeout: 0 }]; });
    await frame.click('#toast');
    const toast = page.locator('.toast', { hasText: 'hello from the seeded app' });
    await toast.waitFor();
    assert.equal(await toast.locator('.toast-source').textContent(), STANDALONE);
  });
});

test('the member finds the widget in the sidebar Apps panel (a tab of its own), opens it and its frame loads', async (t) => {
  needSeed('widget');
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const before = B.events.length;
    assert.equal(await page.locator(`iframe[data-app-id="${app.widget}"]`).count(), 0, 'not framed before the panel is opened');
    await sidebarApps(page).click(); // seed step 10: "users click the Apps icon on the sidebar"
    await page.locator('#widget-panel').waitFor({ state: 'visible' });
    const tabs = page.locator('#widget-tabs [role="tab"]');
    assert.deepEqual(await tabs.locator('.widget-tab-label').allTextContents(), [WIDGET]);
    const tab = page.getByRole('tab', { name: WIDGET });
    await tab.click();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const { frame } = await shownFrame(page, app.widget);
    const iframe = page.locator(`iframe[data-app-id="${app.widget}"]`);
    assert.equal(await iframe.getAttribute('src'), `${B.origin}/app.html?gcHostOrigin=${encodeURIComponent(server.url)}&gcTargetEnv=prod&app=seed-widget`);
    assert.equal(await iframe.getAttribute('title'), WIDGET);
    assert.ok(await page.locator('#widget-frames').locator(`iframe[data-app-id="${app.widget}"]`).isVisible(), 'framed in the side panel');
    assert.equal(await page.locator('#app-stage iframe').count(), 0, 'not in the main area');
    assert.equal(await frame.locator('#title').textContent(), 'Test app seed-widget');
    const loaded = await B.waitFor((e) => e.type === 'loaded' && e.app === 'seed-widget' && B.events.indexOf(e) >= before);
    assert.equal(loaded.env, 'localhost');
  });
});

// ------------------------------------------------------------------ who must not see it

for (const [who, why] of [['outsider', 'with the role but not in the group'], ['grouponly', 'in the group without the role']]) {
  test(`a user ${why} sees no trace of either app: menus, side panel, page, frames, CSP header`, async (t) => {
    needSeed('standalone', 'widget');
    await withPage(browser, t, async (page) => {
      const res = await signIn(page, who);
      assertCsp(res.headers()['content-security-policy'], []);
      const csp = res.headers()['content-security-policy'];
      for (const o of [A.origin, B.origin]) assert.ok(!csp.includes(o), `${who}: ${o} not in the CSP`);
      const pp = String(res.headers()['permissions-policy'] || '');
      for (const o of [A.origin, B.origin]) assert.ok(!pp.includes(o), `${who}: ${o} not in Permissions-Policy`);
      await page.locator('.empty', { hasText: 'No apps yet' }).waitFor();
      assert.deepEqual(await menuLabels(page, 'directory'), ['People', 'Groups']);
      assert.deepEqual(await menuLabels(page, 'apps'), []);
      assert.deepEqual(await menuLabels(page, 'performance'), []);
      await sidebarApps(page).click();
      await page.locator('#widget-empty').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#widget-tabs [role="tab"]').count(), 0);
      assert.equal(await page.locator('iframe').count(), 0);
      const html = await page.content();
      for (const s of [STANDALONE, WIDGET, A.origin, B.origin, app.standalone, app.widget]) assert.ok(!html.includes(s), `${who}: no ${s} in the page`);
      // Nor in what the page was given.
      assert.deepEqual(await page.evaluate(() => window.porticoShell.apps()), []);
      const listed = await page.evaluate(() => fetch('/api/v2/integrations/clientapps?pageSize=500').then((r) => r.json()));
      assert.deepEqual(listed.entities.map((e) => e.id), [], `${who}: the API lists no client app`);
      // A deep link to the app shows nothing of it either.
      await page.goto(`${server.url}/#/apps/${app.standalone}`);
      await page.locator('.notice', { hasText: 'isn’t available' }).waitFor();
      assert.equal(await page.locator('iframe').count(), 0);
      assert.ok(!(await page.content()).includes(STANDALONE));
    });
  });
}
