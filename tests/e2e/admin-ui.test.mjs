// Browser tests of the admin UI at /admin/: the seed procedure
// (../shared/seed/set-up-custom-client-application.txt) word for word, its error
// paths, the warnings, and the Roles / Groups / People pages.
// Run: PORTICO_BIN=/path/to/portico node --test admin-ui.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_EMAIL, ADMIN_PASSWORD } from './lib/server.mjs';
import { launchBrowser, withPage, allowProblems } from './lib/browser.mjs';
import { TYPE_ID, TYPE_NAME, HTTP_4XX, ok, adminLink, adminSignIn, saveAndWait, followSeed } from './lib/admin-ui.mjs';

let server; let admin; let browser;

before(async () => {
  server = await startServer();
  admin = await server.login();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

// ---- helpers -----------------------------------------------------------------

const uniq = (s) => `${s} ${Math.random().toString(36).slice(2, 7)}`;
const createRole = (name) => ok(admin.post('/api/v2/authorization/roles', { name, description: '', permissionPolicies: [] }), `create role ${name}`);
const createGroup = (name, type = 'official') => ok(admin.post('/api/v2/groups', { name, type, description: '' }), `create group ${name}`);
const createUser = (name, email) => ok(admin.post('/api/v2/users', { name, email, password: 'a long enough password 1' }), `create user ${email}`);
const install = () => ok(admin.post('/api/v2/integrations', { integrationType: { id: TYPE_ID } }), 'install');
const config = (id) => ok(admin.get(`/api/v2/integrations/${id}/config/current`), 'get config');

/** Signs in through the admin login form (lib/admin-ui.mjs) at PATH. */
const signIn = (page, path = '/admin/', email = ADMIN_EMAIL, password = ADMIN_PASSWORD) => adminSignIn(page, server.url, path, email, password);

async function openIntegration(page, id, tab = '') {
  await signIn(page, `/admin/integrations/${id}${tab ? `/${tab}` : ''}`);
  await page.getByRole('tab', { name: 'Details' }).waitFor();
}

/** Whether the page's beforeunload handler would make the browser ask before closing. */
const beforeUnloadBlocked = (page) => page.evaluate(() => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
});
const fieldError = (page, name) => page.locator(`[data-field="${name}"] .field-error`);

// ---- the seed, step by step ------------------------------------------------------

test('the seed procedure, from login to "Yes"', async (t) => {
  // There must be no integration yet, for "Add New Integration" (step 3 note).
  const existing = await ok(admin.get('/api/v2/integrations?pageSize=100'), 'list');
  for (const it of existing.entities) await ok(admin.delete(`/api/v2/integrations/${it.id}`), 'delete');
  const role = await createRole(uniq('Board Users'));
  const official = await createGroup(uniq('Support Agents'));
  const social = await createGroup(uniq('Support Social Club'), 'social');

  await withPage(browser, t, async (page) => {
    // Steps 1-17 word for word, each checked in the page and in what the server stored (lib/admin-ui.mjs).
    await followSeed(page, {
      server, admin, name: 'Team Board', role, group: official, groupSearch: 'Support', social,
      url: 'https://apps.example.com/board?lang={{gcLangTag}}', type: 'standalone', category: 'Directory',
      sandbox: 'allow-scripts,allow-forms,allow-popups',
    });
  });
});

test('Permissions: "Other" shows every role and "Add new role" creates one in place', async (t) => {
  const names = [];
  for (let i = 0; i < 7; i++) names.push((await createRole(uniq(`Zeta Role ${i}`))).name);
  const it = await install();
  await withPage(browser, t, async (page) => {
    await openIntegration(page, it.id);
    const permissions = page.getByRole('group', { name: 'Permissions' });
    const last = permissions.getByRole('checkbox', { name: names[6] });
    assert.equal(await last.isVisible(), false, 'not every role is offered before "Other"');
    await permissions.getByRole('button', { name: 'Other' }).click();
    await last.check();
    const newName = uniq('Board Viewers');
    await permissions.getByRole('button', { name: 'Add new role' }).click();
    await page.getByLabel('New role name').fill(newName);
    await page.getByRole('button', { name: 'Create role' }).click();
    await permissions.getByRole('checkbox', { name: newName, checked: true }).waitFor();
    await saveAndWait(page);
    const roles = await ok(admin.get('/api/v2/authorization/roles?pageSize=500'), 'roles');
    const created = roles.entities.find((r) => r.name === newName);
    assert.ok(created, 'the new role exists for everyone');
    const after = await ok(admin.get(`/api/v2/integrations/${it.id}`), 'get');
    assert.deepEqual(after.roles.map((r) => r.name).sort(), [names[6], newName].sort());
  });
});

// ---- errors (issue 4, item 5) ---------------------------------------------------------

test('a URL the server refuses: the message is next to Application URL, the typed value stays, nothing is saved', async (t) => {
  const it = await install();
  const before = await config(it.id);
  const bad = 'ftp://apps.example.com/board';
  // What the server says about it, to find the same words in the page.
  const probe = await admin.put(`/api/v2/integrations/${it.id}/config/current`, { ...before, properties: { url: bad } });
  assert.equal(probe.status, 400);
  const detail = probe.body.details.find((d) => /url/.test(d.fieldName));
  assert.ok(detail, `the server names the field: ${JSON.stringify(probe.body)}`);
  await withPage(browser, t, async (page) => {
    allowProblems(page, HTTP_4XX);
    await openIntegration(page, it.id, 'configuration');
    await page.getByRole('tab', { name: 'Configuration', selected: true }).waitFor();
    await page.getByLabel('Application URL').fill(bad);
    await page.getByLabel('Iframe Sandbox Options').fill('allow-forms');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const err = fieldError(page, 'properties.url');
    await err.waitFor();
    // The server's own words (without the leading "properties.url: ", which the label already says).
    const i = probe.body.details.indexOf(detail);
    const said = (probe.body.errors?.[i]?.message || probe.body.message).replace(/^[\w.]+: /, '').toLowerCase();
    assert.ok((await err.innerText()).toLowerCase().includes(said), `${await err.innerText()} / ${said}`);
    assert.equal(await page.getByLabel('Application URL').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Application URL').inputValue(), bad);
    assert.equal(await page.getByLabel('Iframe Sandbox Options').inputValue(), 'allow-forms');
    await page.getByRole('alert').filter({ hasText: 'not saved' }).waitFor();
    const afterCfg = await config(it.id);
    assert.equal(afterCfg.version, before.version);
    assert.deepEqual(afterCfg.properties, before.properties);
    // Fixing the value and saving again works and clears the error.
    await page.getByLabel('Application URL').fill('https://apps.example.com/board');
    await saveAndWait(page);
    assert.equal(await err.isVisible(), false);
    assert.equal((await config(it.id)).properties.url, 'https://apps.example.com/board');
  });
});

test('a sandbox option the server refuses is shown next to Iframe Sandbox Options', async (t) => {
  const it = await install();
  await withPage(browser, t, async (page) => {
    allowProblems(page, HTTP_4XX);
    await openIntegration(page, it.id, 'configuration');
    await page.getByLabel('Application URL').fill('https://apps.example.com/x');
    await page.getByLabel('Iframe Sandbox Options').fill('allow-scripts,allow-everything');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await fieldError(page, 'properties.sandbox').waitFor();
    assert.match(await fieldError(page, 'properties.sandbox').innerText(), /allow-everything|sandbox/i);
    assert.equal(await page.getByLabel('Iframe Sandbox Options').inputValue(), 'allow-scripts,allow-everything');
    assert.equal((await config(it.id)).version, 1);
  });
});

test('a stale version says someone else saved first and offers to reload', async (t) => {
  const it = await install();
  await withPage(browser, t, async (page) => {
    allowProblems(page, HTTP_4XX);
    await openIntegration(page, it.id, 'configuration');
    // Someone else saves while the page is open.
    const cfg = await config(it.id);
    await ok(admin.put(`/api/v2/integrations/${it.id}/config/current`, { ...cfg, properties: { url: 'https://other.example.com/' } }), 'other save');
    await page.getByLabel('Application URL').fill('https://mine.example.com/');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Someone else saved' });
    await banner.waitFor();
    assert.equal(await page.getByLabel('Application URL').inputValue(), 'https://mine.example.com/', 'what was typed stays');
    assert.equal((await config(it.id)).properties.url, 'https://other.example.com/');
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.getByText('Loaded the latest version.').waitFor();
    assert.equal(await page.getByLabel('Application URL').inputValue(), 'https://other.example.com/');
    // And now a save goes through.
    await page.getByLabel('Application URL').fill('https://mine.example.com/');
    await saveAndWait(page);
    assert.equal((await config(it.id)).properties.url, 'https://mine.example.com/');
  });
});

test('activating while the URL is missing is refused and says why', async (t) => {
  const it = await install();
  await withPage(browser, t, async (page) => {
    allowProblems(page, HTTP_4XX);
    await openIntegration(page, it.id);
    await page.getByRole('switch', { name: 'Inactive', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes' }).click();
    await page.getByRole('alert').filter({ hasText: 'not activated' }).waitFor();
    assert.equal(await page.getByRole('switch', { name: 'Inactive', exact: true }).getAttribute('aria-checked'), 'false');
    assert.equal((await ok(admin.get(`/api/v2/integrations/${it.id}`), 'get')).intendedState, 'DISABLED');
  });
});

test('leaving with unsaved changes asks first (links, Back, closing the tab)', async (t) => {
  const it = await install();
  await withPage(browser, t, async (page) => {
    await signIn(page, '/admin/integrations');
    await page.getByRole('link', { name: TYPE_NAME }).first().click();
    await page.getByRole('tab', { name: 'Details' }).waitFor();
    const url = page.url();
    await page.getByLabel('Name', { exact: true }).fill('Changed name');
    // An in-app link.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Integrations' }).click();
    let dlg = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dlg.getByRole('button', { name: 'Stay on this page' }).click();
    assert.equal(page.url(), url);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Changed name');
    // The browser's Back button.
    await page.goBack();
    dlg = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dlg.getByRole('button', { name: 'Stay on this page' }).click();
    await page.waitForFunction((u) => location.href === u, url);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Changed name');
    // Closing or reloading the tab: the beforeunload handler asks the browser to confirm.
    assert.equal(await beforeUnloadBlocked(page), true);
  });
  // Leaving on purpose works, and nothing was saved.
  await withPage(browser, t, async (page) => {
    await openIntegration(page, it.id);
    await page.getByLabel('Name', { exact: true }).fill('Changed name');
    await adminLink(page).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    assert.equal(await beforeUnloadBlocked(page), false, 'no question once the changes are gone');
    assert.equal((await config(it.id)).name, TYPE_NAME);
  });
});

// ---- warnings (issue 4, item 6) ----------------------------------------------------------

test('warnings: no role or no group means nobody sees the app; allow-scripts with allow-same-origin', async (t) => {
  const role = await createRole(uniq('Warn Role'));
  const grp = await createGroup(uniq('Warn Group'));
  const it = await install();
  await withPage(browser, t, async (page) => {
    await openIntegration(page, it.id);
    const noRole = page.getByText('No role is selected, so nobody will see this app.');
    await noRole.waitFor();
    await page.getByRole('group', { name: 'Permissions' }).getByRole('checkbox', { name: role.name }).check();
    await noRole.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: 'Configuration' }).click();
    const noGroup = page.getByText('No group is selected, so nobody will see this app.');
    await noGroup.waitFor();
    await page.getByRole('button', { name: 'Select Groups' }).click();
    await page.getByRole('searchbox', { name: 'Search official groups' }).fill(grp.name);
    await page.getByRole('checkbox', { name: grp.name }).check();
    await noGroup.waitFor({ state: 'hidden' });
    const sandboxWarning = page.getByText('allow-scripts together with allow-same-origin lets the app remove its own sandbox.');
    const sandbox = page.getByLabel('Iframe Sandbox Options');
    await sandbox.fill('allow-scripts');
    assert.equal(await sandboxWarning.isVisible(), false);
    // The offered options add themselves to the list.
    await page.getByRole('button', { name: 'allow-same-origin' }).click();
    assert.equal(await sandbox.inputValue(), 'allow-scripts,allow-same-origin');
    await sandboxWarning.waitFor();
    await page.getByRole('button', { name: 'allow-scripts' }).click();
    assert.equal(await sandbox.inputValue(), 'allow-same-origin');
    await sandboxWarning.waitFor({ state: 'hidden' });
  });
});

// ---- licensing --------------------------------------------------------------------------

test('a type the org may not install shows the reason and "Contact your sales representative"', async (t) => {
  const org = uniq('Small Co');
  const email = `admin-${Date.now()}@small.example.com`;
  let r = server.cli(['org', 'create', '--name', org, '--level', '1']);
  assert.equal(r.status, 0, r.stderr);
  r = server.cli(['user', 'add', '--org', org, '--email', email, '--name', 'Small Admin', '--password', ADMIN_PASSWORD, '--role', 'Master Admin']);
  assert.equal(r.status, 0, r.stderr);
  await withPage(browser, t, async (page) => {
    await signIn(page, '/admin/integrations/new', email, ADMIN_PASSWORD);
    const card = page.getByRole('article', { name: TYPE_NAME });
    await card.waitFor();
    await card.getByText('Contact your sales representative').waitFor();
    assert.match(await card.innerText(), /subscription level|license/i);
    assert.equal(await card.getByRole('button', { name: 'Install' }).count(), 0);
  });
});

// ---- roles, groups, people ---------------------------------------------------------------

test('People, Groups and Roles pages: add a person, an official group with a member, a role with permissions and a holder', async (t) => {
  const email = `grace-${Date.now()}@example.com`;
  const groupName = uniq('Field Team');
  const roleName = uniq('Integration Viewers');
  await withPage(browser, t, async (page) => {
    allowProblems(page, HTTP_4XX);
    await signIn(page);
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByLabel('Full name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Initial password').fill('a long enough password 2');
    await page.getByRole('button', { name: 'Add person' }).last().click();
    await page.getByRole('row', { name: /Grace Hopper/ }).waitFor();
    const users = await ok(admin.get('/api/v2/users?pageSize=500'), 'users');
    const grace = users.entities.find((u) => u.email === email);
    assert.ok(grace);
    // The same email again: the server's message appears, the form keeps what was typed.
    await page.getByRole('button', { name: 'Add person' }).first().click();
    await page.getByLabel('Full name').fill('Grace Again');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Initial password').fill('a long enough password 2');
    await page.getByRole('button', { name: 'Add person' }).last().click();
    await page.locator('#add-person .field-error:visible, #add-person [role=alert]').first().waitFor();
    assert.equal(await page.getByLabel('Full name').inputValue(), 'Grace Again');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await adminLink(page).click();
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByLabel('Group name').fill(groupName);
    assert.equal(await page.getByLabel('Group type').inputValue(), 'official');
    await page.getByRole('button', { name: 'Create group' }).last().click();
    await page.getByRole('link', { name: groupName }).click();
    await page.getByLabel('Person').selectOption({ label: `Grace Hopper (${email})` });
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Remove Grace Hopper' }).waitFor();
    const groups = await ok(admin.get('/api/v2/groups?pageSize=500'), 'groups');
    const g = groups.entities.find((x) => x.name === groupName);
    assert.equal(g.type, 'official');
    const members = await ok(admin.get(`/api/v2/groups/${g.id}/members`), 'members');
    assert.deepEqual(members.entities.map((m) => m.id), [grace.id]);

    await adminLink(page).click();
    await page.getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByLabel('Role name').fill(roleName);
    await page.getByRole('group', { name: 'integrations:integration' }).getByRole('checkbox', { name: 'view' }).check();
    await page.getByRole('button', { name: 'Create role' }).last().click();
    await page.getByRole('heading', { name: roleName, level: 1 }).waitFor();
    await page.getByLabel('Person').selectOption({ label: `Grace Hopper (${email})` });
    await page.getByRole('button', { name: 'Assign role' }).click();
    await page.getByRole('list').getByText('Grace Hopper').waitFor();
    const roles = await ok(admin.get('/api/v2/authorization/roles?pageSize=500'), 'roles');
    const role = roles.entities.find((r) => r.name === roleName);
    assert.deepEqual(role.permissionPolicies.map((p) => [p.domain, p.entityName, p.actionSet]), [['integrations', 'integration', ['view']]]);
    const holders = await ok(admin.get(`/api/v2/authorization/roles/${role.id}/users`), 'role users');
    assert.ok(holders.entities.some((u) => u.id === grace.id));
    await page.getByRole('button', { name: 'Remove the role from Grace Hopper' }).click();
    await page.getByText('Nobody has this role yet.').waitFor();
    const left = await ok(admin.get(`/api/v2/authorization/roles/${role.id}/users`), 'role users');
    assert.ok(!left.entities.some((u) => u.id === grace.id));
    // And out of the group again.
    await page.goto(`${server.url}/admin/groups/${g.id}`);
    await page.getByRole('button', { name: 'Remove Grace Hopper' }).click();
    await page.getByText('This group has no members yet.').waitFor();
    assert.deepEqual((await ok(admin.get(`/api/v2/groups/${g.id}/members`), 'members')).entities, []);
  });
});

// ---- keyboard and small screens -------------------------------------------------------------

test('keyboard: tabs move with the arrow keys, the switch and its dialog work without a mouse', async (t) => {
  const it = await install();
  await withPage(browser, t, async (page) => {
    await openIntegration(page, it.id);
    await page.getByRole('tab', { name: 'Details' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Configuration', selected: true }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Configuration');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('tab', { name: 'Details', selected: true }).waitFor();
    await page.getByRole('switch', { name: 'Inactive', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'switch');
    assert.equal((await ok(admin.get(`/api/v2/integrations/${it.id}`), 'get')).intendedState, 'DISABLED');
  });
});

test('every page fits a phone-sized window without sideways scrolling', async (t) => {
  const it = await install();
  await withPage(browser, t, async (page) => {
    await signIn(page);
    for (const path of ['/admin/', '/admin/integrations', '/admin/integrations/new', `/admin/integrations/${it.id}`,
      `/admin/integrations/${it.id}/configuration`, '/admin/roles', '/admin/groups', '/admin/people']) {
      await page.goto(server.url + path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(sw <= iw, `${path}: page is ${sw}px wide in a ${iw}px window`);
    }
  }, { viewport: { width: 390, height: 844 } });
});
