// Steps of the admin UI (/admin/) shared by the browser tests: signing in, the seed procedure
// (../shared/seed/set-up-custom-client-application.txt) word for word, and small helpers.
// Used by admin-ui.test.mjs (the seed and its error paths), seed-to-shell.test.mjs (the seed,
// then the workspace) and xss-as-text.test.mjs.
import assert from 'node:assert/strict';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';
import { allowProblems } from './browser.mjs';

export const TYPE_ID = 'embedded-client-app';
export const TYPE_NAME = 'Custom Client Application';
// The browser logs every 4xx answer as a console error; these are expected where a test provokes them.
export const HTTP_4XX = /Failed to load resource: the server responded with a status of 4\d\d/;
export const HTTP_401 = /Failed to load resource: the server responded with a status of 401/;

/** Awaits an API call of a Session and fails unless it answered 2xx; answers the body. */
export async function ok(resPromise, what) {
  const r = await resPromise;
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Seed step 1: "Admin" in the top bar. */
export const adminLink = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true });

/** Signs in through the admin login form at BASEURL+PATH (the 401 of /users/me before that is expected). */
export async function adminSignIn(page, baseUrl, path = '/admin/', email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  allowProblems(page, HTTP_401);
  await page.goto(baseUrl + path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await adminLink(page).waitFor();
}

/** Clicks Save and waits for the "Saved." toast. */
export async function saveAndWait(page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.', { exact: true }).waitFor();
}

/** The words of seed step 11 -> the stored featureCategory, and the category column of the list. */
const CATEGORIES = {
  '': { value: '', column: 'Apps menu' },
  Directory: { value: 'directory', column: 'Directory menu' },
  ContactCenterInsights: { value: 'contactCenterInsights', column: 'Performance menu' },
};

/**
 * The seed procedure, word for word, in the admin UI, from login to "Yes", asserting each step
 * (in the page, and what the server stored). Answers the new integration's id.
 *   server, admin: the Server and an admin Session (for the checks through the API)
 *   name: seed step 6 (optional rename); role: step 7 (an existing role, {id, name});
 *   url, type ('standalone' | 'widget'), category ('' = make no selection, 'Directory',
 *   'ContactCenterInsights'), sandbox: steps 9-12; group: step 13 (an official group, {id, name}),
 *   groupSearch: what to type in the group search (default: the group's name), social: a group
 *   of another type that the search also matches, which must not be offered.
 */
export async function followSeed(page, { server, admin, name, role, url, type, category, sandbox, group, groupSearch, social }) {
  const installed = (await ok(admin.get('/api/v2/integrations?pageSize=100'), 'list')).entities.length;
  await adminSignIn(page, server.url);
  // 1. Click Admin.
  await adminLink(page).click();
  // 2. Under Integrations, click Integrations.
  await page.getByRole('region', { name: 'Integrations' }).getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  // 3. Click Add Integration ("Add New Integration" while none is configured).
  await page.getByRole('link', { name: installed ? 'Add Integration' : 'Add New Integration', exact: true }).click();
  const card = page.getByRole('article', { name: TYPE_NAME });
  await card.waitFor();
  // 4. Type all or part of its name in the search box: the cards filter as you type.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.pressSequentially('zzz-no-such');
  await card.waitFor({ state: 'hidden' });
  await page.getByText('No app matches your search.').waitFor();
  await search.fill('');
  await search.pressSequentially('client app');
  await card.waitFor();
  // 5. On the tile, click Install.
  await card.getByRole('button', { name: 'Install' }).click();
  await page.getByRole('tab', { name: 'Details', selected: true }).waitFor();
  const id = new URL(page.url()).pathname.split('/')[3];
  assert.match(id, /\S+/);
  // The page is a real address: a reload keeps it (and the CSRF token from /users/me).
  await page.reload();
  await page.getByRole('tab', { name: 'Details', selected: true }).waitFor();
  // 6. (Optional) Use the Name box to give the app a different name.
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), TYPE_NAME);
  await page.getByLabel('Name', { exact: true }).fill(name);
  // 7. Under Permissions, click one of the roles that appears.
  const permissions = page.getByRole('group', { name: 'Permissions' });
  await permissions.getByRole('checkbox', { name: role.name }).check();
  // 8. Click the Configuration tab.
  await page.getByRole('tab', { name: 'Configuration' }).click();
  // 9. In the Application URL box, type the URL.
  await page.getByLabel('Application URL').fill(url);
  // 10. In the Application Type list, select standalone or widget.
  await page.getByLabel('Application Type').selectOption(type);
  // 11. From the Application Category list, select a category (or make no selection: the Apps menu).
  const cat = CATEGORIES[category || ''];
  assert.ok(cat, `unknown category ${category}`);
  if (category) await page.getByLabel('Application Category').selectOption({ label: category });
  // 12. Iframe Sandbox Options: a comma-separated list.
  await page.getByLabel('Iframe Sandbox Options').fill(sandbox);
  // 13. Click Select Groups, and search for the official groups: only official ones are offered.
  await page.getByRole('button', { name: 'Select Groups' }).click();
  const groupSearchBox = page.getByRole('searchbox', { name: 'Search official groups' });
  await groupSearchBox.fill(groupSearch || group.name);
  await page.getByRole('checkbox', { name: group.name }).waitFor();
  if (social) assert.equal(await page.getByRole('checkbox', { name: social.name }).count(), 0, 'a social group is not offered');
  await page.getByRole('checkbox', { name: group.name }).check();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: `Remove ${group.name}` }).waitFor();
  // 14. Click Save.
  await saveAndWait(page);
  const cfg = await ok(admin.get(`/api/v2/integrations/${id}/config/current`), 'get config');
  assert.equal(cfg.name, name);
  assert.equal(cfg.properties.url, url);
  assert.equal(cfg.properties.displayType, type);
  assert.equal(cfg.properties.featureCategory || '', cat.value);
  assert.equal(cfg.properties.sandbox, sandbox);
  assert.deepEqual(cfg.properties.groups, [group.id]);
  let it = await ok(admin.get(`/api/v2/integrations/${id}`), 'get');
  assert.deepEqual(it.roles.map((r) => r.id), [role.id]);
  assert.equal(it.name, name);
  // 15. Click the Details tab.
  await page.getByRole('tab', { name: 'Details' }).click();
  // 16. Click the Inactive switch: a confirmation is asked; "No" changes nothing.
  await page.getByRole('switch', { name: 'Inactive', exact: true }).click();
  let dlg = page.getByRole('dialog');
  await dlg.getByRole('button', { name: 'No' }).click();
  await dlg.waitFor({ state: 'detached' });
  assert.equal((await ok(admin.get(`/api/v2/integrations/${id}`), 'get')).intendedState, 'DISABLED');
  assert.equal(await page.getByRole('switch', { name: 'Inactive', exact: true }).getAttribute('aria-checked'), 'false');
  // 17. Click Yes to confirm.
  await page.getByRole('switch', { name: 'Inactive', exact: true }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByRole('button', { name: 'Yes' }).click();
  await page.getByRole('switch', { name: 'Active', exact: true }).waitFor();
  assert.equal(await page.getByRole('switch', { name: 'Active', exact: true }).getAttribute('aria-checked'), 'true');
  it = await ok(admin.get(`/api/v2/integrations/${id}`), 'get');
  assert.equal(it.intendedState, 'ENABLED');
  assert.equal(it.reportedState.code, 'ACTIVE');
  // The list now shows it, active, under its category, and the button reads "Add Integration".
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Integrations' }).click();
  const row = page.getByRole('row', { name })
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  await row.waitFor();
  assert.match(await row.innerText(), /Active/);
  assert.ok((await row.innerText()).includes(cat.column), `the list says ${cat.column}: ${await row.innerText()}`);
  await page.getByRole('link', { name: 'Add Integration', exact: true }).waitFor();
  return id;
}
