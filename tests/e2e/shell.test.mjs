// Browser tests of the workspace shell at `/` (issue 5), and the end of the seed procedure
// (issue 4 item 9: a member of the chosen group with the chosen role sees the app where its type
// and category put it; a non-member does not). Runs a real Portico and test apps built on the
// unmodified npm purecloud-client-app-sdk, each on its own 127.0.0.1 port (so its own origin).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, withPage, allowProblems } from './lib/browser.mjs';
import { startTestApp } from './lib/test-app.mjs';
import { shellSignIn, menuLabels, openApp, shownFrame, assertCsp, toastTexts } from './lib/shell-ui.mjs';

const PASSWORD = 'correct horse battery staple 2';
// Icons must be https: (the server refuses other schemes); the browser answers this host itself.
const ICON = 'https://icons.portico.test/alpha.svg';
const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#e0533d"/></svg>';
const ALL_HOOKS = { lifecycle: { hooks: { bootstrap: true, focus: true, blur: true, stop: true } } };

let server; let admin; let browser;
let A; let B; let C; let D; // test app servers: four origins
const id = {};   // people, groups, roles
const app = {};  // integration ids by short name
const people = {
  member: ['Mia Member', 'mia@example.com'],
  outsider: ['Oscar Outsider', 'oscar@example.com'], // has the role, not in the group
  grouponly: ['Gale Grouponly', 'gale@example.com'], // in the group, not the role
  other: ['Olga Other', 'olga@example.com'],        // the role, and another group
};

function must(res, what, ...ok) {
  const want = ok.length ? ok : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function createApp(name, props, { advanced = {}, enable = true, roles = [id.role] } = {}) {
  const created = must(await admin.post('/api/v2/integrations', { integrationType: { id: 'embedded-client-app' }, name, roles: roles.map((r) => ({ id: r })) }), `create ${name}`);
  const cur = must(await admin.get(`/api/v2/integrations/${created.id}/config/current`), `config of ${name}`);
  const properties = { displayType: 'standalone', featureCategory: '', sandbox: 'allow-scripts,allow-same-origin', permissions: '', groups: [id.support], ...props };
  must(await admin.put(`/api/v2/integrations/${created.id}/config/current`, { name, version: cur.version, properties, advanced, notes: '', credentials: {} }), `configure ${name}`);
  if (enable) await setState(created.id, 'ENABLED');
  return created.id;
}

async function setState(appId, intendedState) {
  must(await admin.patch(`/api/v2/integrations/${appId}`, { intendedState }), `${intendedState} ${appId}`);
}

before(async () => {
  server = await startServer();
  admin = await server.login();
  [A, B, C, D] = await Promise.all([startTestApp(), startTestApp(), startTestApp(), startTestApp()]);
  browser = await launchBrowser();

  for (const [key, [name, email]] of Object.entries(people)) {
    id[key] = must(await admin.post('/api/v2/users', { name, email, password: PASSWORD }), `create ${email}`).id;
  }
  id.support = must(await admin.post('/api/v2/groups', { name: 'Support Team', type: 'official', description: 'First-line support' }), 'group').id;
  id.otherGroup = must(await admin.post('/api/v2/groups', { name: 'Back Office', type: 'official', description: 'Finance and HR' }), 'group').id;
  must(await admin.post(`/api/v2/groups/${id.support}/members`, { memberIds: [id.member, id.grouponly] }), 'members', 200, 202, 204);
  must(await admin.post(`/api/v2/groups/${id.otherGroup}/members`, { memberIds: [id.other] }), 'members', 200, 202, 204);
  id.role = must(await admin.post('/api/v2/authorization/roles', { name: 'Workspace User', description: 'Uses the workspace apps', permissionPolicies: [] }), 'role').id;
  must(await admin.put(`/api/v2/authorization/roles/${id.role}/users/add`, [id.member, id.outsider, id.other]), 'assign role', 200, 202, 204);

  // Created out of order on purpose: menus sort by name.
  app.beta = await createApp('Beta Notes', {
    url: `${A.url('beta')}&lang={{gcLangTag}}&pcLang={{pcLangTag}}&env={{pcEnvironment}}&keep={{notAToken}}`,
  });
  app.alpha = await createApp('Alpha Tools', {
    url: A.url('alpha'), sandbox: 'allow-scripts,allow-same-origin,allow-forms,allow-modals,allow-popups',
    permissions: 'camera,clipboard-write',
  }, { advanced: { ...ALL_HOOKS, icon: { vector: ICON } } });
  app.slow = await createApp('Slow Starter', { url: A.url('slow', 'answer=no') }, { advanced: { lifecycle: { hooks: { bootstrap: true } } } });
  app.dir = await createApp('Directory Helper', { url: A.url('dirhelper'), featureCategory: 'directory' });
  app.perf = await createApp('Perf Board', { url: B.url('perf'), featureCategory: 'contactCenterInsights', permissions: 'fullscreen' }, {
    advanced: { i10n: { en: { name: 'Performance Board' }, de: { name: 'Leistungstafel' } } },
  });
  app.w2 = await createApp('Widget Two', { url: A.url('w2'), displayType: 'widget' }, { advanced: { lifecycle: { hooks: { focus: true, blur: true } } } });
  app.w1 = await createApp('Widget One', { url: A.url('w1'), displayType: 'widget' }, { advanced: { lifecycle: { hooks: { focus: true, blur: true } } } });
  app.secret = await createApp('Confidential App', { url: C.url('secret'), groups: [id.otherGroup], permissions: 'microphone' });
  app.delta = await createApp('Delta Board', { url: D.url('delta') }, { enable: false });
});

after(async () => {
  await browser?.close();
  await Promise.all([A, B, C, D].filter(Boolean).map((x) => x.close()));
  await server?.dispose();
});

const MEMBER_APP_NAMES = ['Alpha Tools', 'Beta Notes', 'Slow Starter', 'Directory Helper', 'Performance Board', 'Perf Board', 'Widget One', 'Widget Two'];

// ------------------------------------------------------------------ helpers

/** Opens `/` (with HASH) and signs in through the shell's own form; answers the response of `/` after login. */
async function signIn(page, who, hash = '') {
  await page.route('https://icons.portico.test/**', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: ICON_SVG }));
  return shellSignIn(page, server.url, people[who][1], PASSWORD, hash);
}

/** Permissions-Policy as feature -> allowlist text. */
function parsePermissionsPolicy(header) {
  const out = {};
  for (const m of String(header || '').matchAll(/([a-z-]+)=(\([^)]*\)|\*|self)/g)) out[m[1]] = m[2];
  return out;
}

// ------------------------------------------------------------------ headers

test('the CSP of / frames exactly the origins of the apps this user may see, and Permissions-Policy delegates only their features', async () => {
  const fetchRoot = async (email) => {
    const s = await server.login(email, PASSWORD);
    const res = await server.fetch('/', { headers: { cookie: s.cookie } });
    assert.equal(res.status, 200);
    return res.headers;
  };
  const member = await fetchRoot(people.member[1]);
  assertCsp(member.get('content-security-policy'), [A.origin, B.origin]);
  const pp = parsePermissionsPolicy(member.get('permissions-policy'));
  assert.match(pp.camera || '', new RegExp(`"${A.origin}"`), `camera for A: ${member.get('permissions-policy')}`);
  assert.match(pp['clipboard-write'] || '', new RegExp(`"${A.origin}"`));
  assert.match(pp.fullscreen || '', new RegExp(`"${B.origin}"`));
  assert.doesNotMatch(pp.fullscreen || '', new RegExp(A.origin));
  for (const o of [C.origin, D.origin]) assert.ok(!member.get('permissions-policy').includes(o), `no ${o} in Permissions-Policy`);
  assert.ok(!(pp.microphone || '').includes('http'), 'microphone (granted only to an app the member may not see) is delegated to no app');

  for (const who of ['outsider', 'grouponly']) {
    const h = await fetchRoot(people[who][1]);
    assertCsp(h.get('content-security-policy'), []);
    for (const o of [A.origin, B.origin, C.origin, D.origin]) assert.ok(!String(h.get('permissions-policy')).includes(o), `${who}: no ${o}`);
  }
  const other = await fetchRoot(people.other[1]);
  assertCsp(other.get('content-security-policy'), [C.origin]);
  assert.match(parsePermissionsPolicy(other.get('permissions-policy')).microphone || '', new RegExp(`"${C.origin}"`));

  const anon = await server.fetch('/');
  assert.equal(anon.status, 200, 'the sign-in page is served to anyone');
  assertCsp(anon.headers.get('content-security-policy'), []);
});

// ------------------------------------------------------------------ layout

test('issue 4 item 9: a member of the chosen group with the chosen role sees each app under the menu its type and category name, sorted and localized', async (t) => {
  await withPage(browser, t, async (page) => {
    const res = await signIn(page, 'member');
    assertCsp(res.headers()['content-security-policy'], [A.origin, B.origin]);
    assert.deepEqual(await menuLabels(page, 'apps'), ['Alpha Tools', 'Beta Notes', 'Slow Starter']);
    assert.deepEqual(await menuLabels(page, 'directory'), ['People', 'Groups', 'Directory Helper']);
    assert.deepEqual(await menuLabels(page, 'performance'), ['Performance Board']);

    await page.click('#menu-button-apps');
    const icon = page.locator(`#menu-apps .menu-item[data-app-id="${app.alpha}"] img.app-icon`);
    assert.equal(await icon.getAttribute('src'), ICON, 'configured icon');
    await page.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth > 0, `#menu-apps .menu-item[data-app-id="${app.alpha}"] img.app-icon`);
    assert.equal(await page.locator(`#menu-apps .menu-item[data-app-id="${app.beta}"] img`).count(), 0, 'no icon configured: none loaded');
    await page.keyboard.press('Escape');

    await page.click('#widgets-button');
    assert.deepEqual(await page.locator('#widget-tabs [role="tab"] .widget-tab-label').allTextContents(), ['Widget One', 'Widget Two']);
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('Confidential App'), 'an app of another group is not shown');
    assert.ok(!text.includes('Delta Board'), 'an inactive app is not shown');
    assert.ok(!(await page.content()).includes(C.origin), 'nor its origin');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

test('an opened app fills the main area; its frame src has the tokens filled in, and sandbox, allow and title are exactly as configured', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const me = await page.evaluate(() => fetch('/api/v2/users/me').then((r) => r.json()));
    const { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    assert.equal(new URL(page.url()).hash, `#/apps/${app.alpha}`);
    const alpha = page.locator(`iframe[data-app-id="${app.alpha}"]`);
    assert.equal(await alpha.getAttribute('src'), `${A.origin}/app.html?gcHostOrigin=${encodeURIComponent(server.url)}&gcTargetEnv=prod&app=alpha`);
    assert.equal(await alpha.getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms allow-modals allow-popups');
    assert.equal(await alpha.getAttribute('allow'), `camera ${A.origin}; clipboard-write ${A.origin}`);
    assert.equal(await alpha.getAttribute('title'), 'Alpha Tools');
    const box = await alpha.boundingBox();
    assert.ok(box.width > 1000 && box.height > 650, `full frame: ${JSON.stringify(box)}`);
    const loaded = (await frame.evaluate(() => window.received)).find((e) => e.type === 'loaded');
    assert.equal(loaded.env, 'localhost', 'the unmodified SDK accepted the shell as its host');
    assert.equal(await page.locator('iframe').count(), 1, 'only the opened app is framed');

    const { frame: beta } = await openApp(page, 'apps', 'Beta Notes', app.beta);
    const lang = encodeURIComponent(me.languageTag);
    const expected = `${A.origin}/app.html?gcHostOrigin=${encodeURIComponent(server.url)}&gcTargetEnv=prod&app=beta`
      + `&lang=${lang}&pcLang=${lang}&env=${encodeURIComponent(new URL(server.url).host)}&keep={{notAToken}}`;
    const betaFrame = page.locator(`iframe[data-app-id="${app.beta}"]`);
    assert.equal(await betaFrame.getAttribute('src'), expected);
    assert.equal(await betaFrame.getAttribute('sandbox'), 'allow-scripts allow-same-origin');
    assert.ok(!(await betaFrame.getAttribute('allow')), 'no permissions configured: no allow');
    assert.ok(beta);
    assert.ok(!(await alpha.isVisible()), 'the app left is hidden');
  });
});

test('deep link /#/apps/{id} opens the app directly, through sign-in and a reload', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member', `#/apps/${app.dir}`);
    assert.equal(new URL(page.url()).hash, `#/apps/${app.dir}`);
    await shownFrame(page, app.dir);
    await page.reload();
    const { frame } = await shownFrame(page, app.dir);
    assert.match(frame.url(), /app=dirhelper/);
    assert.equal(new URL(page.url()).hash, `#/apps/${app.dir}`);
  });
});

// ------------------------------------------------------------------ host protocol

test('lifecycle: bootstrap after load (shown once bootstrapped), blur when left, focus when back (not on first show)', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { instance } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    await A.waitFor({ instance, hook: 'bootstrap' });
    await page.click('#menu-button-directory');
    await page.locator('#menu-directory .menu-item', { hasText: 'People' }).click();
    await A.waitFor({ instance, hook: 'blur' });
    await page.goBack();
    await A.waitFor({ instance, hook: 'focus' });
    const hooks = A.find({ instance, type: 'hook' }).map((e) => e.hook);
    assert.deepEqual(hooks, ['bootstrap', 'blur', 'focus']);
    assert.equal(A.find({ instance, type: 'loaded' }).length, 1, 'the frame was kept, not reloaded');
  });
});

test('an app that never answers bootstrap stays behind the loading state until the timeout', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    await page.evaluate(() => localStorage.setItem('porticoBootstrapTimeoutMs', '1500'));
    await page.click('#menu-button-apps');
    await page.locator('#menu-apps .menu-item', { hasText: 'Slow Starter' }).click();
    await A.waitFor({ app: 'slow', hook: 'bootstrap' });
    const started = Date.now();
    const wrap = page.locator(`.frame-wrap[data-app-id="${app.slow}"]`);
    assert.ok(await wrap.locator('.frame-loading').isVisible(), 'loading state shown');
    assert.equal(await wrap.evaluate((el) => el.classList.contains('ready')), false);
    assert.equal(await wrap.locator('iframe').evaluate((el) => getComputedStyle(el).visibility), 'hidden');
    await page.locator(`.frame-wrap.ready[data-app-id="${app.slow}"]`).waitFor({ timeout: 5000 });
    assert.ok(Date.now() - started >= 1000, 'shown only after the timeout');
    assert.equal(await wrap.locator('iframe').evaluate((el) => getComputedStyle(el).visibility), 'visible');
  });
});

test('showToast: rendered as text only, typed, de-duplicated by id, with close button and timeout', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    const title = '<b>Bold</b> title';
    const message = '<img src=x onerror="parent.pwned=1">**not markdown**';
    await frame.evaluate(([a, b]) => { window.toastArgs = [a, b, { type: 'error', id: 'job-1', timeout: 0, showCloseButton: true, markdownMessage: true }]; }, [title, message]);
    await frame.click('#toast');
    const toast = page.locator('.toast');
    await toast.first().waitFor();
    assert.deepEqual(await toastTexts(page), [{ title, message }]);
    assert.equal(await page.locator('.toast b, .toast img, .toast strong').count(), 0, 'no HTML was parsed');
    assert.ok(await toast.evaluate((el) => el.classList.contains('toast-error')));
    assert.equal(await toast.locator('.toast-source').textContent(), 'Alpha Tools', 'the toast says which app sent it');

    await frame.evaluate(() => { window.toastArgs = ['Job done', 'Second message', { type: 'success', id: 'job-1', timeout: 0, showCloseButton: true }]; });
    await frame.click('#toast');
    await page.locator('.toast-success').waitFor();
    assert.deepEqual(await toastTexts(page), [{ title: 'Job done', message: 'Second message' }], 'same id: replaced, not added');
    await page.click('.toast .toast-close');
    await toast.waitFor({ state: 'detached' });

    await frame.evaluate(() => { window.toastArgs = ['Quick', 'Gone in a second', { type: 'info', timeout: 1 }]; });
    await frame.click('#toast');
    await page.locator('.toast-info').waitFor();
    assert.equal(await page.locator('.toast-info .toast-close').count(), 0, 'no close button unless asked for');
    await page.locator('.toast-info').waitFor({ state: 'detached', timeout: 3000 });

    await frame.evaluate(() => { window.toastArgs = undefined; });
    await frame.click('#toast'); // SDK defaults: info, 7 s, close button
    await page.locator('.toast-info').waitFor();
    assert.deepEqual(await toastTexts(page), [{ title: 'Hello', message: 'From the test app' }]);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });
});

test('setAttentionCount puts a badge on the app\'s menu entry and its menu; 0 hides it', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    await frame.fill('#arg', '3');
    await frame.click('#badge');
    const menuBadge = page.locator('#menu-button-apps .badge');
    await menuBadge.waitFor({ state: 'visible' });
    assert.equal(await menuBadge.textContent(), '3');
    await page.click('#menu-button-apps');
    assert.equal(await page.locator(`#menu-apps .menu-item[data-app-id="${app.alpha}"] .badge`).textContent(), '3');
    assert.ok(!(await page.locator(`#menu-apps .menu-item[data-app-id="${app.beta}"] .badge`).isVisible()));
    await page.keyboard.press('Escape');
    await frame.fill('#arg', '0');
    await frame.click('#badge');
    await menuBadge.waitFor({ state: 'hidden' });
  });
});

test('showProfile and showGroup open the person\'s and the group\'s page under Directory', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    let { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    await frame.fill('#arg', id.outsider);
    await frame.click('#profile'); // directory.showUser
    await page.waitForURL(`**/#/directory/people/${id.outsider}`);
    await page.locator('#profile-name', { hasText: 'Oscar Outsider' }).waitFor();
    assert.match(await page.locator('.profile').innerText(), /oscar@example\.com/);

    ({ frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha));
    await frame.fill('#arg', id.member);
    await frame.click('#profile2'); // users.showProfile
    await page.waitForURL(`**/#/directory/people/${id.member}`);
    await page.locator('#profile-name', { hasText: 'Mia Member' }).waitFor();

    ({ frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha));
    await frame.fill('#arg', id.support);
    await frame.click('#group');
    await page.waitForURL(`**/#/directory/groups/${id.support}`);
    await page.locator('#group-name', { hasText: 'Support Team' }).waitFor();
    const members = await page.locator('.entity-list .entity-name').allTextContents();
    assert.deepEqual(members, ['Gale Grouponly', 'Mia Member']);

    await page.click('#menu-button-directory');
    await page.locator('#menu-directory .menu-item', { hasText: 'People' }).click();
    await page.waitForURL('**/#/directory/people');
    // The group's member list is replaced by the People list: wait for someone only People shows.
    await page.locator('.entity-list .entity-name', { hasText: 'Oscar Outsider' }).waitFor();
    const names = await page.locator('.entity-list .entity-name').allTextContents();
    for (const [name] of Object.values(people)) assert.ok(names.includes(name), `People lists ${name}`);
    await page.click('#menu-button-directory');
    await page.locator('#menu-directory .menu-item', { hasText: 'Groups' }).click();
    await page.locator('.entity-list .entity-name', { hasText: 'Back Office' }).waitFor();
  });
});

test('openWindow opens http(s) URLs in a new window without opener, and ignores other schemes', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    const target = `${B.origin}/opened.html`;
    await frame.fill('#arg', target);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), frame.click('#open')]);
    await popup.waitForLoadState();
    assert.equal(popup.url(), target);
    assert.equal(await popup.evaluate(() => window.opener), null);
    await popup.close();

    let opened = 0;
    page.context().on('page', () => { opened++; });
    for (const bad of ['javascript:parent.pwned=1', 'data:text/html,hi', 'file:///etc/passwd']) {
      await frame.fill('#arg', bad);
      await frame.click('#open');
    }
    await page.waitForTimeout(700);
    assert.equal(opened, 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });
});

test('showHelp and hideHelp open and close the help panel', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    await frame.click('#help');
    await page.locator('#help-panel').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#help-from').textContent(), 'Opened by Alpha Tools');
    await frame.click('#nohelp');
    await page.locator('#help-panel').waitFor({ state: 'hidden' });
  });
});

test('messages from a frame the shell did not create, or from an app frame at another origin, are ignored', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { frame } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    // 1. Frames nested inside the app, at the app's own origin and at origin B, post to the shell
    // (window.top): the right origin (or not), but not a frame the shell created.
    for (const nested of [A, B]) {
      const before = nested.events.length;
      await frame.fill('#arg', nested.origin);
      await frame.click('#embed');
      await nested.waitFor((e) => e.type === 'foreign-posted' && e.target === 'top' && nested.events.indexOf(e) >= before);
    }
    // A real message after the foreign ones: once it is shown, the foreign ones were handled.
    await frame.evaluate(() => { window.toastArgs = ['LEGIT', 'from the app itself']; });
    await frame.click('#toast');
    await page.locator('.toast-title', { hasText: 'LEGIT' }).waitFor();
    const check = async () => {
      assert.equal(await page.locator('.toast-title', { hasText: 'FOREIGN' }).count(), 0, 'no foreign toast');
      assert.ok(!(await page.locator('#menu-button-apps .badge').isVisible()), 'no foreign badge');
      assert.ok(!page.url().includes('foreign-profile'), 'no foreign navigation');
    };
    await check();

    // 2. The app's own frame navigates to origin B (allowed by frame-src: B hosts another app of
    // this user) and posts to its parent: right source, wrong origin.
    await frame.evaluate(() => { setTimeout(() => document.getElementById('away').click(), 0); });
    await B.waitFor((e) => e.type === 'foreign-posted' && e.target === 'parent');
    await page.waitForTimeout(500);
    await check();
  });
});

test('the Apps side panel has one tab per widget app; switching tabs keeps each frame alive', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    await page.click('#widgets-button');
    await page.locator('#widget-panel').waitFor({ state: 'visible' });
    const tab1 = page.locator('#widget-tabs [role="tab"]', { hasText: 'Widget One' });
    const tab2 = page.locator('#widget-tabs [role="tab"]', { hasText: 'Widget Two' });
    assert.equal(await tab1.getAttribute('aria-selected'), 'true');
    const one = await shownFrame(page, app.w1);
    assert.equal(await page.locator(`iframe[data-app-id="${app.w1}"]`).getAttribute('title'), 'Widget One');

    await tab2.click();
    const two = await shownFrame(page, app.w2);
    assert.equal(await tab2.getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator(`iframe[data-app-id="${app.w1}"]`).count(), 1, 'Widget One is still there');
    assert.ok(!(await page.locator(`iframe[data-app-id="${app.w1}"]`).isVisible()), 'but hidden');
    await A.waitFor({ instance: one.instance, hook: 'blur' });

    await two.frame.fill('#arg', '5');
    await two.frame.click('#badge');
    await page.locator(`#widget-tab-${app.w2} .badge`, { hasText: '5' }).waitFor();
    assert.equal(await page.locator('#widgets-badge').textContent(), '5');

    await tab1.click();
    const again = await shownFrame(page, app.w1);
    assert.equal(again.instance, one.instance, 'the same document: kept alive, not reloaded');
    await A.waitFor({ instance: one.instance, hook: 'focus' });
    assert.equal(A.find({ instance: one.instance, type: 'loaded' }).length, 1);

    // The main area keeps working while the panel is open.
    await openApp(page, 'apps', 'Beta Notes', app.beta);
    assert.ok(await page.locator(`iframe[data-app-id="${app.w1}"]`).isVisible(), 'widget still shown beside the app');
  });
});

// ------------------------------------------------------------------ who sees what

test('a user without the group, or without the role, sees no trace of the apps: not in the page, not in the CSP', async (t) => {
  for (const who of ['outsider', 'grouponly']) {
    await withPage(browser, t, async (page) => {
      const res = await signIn(page, who);
      assertCsp(res.headers()['content-security-policy'], []);
      await page.locator('.empty', { hasText: 'No apps yet' }).waitFor();
      assert.deepEqual(await menuLabels(page, 'apps'), []);
      assert.deepEqual(await menuLabels(page, 'directory'), ['People', 'Groups']);
      assert.deepEqual(await menuLabels(page, 'performance'), []);
      await page.click('#widgets-button');
      assert.equal(await page.locator('#widget-tabs [role="tab"]').count(), 0);
      const html = await page.content();
      for (const name of [...MEMBER_APP_NAMES, 'Confidential App']) assert.ok(!html.includes(name), `${who}: no ${name}`);
      for (const o of [A.origin, B.origin, C.origin]) assert.ok(!html.includes(o), `${who}: no ${o}`);
      assert.equal(await page.locator('iframe').count(), 0);
      // A deep link to an app the user may not see shows nothing of it either.
      await page.goto(`${server.url}/#/apps/${app.alpha}`);
      await page.locator('.notice', { hasText: 'isn’t available' }).waitFor();
      assert.equal(await page.locator('iframe').count(), 0);
      assert.ok(!(await page.content()).includes('Alpha Tools'));
    });
  }
  await withPage(browser, t, async (page) => {
    const res = await signIn(page, 'other');
    assertCsp(res.headers()['content-security-policy'], [C.origin]);
    assert.deepEqual(await menuLabels(page, 'apps'), ['Confidential App']);
    const html = await page.content();
    for (const name of MEMBER_APP_NAMES) assert.ok(!html.includes(name), `other: no ${name}`);
  });
});

// ------------------------------------------------------------------ live

test('live: a deactivated app disappears within 2 s (its frame gets stop), and comes back when reactivated, without a reload', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { instance } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    await page.evaluate(() => { window.notReloaded = true; });
    const entry = `.menu-item[data-app-id="${app.alpha}"]`;

    const t0 = Date.now();
    await setState(app.alpha, 'DISABLED');
    await page.waitForFunction((sel) => !document.querySelector(sel), entry, { timeout: 2000 });
    await page.locator(`iframe[data-app-id="${app.alpha}"]`).waitFor({ state: 'detached', timeout: Math.max(100, 2000 - (Date.now() - t0)) });
    assert.ok(Date.now() - t0 <= 2000, `gone after ${Date.now() - t0} ms`);
    await A.waitFor({ instance, hook: 'stop' }, 1000);
    await page.locator('.notice', { hasText: 'isn’t available' }).waitFor();
    assert.deepEqual(await menuLabels(page, 'apps'), ['Beta Notes', 'Slow Starter']);
    assert.ok(!(await page.content()).includes('Alpha Tools'));

    const t1 = Date.now();
    await setState(app.alpha, 'ENABLED');
    await page.locator(`.frame-wrap.ready[data-app-id="${app.alpha}"]`).waitFor({ timeout: 3000 });
    assert.ok(Date.now() - t1 <= 3000);
    assert.deepEqual(await menuLabels(page, 'apps'), ['Alpha Tools', 'Beta Notes', 'Slow Starter']);
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'an app at a known origin needs no reload');

    // Reconfiguring: renamed live; a new sandbox rebuilds the frame.
    const cur = must(await admin.get(`/api/v2/integrations/${app.beta}/config/current`), 'config');
    must(await admin.put(`/api/v2/integrations/${app.beta}/config/current`, { ...cur, name: 'Beta Notebook', properties: { ...cur.properties, sandbox: 'allow-scripts,allow-same-origin,allow-forms' } }), 'reconfigure');
    await page.locator(`#menu-apps .menu-item[data-app-id="${app.beta}"] .menu-item-label`, { hasText: 'Beta Notebook' }).waitFor({ state: 'attached', timeout: 2000 });
    await openApp(page, 'apps', 'Beta Notebook', app.beta);
    assert.equal(await page.locator(`iframe[data-app-id="${app.beta}"]`).getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms');
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    const back = must(await admin.get(`/api/v2/integrations/${app.beta}/config/current`), 'config');
    must(await admin.put(`/api/v2/integrations/${app.beta}/config/current`, { ...back, name: 'Beta Notes', properties: cur.properties }), 'restore');
  });
});

test('live: an app at a new origin makes the shell reload itself (same route) to get a CSP that frames it', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member', '#/directory/groups');
    await page.locator('.entity-list').waitFor();
    await page.evaluate(() => { window.notReloaded = true; });
    const [reloaded] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/' && r.request().method() === 'GET', { timeout: 4000 }),
      setState(app.delta, 'ENABLED'),
    ]);
    assertCsp(reloaded.headers()['content-security-policy'], [A.origin, B.origin, D.origin]);
    await page.locator(`.menu-item[data-app-id="${app.delta}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.evaluate(() => window.notReloaded), undefined, 'reloaded');
    assert.equal(new URL(page.url()).hash, '#/directory/groups');
    const { frame } = await openApp(page, 'apps', 'Delta Board', app.delta);
    assert.match(frame.url(), /app=delta/);
    await setState(app.delta, 'DISABLED');
    await page.locator(`.menu-item[data-app-id="${app.delta}"]`).waitFor({ state: 'detached', timeout: 2000 });
  });
});

test('signing out sends stop to the running apps and shows the sign-in form', async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, 'member');
    const { instance } = await openApp(page, 'apps', 'Alpha Tools', app.alpha);
    await page.click('#user-button');
    await page.click('#logout-button');
    await A.waitFor({ instance, hook: 'stop' });
    await page.locator('#login-form').waitFor();
    assert.equal(await page.locator('iframe').count(), 0);
    const me = await page.evaluate(() => fetch('/api/v2/users/me').then((r) => r.status));
    assert.equal(me, 401);
  });
});

test('the sign-in form says why a sign-in failed', async (t) => {
  await withPage(browser, t, async (page) => {
    allowProblems(page, /status of 401/);
    await page.goto(`${server.url}/`);
    await page.fill('#login-email', people.member[1]);
    await page.fill('#login-password', 'wrong password');
    await page.click('#login-submit');
    await page.locator('#login-error').waitFor({ state: 'visible' });
    assert.ok((await page.locator('#login-error').textContent()).length > 5);
    assert.equal(await page.inputValue('#login-email'), people.member[1], 'what was typed stays');
  });
});
