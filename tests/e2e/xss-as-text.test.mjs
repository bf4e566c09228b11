// Issue 8 item 5, the browser part: markup in every name and note an admin can enter (integration
// name, role name and description, group name and description, a person's name, the i10n localized
// name of an app) and in a toast an app sends (title, message) is shown as literal text in the admin
// UI (lists, detail pages, pickers, dialogs, toasts) and in the workspace shell (menus, tabs, home,
// directory people and groups pages, toasts, help panel), and never executed.
//
// Each payload breaks out of an attribute, adds an <img> whose onerror sets window.__xss and calls
// alert(), and a <script> doing the same. After each page a test checks that the text is visible
// verbatim and that nothing of it was parsed or ran: window.__xss is undefined, no dialog opened, no
// element of the payload is in the DOM, nothing requested its `x` image, and no CSP violation was
// reported. Every test runs twice: with the page's own CSP (which must report no violation) and with
// the CSP bypassed (so that markup parsed by mistake would really run: the escaping alone must hold).
// The first test shows that these checks catch markup that is parsed.
// Run: PORTICO_BIN=/path/to/portico node --test xss-as-text.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_PASSWORD } from './lib/server.mjs';
import { launchBrowser, withPage, allowProblems } from './lib/browser.mjs';
import { startTestApp } from './lib/test-app.mjs';
import { TYPE_ID, ok, adminSignIn, adminLink } from './lib/admin-ui.mjs';
import { shellSignIn, menuLabels, openApp, shownFrame } from './lib/shell-ui.mjs';

/** The payload for one field: an attribute break-out, an <img onerror> and a <script>, each setting window.__xss. */
const P = (key) => `"><img src=x onerror="window.__xss='${key}';alert('${key}')"><script>window.__xss='${key}';alert('${key}')</script>`;
const PASSWORD = 'a long enough password 1';
const MODES = [
  { name: 'with the page\'s CSP', tag: 'csp', options: {} },
  { name: 'CSP bypassed: escaping alone must hold', tag: 'nocsp', options: { bypassCSP: true } },
];

const X = {
  role: P('role-name'), roleDesc: P('role-desc'),
  group: P('group-name'), groupDesc: P('group-desc'),
  member: P('user-name'), other: P('other-user-name'),
  admin2: P('admin-name'),
  app: P('app-name'), dirApp: P('dir-app-name'), widget: P('widget-name'), i10n: P('i10n-name'),
  toastTitle: P('toast-title'), toastMessage: P('toast-message'),
};
const EMAIL = { member: 'xss.member@example.com', other: 'xss.other@example.com', admin2: 'xss.admin@example.com' };
const I10N_BASE = 'Plain Base Name';

let server; let admin; let browser; let A;
const id = {};

async function createApp(name, props, advanced = {}) {
  const created = await ok(admin.post('/api/v2/integrations', { integrationType: { id: TYPE_ID }, name, roles: [{ id: id.role }] }), `create ${name}`);
  const cur = await ok(admin.get(`/api/v2/integrations/${created.id}/config/current`), 'config');
  const properties = { displayType: 'standalone', featureCategory: '', sandbox: 'allow-scripts,allow-same-origin', groups: [id.group], ...props };
  await ok(admin.put(`/api/v2/integrations/${created.id}/config/current`, { name, version: cur.version, properties, advanced, notes: P('notes'), credentials: {} }), `configure ${name}`);
  await ok(admin.patch(`/api/v2/integrations/${created.id}`, { intendedState: 'ENABLED' }), `enable ${name}`);
  return created.id;
}

before(async () => {
  server = await startServer();
  admin = await server.login();
  A = await startTestApp();
  browser = await launchBrowser();
  id.role = (await ok(admin.post('/api/v2/authorization/roles', { name: X.role, description: X.roleDesc, permissionPolicies: [] }), 'role')).id;
  id.group = (await ok(admin.post('/api/v2/groups', { name: X.group, type: 'official', description: X.groupDesc }), 'group')).id;
  id.member = (await ok(admin.post('/api/v2/users', { name: X.member, email: EMAIL.member, password: PASSWORD }), 'member')).id;
  id.other = (await ok(admin.post('/api/v2/users', { name: X.other, email: EMAIL.other, password: PASSWORD }), 'other')).id;
  await ok(admin.post(`/api/v2/groups/${id.group}/members`, { memberIds: [id.member] }), 'members');
  await ok(admin.put(`/api/v2/authorization/roles/${id.role}/users/add`, [id.member]), 'role holders');
  const r = server.cli(['user', 'add', '--email', EMAIL.admin2, '--name', X.admin2, '--password', ADMIN_PASSWORD, '--role', 'Master Admin']);
  assert.equal(r.status, 0, r.stderr);
  id.app = await createApp(X.app, { url: A.url('xss-app') });
  id.dirApp = await createApp(X.dirApp, { url: A.url('xss-dir'), featureCategory: 'directory' });
  id.widget = await createApp(X.widget, { url: A.url('xss-widget'), displayType: 'widget' });
  id.i10n = await createApp(I10N_BASE, { url: A.url('xss-i10n') }, { i10n: { en: { name: X.i10n } } });
  // Stored verbatim (the API side is hostile-input.test.mjs; here it is the premise of every check).
  assert.equal((await ok(admin.get(`/api/v2/authorization/roles/${id.role}`), 'role')).name, X.role);
  assert.equal((await ok(admin.get(`/api/v2/groups/${id.group}`), 'group')).description, X.groupDesc);
  assert.equal((await ok(admin.get(`/api/v2/users/${id.member}`), 'user')).name, X.member);
});

after(async () => {
  await browser?.close();
  await A?.close();
  await server?.dispose();
});

// ------------------------------------------------------------------ the checks

/** Records, for PAGE, everything a payload that ran or was parsed would leave behind. */
async function arm(page) {
  page.xss = { dialogs: [], requests: [] };
  page.on('dialog', (d) => {
    if (d.type() === 'beforeunload') { d.accept().catch(() => {}); return; }
    page.xss.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  // The payload's <img src=x>, resolved against whatever page parsed it.
  page.on('request', (req) => { if (/\/x$/.test(new URL(req.url()).pathname)) page.xss.requests.push(req.url()); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective || e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`.trim());
    });
  });
}

/** What a payload left in PAGE (its main document): [] when nothing ran or was parsed. */
async function traces(page) {
  const found = await page.evaluate(() => {
    const out = [];
    if (window.__xss !== undefined) out.push(`window.__xss = ${JSON.stringify(window.__xss)}`);
    for (const v of window.__cspViolations || []) out.push(`CSP violation: ${v}`);
    for (const el of document.querySelectorAll('img[src="x"], [onerror], [onload], script:not([src])')) out.push(`element: ${el.outerHTML.slice(0, 120)}`);
    return out;
  });
  for (const d of page.xss.dialogs) found.push(`dialog: ${d}`);
  for (const r of page.xss.requests) found.push(`request for the payload's image: ${r}`);
  return found;
}

async function assertNoTraces(page, where) {
  const found = await traces(page);
  assert.deepEqual(found, [], `${where}: a payload was parsed or ran:\n  ${found.join('\n  ')}`);
}

/** TEXT is visible verbatim in SCOPE (a page or a locator), as the text of an element. */
async function seesText(scope, text, where) {
  const loc = scope.getByText(text, { exact: true }).first();
  try {
    await loc.waitFor({ state: 'visible', timeout: 5000 });
  } catch (e) {
    const page = typeof scope.page === 'function' ? scope.page() : scope;
    const found = await traces(page).catch(() => []);
    assert.fail(`${where}: the text ${JSON.stringify(text)} is not shown verbatim (${e.message.split('\n')[0]})`
      + `${found.length ? `; what the payloads left:\n  ${found.join('\n  ')}` : ''}`);
  }
}

/** Registers NAME once per mode; FN(page, mode) runs in a fresh, armed page. */
function xssTest(name, fn) {
  for (const mode of MODES) {
    test(`${name} (${mode.name})`, async (t) => {
      let cleanups = [];
      try {
        await withPage(browser, t, async (page) => {
          await arm(page);
          try {
            await fn(page, mode);
          } finally {
            cleanups = page.cleanups || [];
          }
          await assertNoTraces(page, 'at the end');
        }, mode.options);
      } finally {
        for (const c of cleanups) await c();
      }
    });
  }
}

const adminSign = (page, path, email, password) => adminSignIn(page, server.url, path, email, password);
const shellSign = (page, hash = '') => shellSignIn(page, server.url, EMAIL.member, PASSWORD, hash);
const optionTexts = (select) => select.locator('option').allTextContents();

// ------------------------------------------------------------------ the checks can fail

for (const mode of MODES) {
  test(`the checks catch markup that is parsed (${mode.name})`, async (t) => {
    await withPage(browser, t, async (page) => {
      await arm(page);
      await adminSign(page);
      await assertNoTraces(page, 'the admin home page, before');
      // What a page that used innerHTML with data would do.
      allowProblems(page, /Content.Security.Policy|inline event handler/i);
      await page.evaluate((html) => { document.querySelector('main').insertAdjacentHTML('beforeend', `<p>${html}</p>`); }, P('canary'));
      await page.waitForTimeout(300);
      const found = await traces(page);
      assert.ok(found.some((f) => f.startsWith('element: <img')), `the parsed <img> is found: ${found}`);
      assert.ok(found.some((f) => f.startsWith('request for the payload')), `its request is seen: ${found}`);
      if (mode.tag === 'csp') {
        assert.ok(found.some((f) => f.startsWith('CSP violation: script-src')), `the page's CSP reports the handler it blocked: ${found}`);
        assert.ok(!found.some((f) => f.startsWith('window.__xss')), 'the CSP stopped the handler');
      } else {
        assert.ok(found.includes('window.__xss = "canary"'), `with the CSP bypassed, the handler ran: ${found}`);
        assert.ok(found.includes('dialog: alert: canary'), `and its alert opened: ${found}`);
      }
      await assert.rejects(seesText(page, P('canary'), 'canary'), /not shown verbatim/, 'parsed markup is not seen as its text');
    }, mode.options);
  });
}

// ------------------------------------------------------------------ admin UI

xssTest('admin UI: names and descriptions typed into the Roles, Groups and People forms are stored verbatim and shown as text', async (page, mode) => {
  const role = P(`ui-role-${mode.tag}`); const roleDesc = P(`ui-role-desc-${mode.tag}`);
  const group = P(`ui-group-${mode.tag}`); const groupDesc = P(`ui-group-desc-${mode.tag}`);
  const person = P(`ui-person-${mode.tag}`); const email = `xss.ui.${mode.tag}@example.com`;
  await adminSign(page);

  await page.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByLabel('Role name').fill(role);
  await page.getByLabel('Description').fill(roleDesc);
  await page.getByRole('button', { name: 'Create role' }).last().click();
  await seesText(page.locator('h1'), role, 'role page heading');
  await seesText(page, roleDesc, 'role page description');
  await seesText(page.locator('.toast'), `Role “${role}” created. Now assign people to it.`, 'role toast');
  assert.equal(await page.title(), `${role} · Portico Admin`);
  await assertNoTraces(page, 'role page');
  const roles = await ok(admin.get('/api/v2/authorization/roles?pageSize=500'), 'roles');
  const stored = roles.entities.find((r) => r.name === role);
  assert.ok(stored, 'the role name is stored verbatim');
  assert.equal(stored.description, roleDesc);

  await adminLink(page).click();
  await page.getByRole('link', { name: 'Groups' }).click();
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByLabel('Group name').fill(group);
  await page.getByLabel('Description').fill(groupDesc);
  await page.getByRole('button', { name: 'Create group' }).last().click();
  await seesText(page.locator('.toast'), `Group “${group}” created.`, 'group toast');
  await seesText(page.getByRole('table'), group, 'groups list');
  await seesText(page.getByRole('table'), groupDesc, 'groups list, description');
  await assertNoTraces(page, 'groups list');
  const groups = await ok(admin.get('/api/v2/groups?pageSize=500'), 'groups');
  assert.equal(groups.entities.find((g) => g.name === group)?.description, groupDesc, 'the group is stored verbatim');

  await adminLink(page).click();
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Full name').fill(person);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Initial password').fill(PASSWORD);
  await page.getByLabel('Role').selectOption({ label: role });
  await page.getByRole('button', { name: 'Add person' }).last().click();
  await seesText(page.locator('.toast'), `${person} was added.`, 'person toast');
  await seesText(page.getByRole('table'), person, 'people list');
  await assertNoTraces(page, 'people list');
  const users = await ok(admin.get('/api/v2/users?pageSize=500'), 'users');
  assert.equal(users.entities.find((u) => u.email === email)?.name, person, 'the name is stored verbatim');
});

xssTest('admin UI: role name and description in the Roles list and the role page; people in its holder list and Person picker', async (page) => {
  await adminSign(page, '/admin/roles');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: X.role, exact: true }) });
  await seesText(row, X.role, 'roles list');
  await seesText(row, X.roleDesc, 'roles list, description');
  await assertNoTraces(page, 'roles list');
  await row.getByRole('link', { name: X.role, exact: true }).click();
  await seesText(page.locator('h1'), X.role, 'role page heading');
  await seesText(page, X.roleDesc, 'role page description');
  await seesText(page.getByRole('navigation', { name: 'Breadcrumb' }), X.role, 'breadcrumb');
  await seesText(page.locator('.people-list'), X.member, 'holder list');
  await page.getByRole('button', { name: `Remove the role from ${X.member}`, exact: true }).waitFor();
  assert.ok((await optionTexts(page.getByLabel('Person'))).includes(`${X.other} (${EMAIL.other})`), 'Person picker');
  await assertNoTraces(page, 'role page');
  // Giving the role to the other person: the toast and the list show the names as text.
  await page.getByLabel('Person').selectOption({ label: `${X.other} (${EMAIL.other})` });
  await page.getByRole('button', { name: 'Assign role' }).click();
  await seesText(page.locator('.toast'), `${X.other} now has the role “${X.role}”.`, 'assign toast');
  await seesText(page.locator('.people-list'), X.other, 'holder list after assigning');
  await page.getByRole('button', { name: `Remove the role from ${X.other}`, exact: true }).click();
  await seesText(page.locator('.toast'), `${X.other} no longer has the role “${X.role}”.`, 'remove toast');
  await assertNoTraces(page, 'role page after assigning and removing');
});

xssTest('admin UI: group name and description in the Groups list and the group page; members in its list and Person picker', async (page) => {
  await adminSign(page, '/admin/groups');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: X.group, exact: true }) });
  await seesText(row, X.group, 'groups list');
  await seesText(row, X.groupDesc, 'groups list, description');
  await assertNoTraces(page, 'groups list');
  await row.getByRole('link', { name: X.group, exact: true }).click();
  await seesText(page.locator('h1'), X.group, 'group page heading');
  await seesText(page, X.groupDesc, 'group page description');
  await seesText(page.locator('.people-list'), X.member, 'member list');
  await page.getByRole('button', { name: `Remove ${X.member}`, exact: true }).waitFor();
  assert.ok((await optionTexts(page.getByLabel('Person'))).includes(`${X.other} (${EMAIL.other})`), 'Person picker');
  await assertNoTraces(page, 'group page');
  await page.getByLabel('Person').selectOption({ label: `${X.other} (${EMAIL.other})` });
  await page.getByRole('button', { name: 'Add member' }).click();
  await seesText(page.locator('.toast'), `${X.other} was added to ${X.group}.`, 'add member toast');
  await page.getByRole('button', { name: `Remove ${X.other}`, exact: true }).click();
  await seesText(page.locator('.toast'), `${X.other} was removed from ${X.group}.`, 'remove member toast');
  await assertNoTraces(page, 'group page after adding and removing');
});

xssTest('admin UI: people in the People list; role names in its Role picker', async (page) => {
  await adminSign(page, '/admin/people');
  await seesText(page.getByRole('table'), X.member, 'people list');
  await seesText(page.getByRole('table'), X.other, 'people list');
  await page.getByRole('button', { name: 'Add person' }).click();
  assert.ok((await optionTexts(page.getByLabel('Role'))).includes(X.role), 'Role picker');
  await assertNoTraces(page, 'people page');
});

xssTest('admin UI: integration names in the Integrations list and on the integration page (heading, breadcrumb, Name box, Permissions and Select Groups pickers, activation dialog and toast)', async (page, mode) => {
  const name = P(`admin-app-${mode.tag}`);
  const it = await ok(admin.post('/api/v2/integrations', { integrationType: { id: TYPE_ID }, name }), 'install');
  const cur = await ok(admin.get(`/api/v2/integrations/${it.id}/config/current`), 'config');
  await ok(admin.put(`/api/v2/integrations/${it.id}/config/current`, { ...cur, properties: { url: 'https://apps.example.com/xss' } }), 'configure');
  // Removed at the end even if a check fails, so that the shell tests see only their own apps.
  page.cleanups = [() => ok(admin.delete(`/api/v2/integrations/${it.id}`), 'clean up')];

  await adminSign(page, '/admin/integrations');
  const list = page.getByRole('table');
  for (const n of [name, X.app, X.dirApp, X.widget]) await seesText(list, n, 'integrations list');
  await assertNoTraces(page, 'integrations list');

  await list.getByRole('link', { name, exact: true }).click();
  await page.getByRole('tab', { name: 'Details', selected: true }).waitFor();
  await seesText(page.locator('h1'), name, 'integration heading');
  await seesText(page.getByRole('navigation', { name: 'Breadcrumb' }), name, 'breadcrumb');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), name, 'the Name box holds the name as typed');
  assert.equal(await page.title(), `${name} · Portico Admin`);
  // Permissions: the role is offered by its name.
  const permissions = page.getByRole('group', { name: 'Permissions' });
  const roleBox = permissions.getByRole('checkbox', { name: X.role, exact: true });
  if (!(await roleBox.isVisible())) await permissions.getByRole('button', { name: 'Other' }).click();
  await seesText(permissions, X.role, 'Permissions picker');
  await roleBox.check();
  // Select Groups: the official group is offered by its name, and shown as a chosen chip.
  await page.getByRole('tab', { name: 'Configuration' }).click();
  await page.getByRole('button', { name: 'Select Groups' }).click();
  await seesText(page.locator('#group-picker'), X.group, 'Select Groups picker');
  // (The option's accessible name is the group's name and its member count.)
  await page.locator('#group-picker').getByRole('checkbox', { name: `${X.group} 1 member`, exact: true }).check();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: `Remove ${X.group}`, exact: true }).waitFor();
  await seesText(page.getByRole('list', { name: 'Selected groups' }), X.group, 'chosen group');
  await assertNoTraces(page, 'integration page');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.', { exact: true }).waitFor();
  // Activation: the dialog and the toast name the app.
  await page.getByRole('tab', { name: 'Details' }).click();
  await page.getByRole('switch', { name: 'Inactive', exact: true }).click();
  const dlg = page.getByRole('dialog');
  await seesText(dlg, `Activate ${name}?`, 'activation dialog');
  await dlg.getByRole('button', { name: 'Yes' }).click();
  await seesText(page.locator('.toast'), `${name} is active.`, 'activation toast');
  await page.getByRole('switch', { name: 'Active', exact: true }).waitFor();
  await assertNoTraces(page, 'after activation');
});

xssTest('admin UI: a signed-in admin\'s own name in the top bar', async (page) => {
  await adminSign(page, '/admin/', EMAIL.admin2, ADMIN_PASSWORD);
  await seesText(page.getByRole('banner'), X.admin2, 'top bar');
  assert.equal(await page.locator('#user-name').textContent(), X.admin2);
  await assertNoTraces(page, 'admin home');
});

// ------------------------------------------------------------------ workspace shell

xssTest('shell: the user\'s own name, and app names in the Apps and Directory menus, the home page, the frame title and the window title', async (page) => {
  await shellSign(page);
  assert.equal(await page.locator('#user-name').textContent(), X.member, 'top bar');
  assert.equal(await page.locator('#user-card-name').textContent(), X.member, 'user card');
  await seesText(page.locator('h1'), `Welcome, ${X.member.split(/\s+/)[0]}`, 'welcome');
  await seesText(page.locator('.home-section[data-menu="apps"]'), X.app, 'home page, Apps');
  await seesText(page.locator('.home-section[data-menu="directory"]'), X.dirApp, 'home page, Directory');
  await seesText(page.locator('.home-section[data-menu="widgets"]'), X.widget, 'home page, side panel');
  await assertNoTraces(page, 'home');
  assert.deepEqual((await menuLabels(page, 'apps')).sort(), [X.app, X.i10n].sort(), 'Apps menu');
  assert.deepEqual(await menuLabels(page, 'directory'), ['People', 'Groups', X.dirApp], 'Directory menu');
  await page.click('#menu-button-apps');
  await seesText(page.locator('#menu-apps'), X.app, 'Apps menu (open)');
  await assertNoTraces(page, 'Apps menu');
  await page.keyboard.press('Escape');
  await openApp(page, 'apps', X.app, id.app);
  assert.equal(await page.locator(`iframe[data-app-id="${id.app}"]`).getAttribute('title'), X.app, 'frame title');
  assert.equal(await page.title(), `${X.app} · Portico`);
  await openApp(page, 'directory', X.dirApp, id.dirApp);
  assert.equal(await page.locator(`iframe[data-app-id="${id.dirApp}"]`).getAttribute('title'), X.dirApp);
  await assertNoTraces(page, 'apps opened');
});

xssTest('shell: a widget\'s name on its tab in the side panel', async (page) => {
  await shellSign(page);
  await page.getByRole('navigation', { name: 'Side panels' }).getByRole('button', { name: 'Apps' }).click();
  await seesText(page.locator('#widget-tabs'), X.widget, 'widget tab');
  assert.equal(await page.getByRole('tab', { name: X.widget, exact: true }).getAttribute('aria-selected'), 'true', 'the tab is named by it');
  assert.equal(await page.locator(`iframe[data-app-id="${id.widget}"]`).getAttribute('title'), X.widget);
  await assertNoTraces(page, 'side panel');
});

xssTest('shell: an app\'s i10n localized name in the menu and the frame title', async (page) => {
  await shellSign(page);
  const labels = await menuLabels(page, 'apps');
  assert.ok(labels.includes(X.i10n), `the localized name is used: ${JSON.stringify(labels)}`);
  assert.ok(!labels.includes(I10N_BASE));
  await openApp(page, 'apps', X.i10n, id.i10n);
  assert.equal(await page.locator(`iframe[data-app-id="${id.i10n}"]`).getAttribute('title'), X.i10n);
  await assertNoTraces(page, 'i10n app');
});

xssTest('shell: names in the Directory\'s People list and on a person\'s page', async (page) => {
  await shellSign(page, '#/directory/people');
  const list = page.getByRole('list', { name: 'People' });
  await seesText(list, X.member, 'People list');
  await seesText(list, X.other, 'People list');
  await assertNoTraces(page, 'People list');
  await page.goto(`${server.url}/#/directory/people/${id.other}`);
  await seesText(page.locator('#profile-name'), X.other, 'person page');
  await assertNoTraces(page, 'person page');
});

xssTest('shell: group name, description and member names in the Directory\'s Groups list and on the group\'s page', async (page) => {
  await shellSign(page, '#/directory/groups');
  const list = page.getByRole('list', { name: 'Groups' });
  await seesText(list, X.group, 'Groups list');
  await seesText(list, X.groupDesc, 'Groups list, description');
  await assertNoTraces(page, 'Groups list');
  await list.getByRole('link').filter({ hasText: 'group-name' }).click();
  await seesText(page.locator('#group-name'), X.group, 'group page');
  await seesText(page.locator('.group-description'), X.groupDesc, 'group page, description');
  await seesText(page.getByRole('list', { name: 'Members' }), X.member, 'group members');
  await assertNoTraces(page, 'group page');
});

xssTest('shell: a toast\'s title and message from the test app, its source (the app\'s name), and "Opened by" in the help panel', async (page) => {
  await shellSign(page, `#/apps/${id.app}`);
  const { frame } = await shownFrame(page, id.app);
  await frame.evaluate(([title, message]) => { window.toastArgs = [title, message, { type: 'error', timeout: 0, markdownMessage: true }]; }, [X.toastTitle, X.toastMessage]);
  await frame.click('#toast');
  const toast = page.locator('.toast');
  await toast.first().waitFor();
  await seesText(toast, X.toastTitle, 'toast title');
  await seesText(toast, X.toastMessage, 'toast message');
  await seesText(toast, X.app, 'toast source');
  assert.equal(await toast.locator('.toast-title').textContent(), X.toastTitle);
  assert.equal(await toast.locator('.toast-message').textContent(), X.toastMessage);
  await assertNoTraces(page, 'toast');
  await toast.getByRole('button', { name: 'Dismiss notification' }).click();
  await toast.waitFor({ state: 'detached' });
  await frame.click('#help');
  await seesText(page.locator('#help-panel'), `Opened by ${X.app}`, 'help panel');
  await assertNoTraces(page, 'help panel');
});
