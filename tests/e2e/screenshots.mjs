// Saves screenshots of every admin page at 1280x800 and 390x844 to
// tests/e2e/artifacts/screens/, for reviewing the look of the UI.
// Run: PORTICO_BIN=... node screenshots.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { launchBrowser, ARTIFACTS } from './lib/browser.mjs';

const out = join(ARTIFACTS, 'screens');
mkdirSync(out, { recursive: true });
const server = await startServer();
const admin = await server.login();
const browser = await launchBrowser();
try {
  for (const n of ['App Users', 'Supervisors', 'Agents', 'Quality Reviewers']) await admin.post('/api/v2/authorization/roles', { name: n, description: `People who are ${n.toLowerCase()}`, permissionPolicies: [] });
  for (const [n, t] of [['Support Agents', 'official'], ['Sales', 'official'], ['Book Club', 'social']]) await admin.post('/api/v2/groups', { name: n, type: t, description: '' });
  const shots = [];
  for (const [w, hgt] of [[1280, 800], [390, 844]]) {
    const context = await browser.newContext({ viewport: { width: w, height: hgt } });
    const page = await context.newPage();
    const shot = async (name, full = false) => { const p = join(out, `${w}-${name}.png`); await page.screenshot({ path: p, fullPage: full }); shots.push(p); };
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email').waitFor();
    await shot('login');
    await page.getByLabel('Email').fill('admin@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    await shot('home');
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot('integrations-empty');
    await page.goto(`${server.url}/admin/integrations/new`);
    await page.getByRole('button', { name: 'Install' }).waitFor();
    await shot('catalog');
    const it = (await admin.post('/api/v2/integrations', { integrationType: { id: 'embedded-client-app' } })).body;
    await page.goto(`${server.url}/admin/integrations/${it.id}`);
    await page.getByRole('tab', { name: 'Details' }).waitFor();
    await shot('details', true);
    await page.getByRole('button', { name: 'Add new role' }).click();
    await page.getByRole('button', { name: 'Other' }).click();
    await shot('details-other', true);
    await page.getByRole('tab', { name: 'Configuration' }).click();
    await page.getByLabel('Application URL').fill('ftp://nope');
    await page.getByLabel('Iframe Sandbox Options').fill('allow-scripts,allow-same-origin');
    await page.getByRole('button', { name: 'Select Groups' }).click();
    await page.getByRole('checkbox', { name: 'Support Agents' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await shot('configuration-error', true);
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByRole('switch').click();
    await page.getByRole('dialog').waitFor();
    await shot('confirm');
    await page.getByRole('button', { name: 'No' }).click();
    await page.getByRole('tab', { name: 'Configuration' }).click();
    await page.getByLabel('Application URL').fill('https://apps.example.com/');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByRole('row').nth(1).waitFor();
    await shot('integrations');
    for (const p of ['roles', 'groups', 'people']) {
      await page.goto(`${server.url}/admin/${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.locator('.page-actions button').click();
      await shot(p, true);
    }
    await context.close();
  }
  console.log(shots.join('\n'));
} finally {
  await browser.close();
  await server.dispose();
}
