// Plain-HTTP end-to-end tests of every rule of issue 3 (integrations): the catalog and licensing,
// install / configure / activate / delete with the behaviours real clients rely on, validation,
// roles, who sees an app (clientapps, the shell's CSP), history and audit, and 401/403/404 on every
// endpoint. Each test drives a real `portico serve` and reads back what it changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Session } from './lib/server.mjs';

const TYPE = 'embedded-client-app';
const PW = 'a long enough test password';
const DEFAULT_SANDBOX = 'allow-scripts,allow-same-origin,allow-forms,allow-modals';
const SANDBOX_TOKENS = ['allow-forms', 'allow-modals', 'allow-popups', 'allow-presentation', 'allow-same-origin', 'allow-scripts', 'allow-downloads'];
const FEATURES = ['camera', 'microphone', 'geolocation', 'clipboard-write', 'fullscreen', 'display-capture'];

let server; let admin; let tmp;
const id = {};      // users, roles, groups of the main org
const other = {};   // another organization: its admin session and ids
const users = {};   // sessions of the main org's users

// ---- helpers ----

function must(res, what, ...ok) {
  const want = ok.length ? ok : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A 400 whose details name `field` and whose message a person can read; returns the body. */
function assertRefused(res, field, what = field) {
  assert.equal(res.status, 400, `${what}: expected 400, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.status, 400);
  assert.ok(Array.isArray(res.body.details), `${what}: details is an array`);
  const names = res.body.details.map((d) => d.fieldName);
  assert.ok(names.includes(field), `${what}: details name ${field}, got ${JSON.stringify(names)}`);
  assert.equal(typeof res.body.message, 'string');
  assert.ok(res.body.message.length > 10, `${what}: a message for a person`);
  assert.ok(res.body.errors.some((e) => e.message.includes(field)), `${what}: an error message names ${field}`);
  assert.match(res.body.contextId, /^[0-9a-f-]{36}$/);
  return res.body;
}

function orgArgs(org) { return org ? ['--org', org] : []; }

function cliOk(args) {
  const r = server.cli(args);
  assert.equal(r.status, 0, `portico ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Adds a user with the CLI and logs in; returns {id, session}. */
async function addUser(email, name, { org, role, srv = server } = {}) {
  const r = srv.cli(['user', 'add', '--email', email, '--name', name, '--password', PW, ...orgArgs(org), ...(role ? ['--role', role] : [])]);
  assert.equal(r.status, 0, r.stderr);
  const { id: userId } = JSON.parse(r.stdout);
  return { id: userId, session: await srv.login(email, PW) };
}

/** A new organization with an admin; licenses granted as listed. */
async function newOrg(name, { level = 3, licenses = ['clientapps'], srv = server } = {}) {
  const c = srv.cli(['org', 'create', '--name', name, '--level', String(level)]);
  assert.equal(c.status, 0, c.stderr);
  for (const l of licenses) assert.equal(srv.cli(['org', 'license', '--org', name, '--grant', l]).status, 0);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const a = await addUser(`admin@${slug}.example.com`, `${name} Admin`, { org: name, role: 'Master Admin', srv });
  return { name, adminId: a.id, admin: a.session };
}

async function createRole(session, name) {
  return must(await session.post('/api/v2/authorization/roles', { name, description: `${name} role`, permissionPolicies: [] }), `role ${name}`).id;
}

async function createGroup(session, name, type = 'official') {
  return must(await session.post('/api/v2/groups', { name, type, description: `${name} group` }), `group ${name}`).id;
}

async function addMembers(session, groupId, memberIds) {
  must(await session.post(`/api/v2/groups/${groupId}/members`, { memberIds }), 'add members', 200, 202, 204);
}

async function giveRole(session, roleId, userIds) {
  must(await session.put(`/api/v2/authorization/roles/${roleId}/users/add`, userIds), 'give role', 200, 202, 204);
}

async function create(session, body = {}) {
  return must(await session.post('/api/v2/integrations', { integrationType: { id: TYPE }, ...body }), 'create');
}

async function readConfig(session, appId) {
  return must(await session.get(`/api/v2/integrations/${appId}/config/current`), 'read config');
}

/** PUT config/current with the version just read (unless given). */
async function putConfig(session, appId, { properties = {}, advanced = {}, name, notes = '', version } = {}) {
  const cur = version === undefined ? await readConfig(session, appId) : { version, name };
  return session.put(`/api/v2/integrations/${appId}/config/current`, {
    name: name ?? cur.name, version: cur.version, properties, advanced, notes, credentials: {},
  });
}

async function setState(session, appId, intendedState) {
  return must(await session.patch(`/api/v2/integrations/${appId}`, { intendedState }), intendedState);
}

/** An active app for `roles` and `groups` (role/group ids) at `url`. */
async function activeApp(session, name, { url, roles, groups, extra = {}, advanced = {}, enable = true }) {
  const app = await create(session, { name, roles: roles.map((r) => ({ id: r })) });
  must(await putConfig(session, app.id, { properties: { url, groups, ...extra }, advanced }), `configure ${name}`);
  if (enable) await setState(session, app.id, 'ENABLED');
  return app.id;
}

async function visibleIds(session) {
  const list = must(await session.get('/api/v2/integrations/clientapps?pageSize=100'), 'clientapps');
  return list.entities.map((e) => e.id);
}

function cspOf(res) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, 'the page has a CSP');
  return Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [k, ...v] = d.split(/\s+/);
    return [k, v];
  }));
}

function permissionsPolicyOf(res) {
  const header = res.headers.get('permissions-policy');
  assert.ok(header, 'the page has a Permissions-Policy');
  return Object.fromEntries(header.split(/,\s*/).map((d) => {
    const m = /^([a-z-]+)=\((.*)\)$/.exec(d.trim());
    assert.ok(m, `a structured feature=(...) item: ${d}`);
    return [m[1], m[2] ? m[2].split(' ').map((o) => JSON.parse(o)) : []];
  }));
}

function manifestFile(name, manifest) {
  const path = join(tmp, name);
  writeFileSync(path, typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return path;
}

// ---- set-up: the main org's people, roles and groups, and another org ----

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'portico-int-'));
  server = await startServer();
  admin = await server.login();
  const me = must(await admin.get('/api/v2/users/me'), 'me');
  id.admin = me.id;
  id.orgName = me.organization.name;
  id.role = await createRole(admin, 'App Users');
  id.role2 = await createRole(admin, 'Supervisors');
  id.group = await createGroup(admin, 'Support Team');
  id.group2 = await createGroup(admin, 'Back Office');
  id.social = await createGroup(admin, 'Lunch Club', 'social');
  id.distribution = await createGroup(admin, 'All Staff Mailing', 'distribution');
  for (const [key, email, name] of [
    ['member', 'mia@example.com', 'Mia Member'], ['outsider', 'oscar@example.com', 'Oscar Outsider'],
    ['grouponly', 'gale@example.com', 'Gale Grouponly'], ['employee', 'eve@example.com', 'Eve Employee'],
  ]) {
    const u = await addUser(email, name);
    id[key] = u.id;
    users[key] = u.session;
  }
  await giveRole(admin, id.role, [id.member, id.outsider]);
  await addMembers(admin, id.group, [id.member, id.grouponly]);

  Object.assign(other, await newOrg('Other Org'));
  other.role = await createRole(other.admin, 'Other App Users');
  other.group = await createGroup(other.admin, 'Other Support');
  const om = await addUser('olga@other.example.com', 'Olga Other', { org: 'Other Org' });
  other.memberId = om.id;
  other.member = om.session;
  await giveRole(other.admin, other.role, [om.id]);
  await addMembers(other.admin, other.group, [om.id]);
});

after(async () => {
  await server?.dispose();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---- 1. catalog ----

test('catalog: the built-in type with its fields, installable for a licensed level-3 org', async () => {
  const list = must(await admin.get('/api/v2/integrations/types'), 'types');
  const t = list.entities.find((e) => e.id === TYPE);
  assert.ok(t, 'embedded-client-app is listed');
  assert.equal(t.name, 'Custom Client Application');
  assert.equal(t.description, 'Embeds third-party webapps via iframe');
  assert.equal(t.provider, 'clientapps');
  assert.equal(t.category, 'Client Apps');
  assert.equal(t.configPropertiesSchemaUri, `/api/v2/integrations/types/${TYPE}/configschemas/properties`);
  assert.equal(t.configAdvancedSchemaUri, `/api/v2/integrations/types/${TYPE}/configschemas/advanced`);
  assert.equal(t.selfUri, `/api/v2/integrations/types/${TYPE}`);
  assert.ok(Array.isArray(t.images) && t.images.length > 0 && t.images[0].imageUri && t.images[0].resolution);
  assert.equal(t.nonInstallable, false);
  assert.equal(t.installable, true);
  assert.equal(t.installBlockedReason, undefined);
  assert.equal(list.pageNumber, 1);
  assert.ok(list.total >= 1);
  const one = must(await admin.get(`/api/v2/integrations/types/${TYPE}`), 'type');
  assert.deepEqual(one, t);
  const missing = await admin.get('/api/v2/integrations/types/no-such-type');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'not.found');
});

test('licensing: an org below level 2 or without the clientapps license cannot install, and is told why', async (t) => {
  const cases = [
    { name: 'Small Level One', level: 1, licenses: [], says: [/subscription level 2/, /level 1/, /clientapps/] },
    { name: 'Unlicensed Three', level: 3, licenses: [], says: [/clientapps license/], never: /subscription level/ },
    { name: 'Licensed Level One', level: 1, licenses: ['clientapps'], says: [/subscription level 2/, /level 1/], never: /no clientapps license/ },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const org = await newOrg(c.name, { level: c.level, licenses: c.licenses });
      const type = must(await org.admin.get(`/api/v2/integrations/types/${TYPE}`), 'type');
      assert.equal(type.installable, false);
      for (const re of [...c.says, /sales representative/]) assert.match(type.installBlockedReason, re);
      if (c.never) assert.doesNotMatch(type.installBlockedReason, c.never);
      const listed = must(await org.admin.get('/api/v2/integrations/types'), 'types').entities.find((e) => e.id === TYPE);
      assert.equal(listed.installable, false);
      assert.equal(listed.installBlockedReason, type.installBlockedReason);

      const refused = await org.admin.post('/api/v2/integrations', { integrationType: { id: TYPE }, name: 'Not allowed' });
      assert.equal(refused.status, 403);
      for (const re of [...c.says, /sales representative/]) assert.match(refused.body.message, re);
      const stored = must(await org.admin.get('/api/v2/integrations'), 'list');
      assert.equal(stored.total, 0, 'nothing was installed');

      // The operator fixes what was missing: now it installs.
      assert.equal(server.cli(['org', 'level', '--org', c.name, '--level', '2']).status, 0);
      assert.equal(server.cli(['org', 'license', '--org', c.name, '--grant', 'clientapps']).status, 0);
      assert.equal(must(await org.admin.get(`/api/v2/integrations/types/${TYPE}`), 'type').installable, true);
      must(await org.admin.post('/api/v2/integrations', { integrationType: { id: TYPE }, name: 'Allowed now' }), 'create');
    });
  }
});

test('licensing: an org that loses the license stops showing its apps, and cannot activate them', async () => {
  const org = await newOrg('Fading Org');
  const role = await createRole(org.admin, 'Fading Users');
  const group = await createGroup(org.admin, 'Fading Team');
  const user = await addUser('fay@fading.example.com', 'Fay Fading', { org: 'Fading Org' });
  await giveRole(org.admin, role, [user.id]);
  await addMembers(org.admin, group, [user.id]);
  const appId = await activeApp(org.admin, 'Fading App', { url: 'https://fading.example.com/app', roles: [role], groups: [group] });
  const second = await activeApp(org.admin, 'Fading Second', { url: 'https://second.example.com/', roles: [role], groups: [group], enable: false });
  assert.deepEqual(await visibleIds(user.session), [appId]);
  assert.deepEqual(cspOf(await user.session.get('/'))['frame-src'], ['https://fading.example.com']);

  assert.equal(server.cli(['org', 'license', '--org', 'Fading Org', '--revoke', 'clientapps']).status, 0);
  assert.deepEqual(await visibleIds(user.session), [], 'the unlicensed app is no longer shown');
  assert.equal((await user.session.get(`/api/v2/integrations/clientapps/${appId}`)).status, 404);
  assert.deepEqual(cspOf(await user.session.get('/'))['frame-src'], ["'none'"]);
  const stillThere = must(await org.admin.get(`/api/v2/integrations/${appId}`), 'get');
  assert.equal(stillThere.intendedState, 'ENABLED', 'the integration itself is kept');
  const activate = await org.admin.patch(`/api/v2/integrations/${second}`, { intendedState: 'ENABLED' });
  assert.equal(activate.status, 403);
  assert.match(activate.body.message, /clientapps license.*sales representative/);
  assert.equal(must(await org.admin.get(`/api/v2/integrations/${second}`), 'get').intendedState, 'DISABLED');

  // A lower level has the same effect.
  assert.equal(server.cli(['org', 'license', '--org', 'Fading Org', '--grant', 'clientapps']).status, 0);
  assert.deepEqual(await visibleIds(user.session), [appId]);
  assert.equal(server.cli(['org', 'level', '--org', 'Fading Org', '--level', '1']).status, 0);
  assert.deepEqual(await visibleIds(user.session), []);
});

// ---- schemas ----

test('schemas: properties and advanced describe exactly the keys and values the server accepts', async () => {
  const props = must(await admin.get(`/api/v2/integrations/types/${TYPE}/configschemas/properties`), 'schema');
  assert.equal(props.type, 'object');
  assert.equal(props.additionalProperties, false);
  assert.ok(props.$schema);
  assert.ok(props.id && props.title);
  assert.deepEqual(props.required, []);
  assert.deepEqual(Object.keys(props.properties).sort(), ['displayType', 'featureCategory', 'groups', 'permissions', 'sandbox', 'url']);
  assert.deepEqual(props.properties.displayType.enum, ['standalone', 'widget']);
  assert.deepEqual(props.properties.featureCategory.enum, ['', 'directory', 'contactCenterInsights']);
  assert.deepEqual([...props.properties.sandbox['x-allowedValues']].sort(), [...SANDBOX_TOKENS].sort());
  assert.deepEqual([...props.properties.permissions['x-allowedValues']].sort(), [...FEATURES].sort());
  assert.equal(props.properties.sandbox.default, DEFAULT_SANDBOX);
  assert.equal(props.properties.url.maxLength, 2048);
  assert.equal(props.properties.groups.type, 'array');

  const adv = must(await admin.get(`/api/v2/integrations/types/${TYPE}/configschemas/advanced`), 'schema');
  assert.equal(adv.type, 'object');
  assert.equal(adv.additionalProperties, false);
  assert.deepEqual(Object.keys(adv.properties).sort(), ['i10n', 'icon', 'lifecycle', 'monochromicIcon']);
  assert.deepEqual(Object.keys(adv.properties.lifecycle.properties.hooks.properties).sort(), ['blur', 'bootstrap', 'focus', 'stop']);

  assert.equal((await admin.get(`/api/v2/integrations/types/${TYPE}/configschemas/other`)).status, 404);
  assert.equal((await admin.get('/api/v2/integrations/types/no-such-type/configschemas/properties')).status, 404);

  // The schema's patterns and the server agree, value by value.
  const app = await create(admin, { name: 'Schema Agreement' });
  const sandboxRe = new RegExp(props.properties.sandbox.pattern);
  const permsRe = new RegExp(props.properties.permissions.pattern);
  const samples = [
    ['sandbox', 'allow-scripts'], ['sandbox', 'allow-scripts, allow-forms'], ['sandbox', ''], ['sandbox', SANDBOX_TOKENS.join(',')],
    ['sandbox', 'allow-top-navigation'], ['sandbox', 'allow-scripts;allow-forms'], ['sandbox', 'ALLOW-SCRIPTS'],
    ['permissions', 'camera,microphone'], ['permissions', ''], ['permissions', 'usb'], ['permissions', FEATURES.join(',')],
  ];
  for (const [key, value] of samples) {
    const res = await putConfig(admin, app.id, { properties: { [key]: value } });
    const schemaSays = (key === 'sandbox' ? sandboxRe : permsRe).test(value);
    assert.equal(res.status === 200, schemaSays, `${key}=${JSON.stringify(value)}: server ${res.status}, schema ${schemaSays}`);
  }
});

// ---- portico type add ----

test('portico type add registers a vendor type from a manifest; invalid manifests are refused and nothing is registered', async (t) => {
  const manifest = {
    id: 'acme-crm', name: 'Acme CRM', description: 'Customer records next to every conversation', provider: 'acme',
    category: 'CRM', vendorName: 'Acme Inc.', vendorWebsiteUri: 'https://acme.example.com', helpUri: '/help/acme',
    supportContactUri: 'mailto:support@acme.example.com', images: [{ resolution: '96x96', imageUri: 'https://acme.example.com/icon.png' }],
    license: 'acme-crm', minimumLevel: 2, maxInstances: 3,
    propertiesSchema: { type: 'object', properties: { apiKey: { type: 'string' } } },
    advancedSchema: { type: 'object', properties: {} },
  };
  await t.test('valid manifest', async () => {
    const r = server.cli(['type', 'add', manifestFile('acme.json', manifest)]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { id: 'acme-crm', registered: true });
    const type = must(await admin.get('/api/v2/integrations/types/acme-crm'), 'type');
    for (const k of ['name', 'description', 'provider', 'category', 'vendorName', 'vendorWebsiteUri', 'helpUri', 'supportContactUri', 'maxInstances']) {
      assert.deepEqual(type[k], manifest[k], k);
    }
    assert.deepEqual(type.images, manifest.images);
    assert.equal(type.installable, false, 'the default org has no acme-crm license');
    assert.match(type.installBlockedReason, /acme-crm license.*sales representative/);
    const listed = must(await admin.get('/api/v2/integrations/types?pageSize=100'), 'types').entities.map((e) => e.id);
    assert.ok(listed.includes('acme-crm') && listed.includes(TYPE));
    assert.deepEqual(must(await admin.get('/api/v2/integrations/types/acme-crm/configschemas/properties'), 'schema'), manifest.propertiesSchema);
    assert.equal((await admin.post('/api/v2/integrations', { integrationType: { id: 'acme-crm' } })).status, 403);

    cliOk(['org', 'license', '--org', id.orgName, '--grant', 'acme-crm']);
    assert.equal(must(await admin.get('/api/v2/integrations/types/acme-crm'), 'type').installable, true);
    const app = must(await admin.post('/api/v2/integrations', { integrationType: { id: 'acme-crm' } }), 'create vendor app');
    assert.equal(app.name, 'Acme CRM', 'named after the vendor type');
    assert.equal(app.integrationType.id, 'acme-crm');
    must(await admin.delete(`/api/v2/integrations/${app.id}`), 'delete');
  });

  await t.test('re-adding the same id replaces the type', async () => {
    const r = server.cli(['type', 'add', manifestFile('acme2.json', { ...manifest, name: 'Acme CRM 2' })]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(must(await admin.get('/api/v2/integrations/types/acme-crm'), 'type').name, 'Acme CRM 2');
  });

  await t.test('a manifest without schemas is configured like a client app', async () => {
    const r = server.cli(['type', 'add', manifestFile('plain.json', { id: 'plain-app', name: 'Plain App', license: 'clientapps', minimumLevel: 1 })]);
    assert.equal(r.status, 0, r.stderr);
    const schema = must(await admin.get('/api/v2/integrations/types/plain-app/configschemas/properties'), 'schema');
    assert.ok(schema.properties.url && schema.properties.sandbox);
    const app = must(await admin.post('/api/v2/integrations', { integrationType: { id: 'plain-app' } }), 'create');
    assertRefused(await putConfig(admin, app.id, { properties: { url: 'javascript:alert(1)' } }), 'properties.url');
    must(await admin.delete(`/api/v2/integrations/${app.id}`), 'delete');
  });

  const invalid = [
    ['not JSON', '{"id": "broken",', /not valid JSON/],
    ['missing id', { name: 'No Id', license: 'x', minimumLevel: 1 }, /manifest\.id/],
    ['bad id', { id: 'Bad Id!', name: 'Bad', license: 'x', minimumLevel: 1 }, /manifest\.id/],
    ['missing name', { id: 'no-name', license: 'x', minimumLevel: 1 }, /manifest\.name/],
    ['missing license', { id: 'no-license', name: 'No License', minimumLevel: 1 }, /manifest\.license/],
    ['level out of range', { id: 'bad-level', name: 'Bad Level', license: 'x', minimumLevel: 7 }, /manifest\.minimumLevel/],
    ['http link', { id: 'http-link', name: 'Http', license: 'x', minimumLevel: 1, helpUri: 'http://acme.example.com/help' }, /manifest\.helpUri/],
    ['javascript image', { id: 'js-image', name: 'Js', license: 'x', minimumLevel: 1, images: [{ resolution: '96x96', imageUri: 'javascript:alert(1)' }] }, /manifest\.images\[0\]\.imageUri/],
    ['unknown key', { id: 'unknown-key', name: 'Unknown', license: 'x', minimumLevel: 1, colour: 'red' }, /manifest\.colour/],
    ['one schema only', { id: 'one-schema', name: 'One', license: 'x', minimumLevel: 1, propertiesSchema: { type: 'object' } }, /manifest\.advancedSchema/],
    ['the built-in id', { id: TYPE, name: 'Impostor', license: 'x', minimumLevel: 1 }, /built-in/],
  ];
  for (const [what, m, says] of invalid) {
    await t.test(`invalid manifest: ${what}`, async () => {
      const r = server.cli(['type', 'add', manifestFile(`bad-${what.replace(/\W+/g, '-')}.json`, m)]);
      assert.notEqual(r.status, 0, `refused: ${r.stdout}`);
      assert.match(r.stderr, says);
      assert.equal(r.stdout, '');
      if (typeof m === 'object' && m.id && m.id !== TYPE) assert.equal((await admin.get(`/api/v2/integrations/types/${m.id}`)).status, 404);
    });
  }
  await t.test('the built-in type is unchanged by the refused impostor', async () => {
    assert.equal(must(await admin.get(`/api/v2/integrations/types/${TYPE}`), 'type').name, 'Custom Client Application');
  });
  await t.test('usage errors: no manifest path, unknown action', () => {
    assert.equal(server.cli(['type', 'add']).status, 2);
    assert.equal(server.cli(['type', 'remove', 'x.json']).status, 2);
    assert.notEqual(server.cli(['type', 'add', join(tmp, 'does-not-exist.json')]).status, 0);
  });
});

test('a vendor type\'s schemas are what the server accepts: each rule refused with the field named, nothing stored', async (t) => {
  const manifest = {
    id: 'schema-checked', name: 'Schema Checked', license: 'schema-checked', minimumLevel: 1,
    propertiesSchema: {
      type: 'object', required: ['endpoint'], additionalProperties: false,
      properties: {
        endpoint: { type: 'string', pattern: '^https://', description: 'Where events go' },
        level: { type: 'integer', minimum: 1, maximum: 10 },
      },
    },
    advancedSchema: { type: 'object', properties: { retries: { type: 'integer', minimum: 0 } } },
  };
  const r = server.cli(['type', 'add', manifestFile('schema-checked.json', manifest)]);
  assert.equal(r.status, 0, r.stderr);
  cliOk(['org', 'license', '--org', id.orgName, '--grant', 'schema-checked']);
  const app = must(await admin.post('/api/v2/integrations', { integrationType: { id: 'schema-checked' } }), 'install');
  const first = await readConfig(admin, app.id);

  const violations = [
    ['endpoint missing', { level: 3 }, {}, 'properties.endpoint', /is required/],
    ['endpoint not a string', { endpoint: 42 }, {}, 'properties.endpoint', /must be a string/],
    ['endpoint not https', { endpoint: 'http://events.example.com' }, {}, 'properties.endpoint', /must match the pattern \^https:\/\//],
    ['level below 1', { endpoint: 'https://events.example.com', level: 0 }, {}, 'properties.level', /must be at least 1/],
    ['level above 10', { endpoint: 'https://events.example.com', level: 11 }, {}, 'properties.level', /properties\.level: must be at most 10/],
    ['level not whole', { endpoint: 'https://events.example.com', level: 2.5 }, {}, 'properties.level', /whole number/],
    ['level a string', { endpoint: 'https://events.example.com', level: '5' }, {}, 'properties.level', /whole number/],
    ['unknown property', { endpoint: 'https://events.example.com', colour: 'red' }, {}, 'properties.colour', /unknown property; allowed: endpoint, level/],
    ['advanced rule', { endpoint: 'https://events.example.com' }, { retries: -1 }, 'advanced.retries', /must be at least 0/],
  ];
  for (const [what, properties, advanced, field, says] of violations) {
    await t.test(`refused: ${what}`, async () => {
      const body = assertRefused(await putConfig(admin, app.id, { properties, advanced }), field, what);
      assert.ok(body.errors.some((e) => says.test(e.message)), `${what}: ${JSON.stringify(body.errors)}`);
      assert.deepEqual(await readConfig(admin, app.id), first, `${what}: nothing stored`);
    });
  }
  await t.test('a configuration that keeps every rule is saved', async () => {
    const properties = { endpoint: 'https://events.example.com/hook', level: 10 };
    const saved = must(await putConfig(admin, app.id, { properties, advanced: { retries: 3 } }), 'valid config');
    assert.equal(saved.version, first.version + 1);
    assert.deepEqual(saved.properties, properties);
    assert.deepEqual((await readConfig(admin, app.id)).properties, properties);
  });
  await t.test('a schema keyword outside the supported subset is refused by type add', async () => {
    const withFormat = structuredClone(manifest);
    withFormat.id = 'schema-format';
    withFormat.propertiesSchema.properties.endpoint.format = 'uri';
    const refused = server.cli(['type', 'add', manifestFile('schema-format.json', withFormat)]);
    assert.equal(refused.status, 1, refused.stderr);
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr.trim().split('\n').length, 1, `one line: ${refused.stderr}`);
    assert.match(refused.stderr, /manifest\.propertiesSchema\.properties\.endpoint\.format: the keyword "format" is not supported; supported: type,/);
    assert.equal((await admin.get('/api/v2/integrations/types/schema-format')).status, 404);
  });
  must(await admin.delete(`/api/v2/integrations/${app.id}`), 'delete');
});

// ---- 2. install, configure, activate, delete ----

test('create: with a name, without a name (the type\'s name), with bad input refused and nothing stored', async () => {
  const before = must(await admin.get('/api/v2/integrations?pageSize=500'), 'list').total;
  const named = await create(admin, { name: 'Named App' });
  assert.equal(named.name, 'Named App');
  assert.equal(named.integrationType.id, TYPE);
  assert.equal(named.integrationType.name, 'Custom Client Application');
  assert.equal(named.intendedState, 'DISABLED');
  assert.equal(named.reportedState.code, 'INACTIVE');
  assert.ok(!Number.isNaN(Date.parse(named.reportedState.lastUpdated)));
  assert.deepEqual(named.roles, []);
  assert.equal(named.notes, '');
  assert.deepEqual(named.attributes, {});
  assert.equal(named.config.current.version, 1);
  assert.equal(named.config.current.name, 'Named App');
  assert.equal(named.selfUri, `/api/v2/integrations/${named.id}`);
  const unnamed = must(await admin.post('/api/v2/integrations', { integrationType: { id: TYPE } }), 'create without name');
  assert.equal(unnamed.name, 'Custom Client Application');
  assert.deepEqual(must(await admin.get(`/api/v2/integrations/${unnamed.id}`), 'get'), unnamed);

  const bad = [
    [{ name: 'No type' }, 'integrationType.id'],
    [{ integrationType: {} }, 'integrationType.id'],
    [{ integrationType: { id: TYPE }, name: '' }, 'name'],
    [{ integrationType: { id: TYPE }, name: 'x'.repeat(300) }, 'name'],
    [{ integrationType: { id: TYPE }, name: 42 }, 'name'],
    [{ integrationType: { id: TYPE }, colour: 'red' }, 'colour'],
    [{ integrationType: { id: TYPE }, roles: 'App Users' }, 'roles'],
    [{ integrationType: { id: TYPE }, roles: [{ name: 'App Users' }] }, 'roles'],
  ];
  for (const [body, field] of bad) assertRefused(await admin.post('/api/v2/integrations', body), field, JSON.stringify(body));
  const unknownType = await admin.post('/api/v2/integrations', { integrationType: { id: 'no-such-type' } });
  assert.equal(unknownType.status, 400);
  assert.match(unknownType.body.message, /no-such-type/);
  assert.equal((await admin.post('/api/v2/integrations', '[1,2]')).status, 400);
  assert.equal((await admin.post('/api/v2/integrations', '{"integrationType":')).status, 400);
  assert.equal((await admin.post('/api/v2/integrations', 'integrationType=x', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
  assert.equal(must(await admin.get('/api/v2/integrations?pageSize=500'), 'list').total, before + 2, 'only the two valid creates were stored');
});

test('config: version 1 with empty objects; PUT with the current version answers version+1 and keeps the keys sent', async () => {
  const app = await create(admin, { name: 'Config App' });
  const v1 = await readConfig(admin, app.id);
  assert.deepEqual(v1, {
    id: app.id, name: 'Config App', version: 1, properties: {}, advanced: {}, notes: '', credentials: {},
    selfUri: `/api/v2/integrations/${app.id}/config/current`,
  });
  const properties = { url: 'https://apps.example.com/a?x={{gcHostOrigin}}', displayType: 'widget', featureCategory: 'directory', sandbox: 'allow-scripts', permissions: null, groups: [id.group] };
  const advanced = { i10n: { fr: { name: 'Appli' } }, lifecycle: { ephemeral: true, hooks: { bootstrap: true } }, icon: { vector: 'https://apps.example.com/i.svg' } };
  const v2 = must(await putConfig(admin, app.id, { properties, advanced, notes: 'first' }), 'put');
  assert.equal(v2.version, 2);
  assert.deepEqual(v2.properties, properties);
  assert.deepEqual(v2.advanced, advanced);
  assert.equal(v2.notes, 'first');
  assert.deepEqual(await readConfig(admin, app.id), v2);
  assert.deepEqual(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').config.current, v2);
  const v3 = must(await putConfig(admin, app.id, { properties: { url: 'https://apps.example.com/b' } }), 'put');
  assert.equal(v3.version, 3);
  assert.deepEqual(v3.properties, { url: 'https://apps.example.com/b' }, 'a PUT replaces the properties');

  const missingVersion = await admin.put(`/api/v2/integrations/${app.id}/config/current`, { name: 'Config App', properties: {} });
  assertRefused(missingVersion, 'version');
  assertRefused(await admin.put(`/api/v2/integrations/${app.id}/config/current`, { version: 3, properties: [] }), 'properties');
  assertRefused(await admin.put(`/api/v2/integrations/${app.id}/config/current`, { version: 3, advanced: 'x' }), 'advanced');
  assertRefused(await admin.put(`/api/v2/integrations/${app.id}/config/current`, { version: 3, extra: 1 }), 'extra');
  assert.equal((await readConfig(admin, app.id)).version, 3, 'refused PUTs changed nothing');
});

test('config: a stale version is 409 "does not match the current version" and changes nothing', async () => {
  const app = await create(admin, { name: 'Stale App' });
  const good = { url: 'https://apps.example.com/good' };
  must(await putConfig(admin, app.id, { properties: good }), 'put v1');
  for (const version of [1, 0, 99, -5]) {
    const res = await putConfig(admin, app.id, { properties: { url: 'https://apps.example.com/stale' }, version });
    assert.equal(res.status, 409, `version ${version}`);
    assert.equal(res.body.code, 'conflict');
    assert.match(res.body.message, /does not match the current version/);
  }
  const now = await readConfig(admin, app.id);
  assert.equal(now.version, 2);
  assert.deepEqual(now.properties, good);
});

test('config: of two concurrent PUTs with the same version exactly one succeeds (many pairs)', async () => {
  const app = await create(admin, { name: 'Race App' });
  const url = `/api/v2/integrations/${app.id}/config/current`;
  const pairs = 25;
  for (let i = 0; i < pairs; i++) {
    const { version } = await readConfig(admin, app.id);
    const body = (who) => ({ name: 'Race App', version, properties: { url: `https://apps.example.com/${who}/${i}` }, advanced: {}, notes: who, credentials: {} });
    const [a, b] = await Promise.all([admin.put(url, body('a')), admin.put(url, body('b'))]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409], `pair ${i}: ${a.status} ${JSON.stringify(a.body)} / ${b.status} ${JSON.stringify(b.body)}`);
    const winner = a.status === 200 ? a : b;
    assert.equal(winner.body.version, version + 1);
    const now = await readConfig(admin, app.id);
    assert.equal(now.version, version + 1);
    assert.equal(now.notes, winner.body.notes, 'the stored config is the winner\'s');
  }
  // Wider: 6 writers with one version.
  const { version } = await readConfig(admin, app.id);
  const many = await Promise.all(Array.from({ length: 6 }, (_, k) => admin.put(url, { version, properties: {}, notes: `w${k}` })));
  assert.equal(many.filter((r) => r.status === 200).length, 1);
  assert.equal(many.filter((r) => r.status === 409).length, 5);
  assert.equal((await readConfig(admin, app.id)).version, version + 1);
});

test('config name is the integration name, both ways', async () => {
  const app = await create(admin, { name: 'Before Rename' });
  must(await putConfig(admin, app.id, { name: 'Renamed By Config' }), 'put');
  assert.equal(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').name, 'Renamed By Config');
  const listed = must(await admin.get(`/api/v2/integrations?ids=${app.id}`), 'list').entities[0];
  assert.equal(listed.name, 'Renamed By Config');
  const patched = must(await admin.patch(`/api/v2/integrations/${app.id}`, { name: 'Renamed By Patch' }), 'patch');
  assert.equal(patched.name, 'Renamed By Patch');
  assert.equal(patched.config.current.name, 'Renamed By Patch');
  const cfg = await readConfig(admin, app.id);
  assert.equal(cfg.name, 'Renamed By Patch');
  // A rename is a configuration change: a PUT with the version read before it is stale.
  assert.equal(cfg.version, 3);
  assert.equal((await putConfig(admin, app.id, { version: 2, name: 'Late' })).status, 409);
  // A PUT without a name keeps the name.
  must(await admin.put(`/api/v2/integrations/${app.id}/config/current`, { version: 3, properties: {} }), 'put without name');
  assert.equal(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').name, 'Renamed By Patch');
  assertRefused(await putConfig(admin, app.id, { name: '   ' }), 'name');
});

test('PATCH intendedState ENABLED/DISABLED moves reportedState to ACTIVE/INACTIVE with lastUpdated', async () => {
  const app = await create(admin, { name: 'State App' });
  must(await putConfig(admin, app.id, { properties: { url: 'https://apps.example.com/state' } }), 'put');
  const t0 = Date.now() - 1000;
  const on = await setState(admin, app.id, 'ENABLED');
  assert.equal(on.intendedState, 'ENABLED');
  assert.equal(on.reportedState.code, 'ACTIVE');
  assert.equal(on.reportedState.effective, 'Active');
  const onAt = Date.parse(on.reportedState.lastUpdated);
  assert.match(on.reportedState.lastUpdated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.ok(onAt >= t0 && onAt <= Date.now() + 1000, 'lastUpdated is now');
  assert.equal(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').reportedState.code, 'ACTIVE');
  await new Promise((r) => setTimeout(r, 1100));
  const off = await setState(admin, app.id, 'DISABLED');
  assert.equal(off.intendedState, 'DISABLED');
  assert.equal(off.reportedState.code, 'INACTIVE');
  assert.ok(Date.parse(off.reportedState.lastUpdated) > onAt, 'lastUpdated moved');
  assert.equal(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').reportedState.code, 'INACTIVE');
  for (const bad of ['DELETED', 'enabled', 'ON', 1]) {
    assertRefused(await admin.patch(`/api/v2/integrations/${app.id}`, { intendedState: bad }), 'intendedState', String(bad));
  }
  assertRefused(await admin.patch(`/api/v2/integrations/${app.id}`, { colour: 'red' }), 'colour');
  assert.equal(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').intendedState, 'DISABLED');
});

test('activation is refused (400 naming properties.url) without a valid URL; an active app keeps one', async () => {
  const app = await create(admin, { name: 'No Url App' });
  const refused = assertRefused(await admin.patch(`/api/v2/integrations/${app.id}`, { intendedState: 'ENABLED' }), 'properties.url');
  assert.match(refused.message, /URL/);
  must(await putConfig(admin, app.id, { properties: { url: '', displayType: 'widget' } }), 'an empty url may be saved');
  assertRefused(await admin.patch(`/api/v2/integrations/${app.id}`, { intendedState: 'ENABLED' }), 'properties.url');
  const got = must(await admin.get(`/api/v2/integrations/${app.id}`), 'get');
  assert.equal(got.intendedState, 'DISABLED');
  assert.equal(got.reportedState.code, 'INACTIVE');

  must(await putConfig(admin, app.id, { properties: { url: 'https://apps.example.com/ok' } }), 'put url');
  await setState(admin, app.id, 'ENABLED');
  // While active, the URL cannot be removed.
  const v = (await readConfig(admin, app.id)).version;
  assertRefused(await putConfig(admin, app.id, { properties: { url: '' } }), 'properties.url');
  assertRefused(await putConfig(admin, app.id, { properties: {} }), 'properties.url');
  assert.equal((await readConfig(admin, app.id)).version, v);
});

test('activation with an http URL is refused once the server runs without --allow-http-apps; active http apps are hidden', async () => {
  const s = await startServer({ allowHttpApps: true });
  try {
    const a = await s.login();
    const role = await createRole(a, 'Dev Users');
    const group = await createGroup(a, 'Dev Team');
    const dev = await addUser('dev@example.com', 'Dee Developer', { srv: s });
    await giveRole(a, role, [dev.id]);
    await addMembers(a, group, [dev.id]);
    const live = await activeApp(a, 'Live Dev App', { url: 'http://localhost:5173/live', roles: [role], groups: [group] });
    assert.deepEqual(await visibleIds(dev.session), [live]);
    assert.deepEqual(cspOf(await dev.session.get('/'))['frame-src'], ['http://localhost:5173']);
    const app = must(await a.post('/api/v2/integrations', { integrationType: { id: TYPE }, name: 'Dev App' }), 'create');
    const cur = must(await a.get(`/api/v2/integrations/${app.id}/config/current`), 'config');
    must(await a.put(`/api/v2/integrations/${app.id}/config/current`, { version: cur.version, properties: { url: 'http://127.0.0.1:5173/' } }), 'http allowed here');
    s.allowHttpApps = false;
    await s.restart();
    const a2 = await s.login();
    const dev2 = await s.login('dev@example.com', PW);
    assert.deepEqual(await visibleIds(dev2), [], 'an http app is shown to nobody once http apps are not allowed');
    assert.deepEqual(cspOf(await dev2.get('/'))['frame-src'], ["'none'"]);
    const res = await a2.patch(`/api/v2/integrations/${app.id}`, { intendedState: 'ENABLED' });
    const body = assertRefused(res, 'properties.url');
    assert.match(body.message, /https/);
    assert.equal(must(await a2.get(`/api/v2/integrations/${app.id}`), 'get').intendedState, 'DISABLED');
  } finally {
    await s.dispose();
  }
});

test('DELETE answers the integration; then GET, config, history, PATCH and DELETE are 404', async () => {
  const app = await create(admin, { name: 'Doomed App', roles: [{ id: id.role }] });
  const del = must(await admin.delete(`/api/v2/integrations/${app.id}`), 'delete');
  assert.equal(del.id, app.id);
  assert.equal(del.name, 'Doomed App');
  assert.deepEqual(del.roles.map((r) => r.id), [id.role]);
  for (const [method, path, body] of [
    ['get', `/api/v2/integrations/${app.id}`], ['get', `/api/v2/integrations/${app.id}/config/current`],
    ['get', `/api/v2/integrations/${app.id}/history`], ['patch', `/api/v2/integrations/${app.id}`, { name: 'x' }],
    ['put', `/api/v2/integrations/${app.id}/config/current`, { version: 1, properties: {} }],
    ['delete', `/api/v2/integrations/${app.id}`],
  ]) {
    const res = await admin[method](path, body);
    assert.equal(res.status, 404, `${method} ${path}`);
    assert.equal(res.body.code, 'not.found');
  }
  assert.equal(must(await admin.get(`/api/v2/integrations?ids=${app.id}`), 'list').total, 0);
  assert.equal((await admin.get('/api/v2/integrations/00000000-0000-4000-8000-000000000000')).status, 404);
});

test('paging: a page past the end is 200 with entities []; nextUri absent on the last page; bad paging refused', async () => {
  const org = await newOrg('Paging Org');
  const names = ['Echo', 'Alpha', 'Delta', 'Bravo', 'Charlie'];
  for (const name of names) await create(org.admin, { name });
  const byName = [...names].sort();
  const seen = [];
  for (let n = 1; ; n++) {
    const page = must(await org.admin.get(`/api/v2/integrations?pageSize=2&pageNumber=${n}`), `page ${n}`);
    assert.equal(page.total, 5);
    assert.equal(page.pageCount, 3);
    assert.equal(page.pageSize, 2);
    assert.equal(page.pageNumber, n);
    assert.equal(page.firstUri, '/api/v2/integrations?pageSize=2&pageNumber=1');
    assert.equal(page.lastUri, '/api/v2/integrations?pageSize=2&pageNumber=3');
    assert.equal(page.selfUri, `/api/v2/integrations?pageSize=2&pageNumber=${n}`);
    if (n < 3) assert.equal(page.nextUri, `/api/v2/integrations?pageSize=2&pageNumber=${n + 1}`);
    else assert.ok(!('nextUri' in page), `no nextUri on page ${n}`);
    if (n === 1) assert.ok(!('previousUri' in page));
    else assert.ok(page.previousUri, `previousUri on page ${n}`);
    if (n > 3) {
      assert.deepEqual(page.entities, []);
      break;
    }
    seen.push(...page.entities.map((e) => e.name));
  }
  assert.deepEqual(seen, byName, 'every integration once, in name order');
  // Terraform's loop: pageSize=100, pages until empty.
  const p1 = must(await org.admin.get('/api/v2/integrations?pageSize=100&pageNumber=1'), 'p1');
  assert.equal(p1.entities.length, 5);
  assert.ok(!('nextUri' in p1));
  const p2 = must(await org.admin.get('/api/v2/integrations?pageSize=100&pageNumber=2'), 'p2');
  assert.deepEqual(p2.entities, []);
  const far = must(await org.admin.get('/api/v2/integrations?pageNumber=1000000'), 'far');
  assert.deepEqual(far.entities, []);
  const dflt = must(await org.admin.get('/api/v2/integrations'), 'default');
  assert.equal(dflt.pageSize, 25);
  assert.equal(dflt.pageNumber, 1);
  // Loop on nextUri like other clients do.
  let uri = '/api/v2/integrations?pageSize=2&pageNumber=1'; const viaNext = [];
  while (uri) {
    const page = must(await org.admin.get(uri), uri);
    viaNext.push(...page.entities.map((e) => e.name));
    uri = page.nextUri;
  }
  assert.deepEqual(viaNext, byName);
  for (const q of ['pageSize=0', 'pageSize=501', 'pageSize=-1', 'pageSize=abc', 'pageNumber=0', 'pageNumber=-2', 'pageNumber=x']) {
    const res = await org.admin.get(`/api/v2/integrations?${q}`);
    assert.equal(res.status, 400, q);
    assert.ok(res.body.details.length > 0, `${q}: details`);
  }
  // Unknown sortBy / expand values are ignored.
  must(await org.admin.get('/api/v2/integrations?sortBy=whatever&expand=a,b&expand=c'), 'ignored params');
});

test('filters: integrationType, reportedState, ids (comma-joined and repeated), combined, and kept in the paging URIs', async () => {
  const org = await newOrg('Filter Org', { licenses: ['clientapps', 'acme-crm'] });
  assert.equal(server.cli(['type', 'add', manifestFile('filter-type.json', { id: 'filter-type', name: 'Filter Type', license: 'clientapps', minimumLevel: 1 })]).status, 0);
  const a = await activeApp(org.admin, 'F Active', { url: 'https://f.example.com/', roles: [], groups: [] });
  const b = (await create(org.admin, { name: 'F Inactive' })).id;
  const c = must(await org.admin.post('/api/v2/integrations', { integrationType: { id: 'filter-type' }, name: 'F Vendor' }), 'vendor').id;
  const d = (await create(org.admin, { name: 'F Other' })).id;
  const names = async (q) => must(await org.admin.get(`/api/v2/integrations?${q}`), q).entities.map((e) => e.name);

  assert.deepEqual(await names(`integrationType=${TYPE}`), ['F Active', 'F Inactive', 'F Other']);
  assert.deepEqual(await names('integrationType=filter-type'), ['F Vendor']);
  assert.deepEqual(await names('integrationType=nope'), []);
  assert.deepEqual(await names('reportedState=ACTIVE'), ['F Active']);
  assert.deepEqual(await names('reportedState=INACTIVE'), ['F Inactive', 'F Other', 'F Vendor']);
  assert.deepEqual(await names(`ids=${a},${c}`), ['F Active', 'F Vendor']);
  assert.deepEqual(await names(`ids=${b}&ids=${d}`), ['F Inactive', 'F Other']);
  assert.deepEqual(await names(`ids=${a}`), ['F Active']);
  assert.deepEqual(await names(`ids=${a},${b},${c}&reportedState=INACTIVE&integrationType=${TYPE}`), ['F Inactive']);
  // Another org's id never matches.
  const mine = await create(admin, { name: 'Main Org Only' });
  assert.deepEqual(await names(`ids=${mine.id}`), []);
  const tooMany = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
  assert.equal((await org.admin.get(`/api/v2/integrations?ids=${tooMany}`)).status, 400);

  // Paging a filtered list keeps the filter: following nextUri lists only the filtered ones.
  for (const q of [`ids=${b},${c},${d}`, 'reportedState=INACTIVE', `integrationType=${TYPE}`]) {
    let uri = `/api/v2/integrations?pageSize=1&${q}`; const seen = [];
    while (uri) {
      const page = must(await org.admin.get(uri), uri);
      seen.push(...page.entities.map((e) => e.name));
      uri = page.nextUri;
      assert.ok(seen.length < 10);
    }
    assert.deepEqual(seen, await names(`pageSize=100&${q}`), `nextUri keeps ${q}`);
  }
});

// ---- 4. validation of properties and advanced ----

test('validation: every bad property is a 400 naming the field, and nothing is stored', async (t) => {
  const app = await create(admin, { name: 'Validation Target' });
  const good = { url: 'https://apps.example.com/good', displayType: 'standalone', featureCategory: '', sandbox: 'allow-scripts', permissions: '', groups: [id.group] };
  must(await putConfig(admin, app.id, { properties: good }), 'good config');
  const stored = await readConfig(admin, app.id);
  const cases = [
    ['url ftp:', { url: 'ftp://apps.example.com/' }, 'properties.url', /"ftp:" scheme is not allowed/],
    ['url javascript:', { url: 'javascript:alert(1)' }, 'properties.url', /"javascript:" scheme is not allowed/],
    ['url JavaScript: mixed case', { url: 'JavaScript:alert(document.cookie)' }, 'properties.url', /scheme is not allowed/],
    ['url data:', { url: 'data:text/html,<script>alert(1)</script>' }, 'properties.url', /"data:" scheme is not allowed/],
    ['url user-info', { url: 'https://user:secret@apps.example.com/' }, 'properties.url', /user name or password/],
    ['url user only', { url: 'https://user@apps.example.com/' }, 'properties.url', /user name or password/],
    ['url too long', { url: `https://apps.example.com/${'a'.repeat(2048)}` }, 'properties.url', /too long.*2048/],
    ['url not absolute', { url: 'apps.example.com/app' }, 'properties.url'],
    ['url relative path', { url: '/app' }, 'properties.url'],
    ['url protocol-relative', { url: '//apps.example.com/app' }, 'properties.url'],
    ['url with a space', { url: 'https://apps.example.com/a b' }, 'properties.url'],
    ['url http non-loopback', { url: 'http://apps.example.com/' }, 'properties.url', /https:/],
    ['url http loopback look-alike', { url: 'http://127.0.0.1.evil.example.com/' }, 'properties.url', /https:/],
    ['url token in host', { url: 'https://{{gcHostOrigin}}/x' }, 'properties.url'],
    ['url bad port', { url: 'https://apps.example.com:99999/' }, 'properties.url'],
    ['url no host', { url: 'https:///path' }, 'properties.url'],
    ['url not a string', { url: 42 }, 'properties.url'],
    ['url non-ASCII', { url: 'https://аpps.example.com/' }, 'properties.url'],
    ['displayType', { displayType: 'popup' }, 'properties.displayType'],
    ['displayType case', { displayType: 'Widget' }, 'properties.displayType'],
    ['displayType type', { displayType: true }, 'properties.displayType'],
    ['featureCategory', { featureCategory: 'performance' }, 'properties.featureCategory'],
    ['featureCategory null', { featureCategory: null }, 'properties.featureCategory'],
    ['sandbox unknown token', { sandbox: 'allow-scripts,allow-top-navigation' }, 'properties.sandbox', /allow-top-navigation/],
    ['sandbox duplicate', { sandbox: 'allow-scripts,allow-forms,allow-scripts' }, 'properties.sandbox', /listed twice/],
    ['sandbox duplicate with blanks', { sandbox: 'allow-scripts, allow-scripts' }, 'properties.sandbox'],
    ['sandbox empty item', { sandbox: 'allow-scripts,,allow-forms' }, 'properties.sandbox'],
    ['sandbox space separated', { sandbox: 'allow-scripts allow-forms' }, 'properties.sandbox'],
    ['sandbox not a string', { sandbox: ['allow-scripts'] }, 'properties.sandbox'],
    ['permissions unknown', { permissions: 'camera,usb' }, 'properties.permissions'],
    ['permissions duplicate', { permissions: 'camera,camera' }, 'properties.permissions', /listed twice/],
    ['permissions not a string', { permissions: 5 }, 'properties.permissions'],
    ['groups social (refused by name)', { groups: [id.social] }, 'properties.groups', /Lunch Club.*social/],
    ['groups distribution (refused by name)', { groups: [id.group, id.distribution] }, 'properties.groups', /All Staff Mailing.*distribution/],
    ['groups unknown id', { groups: ['00000000-0000-4000-8000-000000000000'] }, 'properties.groups', /no group/],
    ['groups other org', { groups: [other.group] }, 'properties.groups', /no group/],
    ['groups duplicate', { groups: [id.group, id.group] }, 'properties.groups', /listed twice/],
    ['groups not an array', { groups: id.group }, 'properties.groups'],
    ['groups item not a string', { groups: [{ id: id.group }] }, 'properties.groups'],
    ['groups empty string', { groups: [''] }, 'properties.groups'],
    ['unknown key', { colour: 'red' }, 'properties.colour', /unknown/],
    ['unknown key (case)', { URL: 'https://apps.example.com/' }, 'properties.URL'],
  ];
  for (const [what, change, field, says] of cases) {
    await t.test(what, async () => {
      const body = assertRefused(await putConfig(admin, app.id, { properties: { ...good, ...change } }), field, what);
      if (says) assert.match(body.message, says);
      if (field === 'properties.groups' && change.groups?.includes(other.group)) {
        assert.doesNotMatch(body.message, /Other Support/, 'another org\'s group name is not revealed');
      }
      assert.deepEqual(await readConfig(admin, app.id), stored, 'nothing stored');
    });
  }
  await t.test('several problems at once are all named', async () => {
    const body = assertRefused(await putConfig(admin, app.id, { properties: { url: 'javascript:x', displayType: 'x', sandbox: 'nope' } }), 'properties.url');
    const fields = body.details.map((d) => d.fieldName);
    for (const f of ['properties.displayType', 'properties.sandbox']) assert.ok(fields.includes(f), f);
  });
  await t.test('the same rules apply to activation of a config stored before', async () => {
    assert.deepEqual(await readConfig(admin, app.id), stored);
  });
});

test('validation: the values the rules allow are accepted and stored as sent', async (t) => {
  const app = await create(admin, { name: 'Accepting Target' });
  const ok = [
    { url: 'https://apps.example.com/' }, { url: 'https://APPS.Example.com:8443/a/b?c=d#e' },
    { url: 'https://apps.example.com/p?lang={{gcLangTag}}&host={{gcHostOrigin}}&env={{gcTargetEnv}}&x={{pcLangTag}}&r={{pcEnvironment}}' },
    { url: `https://apps.example.com/${'a'.repeat(2000)}` },
    { url: 'http://127.0.0.1:5173/dev' }, { url: 'http://localhost:8080/' }, { url: 'https://[::1]:8443/' }, { url: '' },
    { displayType: 'standalone' }, { displayType: 'widget' },
    { featureCategory: '' }, { featureCategory: 'directory' }, { featureCategory: 'contactCenterInsights' },
    { sandbox: SANDBOX_TOKENS.join(',') }, { sandbox: 'allow-scripts, allow-forms' }, { sandbox: '' },
    { permissions: FEATURES.join(',') }, { permissions: null }, { permissions: '' },
    { groups: [] }, { groups: [id.group, id.group2] },
  ];
  for (const properties of ok) {
    await t.test(JSON.stringify(properties).slice(0, 80), async () => {
      const res = must(await putConfig(admin, app.id, { properties }), 'accepted');
      assert.deepEqual(res.properties, properties);
      assert.deepEqual((await readConfig(admin, app.id)).properties, properties);
    });
  }
});

test('validation: http URLs on loopback are refused by a server without --allow-http-apps', async () => {
  const s = await startServer({ allowHttpApps: false });
  try {
    const a = await s.login();
    const app = must(await a.post('/api/v2/integrations', { integrationType: { id: TYPE } }), 'create');
    const put = async (url) => {
      const cur = must(await a.get(`/api/v2/integrations/${app.id}/config/current`), 'cfg');
      return a.put(`/api/v2/integrations/${app.id}/config/current`, { version: cur.version, properties: { url } });
    };
    for (const url of ['http://127.0.0.1:3000/app', 'http://localhost/app', 'http://LOCALHOST:8080/']) {
      const body = assertRefused(await put(url), 'properties.url', url);
      assert.match(body.message, /--allow-http-apps/);
    }
    assert.deepEqual(must(await a.get(`/api/v2/integrations/${app.id}/config/current`), 'cfg').properties, {});
    must(await put('https://127.0.0.1:8443/app'), 'https on loopback');
    const icon = must(await a.get(`/api/v2/integrations/${app.id}/config/current`), 'cfg');
    assertRefused(await a.put(`/api/v2/integrations/${app.id}/config/current`, { version: icon.version, advanced: { icon: { vector: 'http://localhost/i.svg' } } }), 'advanced.icon.vector');
  } finally {
    await s.dispose();
  }
});

test('validation: advanced (i10n, lifecycle, icon, monochromicIcon, unknown keys) is checked against its schema', async (t) => {
  const app = await create(admin, { name: 'Advanced Target' });
  const good = { i10n: { fr: { name: 'Appli' }, 'en-us': { name: 'App' } }, lifecycle: { ephemeral: false, hooks: { bootstrap: true, focus: false, blur: true, stop: true } }, icon: { vector: 'https://apps.example.com/i.svg', '24x24': 'https://apps.example.com/24.png' }, monochromicIcon: { vector: 'https://apps.example.com/m.svg' } };
  const v = must(await putConfig(admin, app.id, { properties: { url: 'https://apps.example.com/' }, advanced: good }), 'good advanced');
  assert.deepEqual(v.advanced, good);
  const stored = await readConfig(admin, app.id);
  const cases = [
    ['i10n not an object', { i10n: ['fr'] }, 'advanced.i10n'],
    ['i10n bad language tag', { i10n: { 'not a tag': { name: 'x' } } }, 'advanced.i10n'],
    ['i10n name missing', { i10n: { fr: {} } }, 'advanced.i10n.fr.name'],
    ['i10n name empty', { i10n: { fr: { name: '' } } }, 'advanced.i10n.fr.name'],
    ['i10n name blank', { i10n: { fr: { name: '   ' } } }, 'advanced.i10n.fr.name'],
    ['i10n name too long', { i10n: { fr: { name: 'n'.repeat(201) } } }, 'advanced.i10n.fr.name'],
    ['i10n name not a string', { i10n: { fr: { name: 1 } } }, 'advanced.i10n.fr.name'],
    ['i10n unknown key', { i10n: { fr: { name: 'x', description: 'y' } } }, 'advanced.i10n.fr.description'],
    ['i10n entry not an object', { i10n: { fr: 'Appli' } }, 'advanced.i10n.fr'],
    ['lifecycle not an object', { lifecycle: true }, 'advanced.lifecycle'],
    ['lifecycle ephemeral not boolean', { lifecycle: { ephemeral: 'yes' } }, 'advanced.lifecycle.ephemeral'],
    ['lifecycle unknown key', { lifecycle: { restart: true } }, 'advanced.lifecycle.restart'],
    ['lifecycle hooks not an object', { lifecycle: { hooks: ['bootstrap'] } }, 'advanced.lifecycle.hooks'],
    ['lifecycle hook not boolean', { lifecycle: { hooks: { bootstrap: 'yes' } } }, 'advanced.lifecycle.hooks.bootstrap'],
    ['lifecycle unknown hook', { lifecycle: { hooks: { resize: true } } }, 'advanced.lifecycle.hooks.resize'],
    ['icon not an object', { icon: 'https://apps.example.com/i.svg' }, 'advanced.icon'],
    ['icon javascript:', { icon: { vector: 'javascript:alert(1)' } }, 'advanced.icon.vector'],
    ['icon data:', { icon: { '48x48': 'data:image/png;base64,AAAA' } }, 'advanced.icon.48x48'],
    ['icon http', { icon: { vector: 'http://apps.example.com/i.svg' } }, 'advanced.icon.vector'],
    ['icon unknown size', { icon: { '16x16': 'https://apps.example.com/16.png' } }, 'advanced.icon.16x16'],
    ['monochromicIcon bad url', { monochromicIcon: { vector: 'ftp://x/y.svg' } }, 'advanced.monochromicIcon.vector'],
    ['monochromicIcon not a string', { monochromicIcon: { '72x72': 7 } }, 'advanced.monochromicIcon.72x72'],
    ['unknown advanced key', { theme: 'dark' }, 'advanced.theme'],
  ];
  for (const [what, advanced, field] of cases) {
    await t.test(what, async () => {
      assertRefused(await putConfig(admin, app.id, { properties: stored.properties, advanced }), field, what);
      assert.deepEqual(await readConfig(admin, app.id), stored, 'nothing stored');
    });
  }
  // The advanced schema says the same about i10n tags.
  const schema = must(await admin.get(`/api/v2/integrations/types/${TYPE}/configschemas/advanced`), 'schema');
  const tagRe = new RegExp(schema.properties.i10n.propertyNames.pattern);
  for (const tag of ['fr', 'en-us', 'zh-Hant-TW', 'not a tag', 'e', 'english-too-long-subtag']) {
    const res = await putConfig(admin, app.id, { properties: stored.properties, advanced: { i10n: { [tag]: { name: 'x' } } } });
    assert.equal(res.status === 200, tagRe.test(tag), `tag ${tag}: server ${res.status}`);
  }
});

// ---- 5. roles ----

test('roles: set at create and by PATCH, returned as [{id, name}]; another org\'s or an unknown role is refused', async () => {
  const app = await create(admin, { name: 'Roles App', roles: [{ id: id.role }] });
  assert.deepEqual(app.roles, [{ id: id.role, name: 'App Users' }]);
  const both = must(await admin.patch(`/api/v2/integrations/${app.id}`, { roles: [{ id: id.role2 }, { id: id.role }] }), 'patch roles');
  assert.deepEqual(both.roles.map((r) => r.name).sort(), ['App Users', 'Supervisors']);
  assert.deepEqual(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').roles.map((r) => r.id).sort(), [id.role, id.role2].sort());
  const listed = must(await admin.get(`/api/v2/integrations?ids=${app.id}`), 'list').entities[0];
  assert.deepEqual(listed.roles.map((r) => r.id).sort(), [id.role, id.role2].sort());
  const cleared = must(await admin.patch(`/api/v2/integrations/${app.id}`, { roles: [] }), 'clear roles');
  assert.deepEqual(cleared.roles, []);
  must(await admin.patch(`/api/v2/integrations/${app.id}`, { roles: [{ id: id.role }] }), 'set again');

  // Another org's role, at create: 400 naming it, nothing stored.
  const total = must(await admin.get('/api/v2/integrations?pageSize=500'), 'list').total;
  const atCreate = await admin.post('/api/v2/integrations', { integrationType: { id: TYPE }, name: 'Foreign Role', roles: [{ id: id.role }, { id: other.role }] });
  assert.equal(atCreate.status, 400);
  assert.ok(atCreate.body.message.includes(other.role), atCreate.body.message);
  assert.match(atCreate.body.message, /roles\[1\]/, 'names the position of the refused role');
  assert.equal(must(await admin.get('/api/v2/integrations?pageSize=500'), 'list').total, total);
  const unknown = await admin.post('/api/v2/integrations', { integrationType: { id: TYPE }, roles: [{ id: 'no-such-role' }] });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.message, /no-such-role/);

  // Another org's role, by PATCH: 400 naming it; the roles are unchanged.
  const atPatch = await admin.patch(`/api/v2/integrations/${app.id}`, { roles: [{ id: id.role2 }, { id: other.role }] });
  assert.equal(atPatch.status, 400);
  assert.ok(atPatch.body.message.includes(other.role));
  assert.deepEqual(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').roles.map((r) => r.id), [id.role]);
  assertRefused(await admin.patch(`/api/v2/integrations/${app.id}`, { roles: [id.role] }), 'roles');
  assertRefused(await admin.patch(`/api/v2/integrations/${app.id}`, { roles: { id: id.role } }), 'roles');
  assert.deepEqual(must(await admin.get(`/api/v2/integrations/${app.id}`), 'get').roles.map((r) => r.id), [id.role]);
});

// ---- 6. who sees an app ----

test('clientapps: exactly the active apps with one of the caller\'s roles and one of the caller\'s groups', async () => {
  const url = 'https://visible.example.com/app?lang={{gcLangTag}}';
  const visible = await activeApp(admin, 'Visible App', { url, roles: [id.role], groups: [id.group], extra: { displayType: 'widget' } });
  const inactive = await activeApp(admin, 'Inactive App', { url: 'https://inactive.example.com/', roles: [id.role], groups: [id.group], enable: false });
  const noRoles = await activeApp(admin, 'No Roles App', { url: 'https://noroles.example.com/', roles: [], groups: [id.group] });
  const noGroups = await activeApp(admin, 'No Groups App', { url: 'https://nogroups.example.com/', roles: [id.role], groups: [] });
  const otherGroup = await activeApp(admin, 'Back Office App', { url: 'https://backoffice.example.com/', roles: [id.role], groups: [id.group2] });
  const otherRole = await activeApp(admin, 'Supervisor App', { url: 'https://supervisor.example.com/', roles: [id.role2], groups: [id.group] });
  const otherOrgApp = await activeApp(other.admin, 'Other Org App', { url: 'https://otherorg.example.com/', roles: [other.role], groups: [other.group] });
  const mine = [visible];

  // The member (role + group) sees exactly the one app, with current and effective config.
  const list = must(await users.member.get('/api/v2/integrations/clientapps'), 'member clientapps');
  const memberIds = list.entities.map((e) => e.id);
  assert.ok(memberIds.includes(visible));
  for (const hidden of [inactive, noRoles, noGroups, otherGroup, otherRole, otherOrgApp]) assert.ok(!memberIds.includes(hidden), `hidden ${hidden}`);
  const app = list.entities.find((e) => e.id === visible);
  assert.equal(app.name, 'Visible App');
  assert.equal(app.intendedState, 'ENABLED');
  assert.equal(app.reportedState.code, 'ACTIVE');
  assert.equal(app.integrationType.id, TYPE);
  assert.equal(app.selfUri, `/api/v2/integrations/clientapps/${visible}`);
  assert.deepEqual(app.config.current.properties, { url, groups: [id.group], displayType: 'widget' });
  assert.deepEqual(app.config.effective.properties, {
    url, groups: [id.group], displayType: 'widget', featureCategory: '', sandbox: DEFAULT_SANDBOX, permissions: '',
  });
  assert.equal(app.config.effective.version, app.config.current.version);
  assert.ok(list.total >= 1 && 'pageSize' in list && 'pageNumber' in list);
  const one = must(await users.member.get(`/api/v2/integrations/clientapps/${visible}`), 'clientapp');
  assert.deepEqual(one, app);

  // Nobody else sees it.
  for (const [who, session] of [['outsider (role, no group)', users.outsider], ['grouponly (group, no role)', users.grouponly],
    ['employee', users.employee], ['admin (not in the group)', admin], ['other org member', other.member], ['other org admin', other.admin]]) {
    const ids = await visibleIds(session);
    for (const x of mine) assert.ok(!ids.includes(x), `${who} does not see it`);
    const res = await session.get(`/api/v2/integrations/clientapps/${visible}`);
    assert.equal(res.status, 404, `${who}: clientapps/{id} is 404`);
  }
  for (const hidden of [inactive, noRoles, noGroups, otherGroup, otherRole, otherOrgApp, '00000000-0000-4000-8000-000000000000']) {
    assert.equal((await users.member.get(`/api/v2/integrations/clientapps/${hidden}`)).status, 404);
  }
  // The other org's member sees their own app, not ours.
  assert.deepEqual(await visibleIds(other.member), [otherOrgApp]);
  // A client-credentials token has no groups: it sees nothing.
  const token = await server.clientToken('App Users');
  assert.deepEqual(await visibleIds(token), []);

  // Changes apply at once: the outsider joins the group, the member loses the role, the app is disabled.
  await addMembers(admin, id.group, [id.outsider]);
  assert.ok((await visibleIds(users.outsider)).includes(visible));
  must(await admin.put(`/api/v2/authorization/roles/${id.role}/users/remove`, [id.member]), 'remove role');
  assert.ok(!(await visibleIds(users.member)).includes(visible));
  await giveRole(admin, id.role, [id.member]);
  assert.ok((await visibleIds(users.member)).includes(visible));
  await setState(admin, visible, 'DISABLED');
  assert.ok(!(await visibleIds(users.member)).includes(visible));
  await setState(admin, inactive, 'ENABLED');
  assert.ok((await visibleIds(users.member)).includes(inactive));
  // Clean up what later tests count on.
  must(await admin.delete(`/api/v2/groups/${id.group}/members?ids=${id.outsider}`), 'remove member', 200, 202, 204);
  for (const x of [visible, inactive, noRoles, noGroups, otherGroup, otherRole]) must(await admin.delete(`/api/v2/integrations/${x}`), 'delete');
  must(await other.admin.delete(`/api/v2/integrations/${otherOrgApp}`), 'delete');
  assert.equal((await users.member.get('/api/v2/integrations/clientapps')).status, 200);
  assert.equal((await server.anonymous().get('/api/v2/integrations/clientapps')).status, 401);
  assert.equal((await server.anonymous().get(`/api/v2/integrations/clientapps/${visible}`)).status, 401);
});

test('clientapps ETag: the same list answers 304 to If-None-Match; a change answers 200 with a new ETag', async () => {
  const org = await newOrg('Etag Org');
  const role = await createRole(org.admin, 'Etag Users');
  const group = await createGroup(org.admin, 'Etag Team');
  const u = await addUser('ed@etag.example.com', 'Ed Etag', { org: 'Etag Org' });
  await giveRole(org.admin, role, [u.id]);
  await addMembers(org.admin, group, [u.id]);
  const appId = await activeApp(org.admin, 'Etag App', { url: 'https://etag.example.com/', roles: [role], groups: [group] });

  const first = await u.session.get('/api/v2/integrations/clientapps');
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[^"]+"$/);
  const again = await u.session.get('/api/v2/integrations/clientapps', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, undefined, 'no body on 304');
  assert.equal(again.headers.get('etag'), etag);
  assert.equal((await u.session.get('/api/v2/integrations/clientapps', { 'if-none-match': '"something-else"' })).status, 200);

  // A write that does not change this user's list: still 304.
  await create(org.admin, { name: 'Unrelated Disabled' });
  assert.equal((await u.session.get('/api/v2/integrations/clientapps', { 'if-none-match': etag })).status, 304);

  // A config change of a visible app: 200 with a new ETag and the new config.
  must(await putConfig(org.admin, appId, { properties: { url: 'https://etag.example.com/v2', groups: [group] } }), 'put');
  const changed = await u.session.get('/api/v2/integrations/clientapps', { 'if-none-match': etag });
  assert.equal(changed.status, 200);
  const etag2 = changed.headers.get('etag');
  assert.notEqual(etag2, etag);
  assert.equal(changed.body.entities[0].config.current.properties.url, 'https://etag.example.com/v2');
  assert.equal((await u.session.get('/api/v2/integrations/clientapps', { 'if-none-match': etag2 })).status, 304);

  // A new visible app, then the user leaves the group: each a new list, a new ETag.
  await activeApp(org.admin, 'Etag Two', { url: 'https://etag2.example.com/', roles: [role], groups: [group] });
  const three = await u.session.get('/api/v2/integrations/clientapps', { 'if-none-match': etag2 });
  assert.equal(three.status, 200);
  assert.equal(three.body.entities.length, 2);
  const etag3 = three.headers.get('etag');
  assert.ok(![etag, etag2].includes(etag3));

  // Each page is its own representation: page 2's ETag differs and page 1's never makes page 2 a 304.
  const p1 = await u.session.get('/api/v2/integrations/clientapps?pageSize=1&pageNumber=1');
  const p2 = await u.session.get('/api/v2/integrations/clientapps?pageSize=1&pageNumber=2');
  assert.notDeepEqual(p1.body.entities, p2.body.entities);
  assert.notEqual(p1.headers.get('etag'), p2.headers.get('etag'));
  assert.equal((await u.session.get('/api/v2/integrations/clientapps?pageSize=1&pageNumber=2', { 'if-none-match': p1.headers.get('etag') })).status, 200);

  // Another user with the same visible list gets the same ETag (the list, not the user, is tagged).
  const v = await addUser('vi@etag.example.com', 'Vi Etag', { org: 'Etag Org' });
  await giveRole(org.admin, role, [v.id]);
  await addMembers(org.admin, group, [v.id]);
  assert.equal((await v.session.get('/api/v2/integrations/clientapps', { 'if-none-match': etag3 })).status, 304);
});

test('GET / : CSP frame-src lists exactly the visible apps\' origins; Permissions-Policy delegates only granted features', async () => {
  const org = await newOrg('Shell Org');
  const role = await createRole(org.admin, 'Shell Users');
  const group = await createGroup(org.admin, 'Shell Team');
  const hiddenGroup = await createGroup(org.admin, 'Hidden Team');
  const u = await addUser('sam@shell.example.com', 'Sam Shell', { org: 'Shell Org' });
  const outsider = await addUser('ned@shell.example.com', 'Ned Nonmember', { org: 'Shell Org' });
  await giveRole(org.admin, role, [u.id, outsider.id]);
  await addMembers(org.admin, group, [u.id]);
  await activeApp(org.admin, 'Cam App', { url: 'https://Cam.Example.com:443/x?{{gcLangTag}}', roles: [role], groups: [group], extra: { permissions: 'camera,clipboard-write' } });
  await activeApp(org.admin, 'Same Origin Two', { url: 'https://cam.example.com/other', roles: [role], groups: [group], extra: { permissions: 'fullscreen' } });
  await activeApp(org.admin, 'Port App', { url: 'https://port.example.com:8443/', roles: [role], groups: [group] });
  await activeApp(org.admin, 'Dev App', { url: 'http://127.0.0.1:5173/dev', roles: [role], groups: [group], extra: { permissions: 'geolocation' } });
  await activeApp(org.admin, 'Mic App (hidden)', { url: 'https://mic.example.com/', roles: [role], groups: [hiddenGroup], extra: { permissions: 'microphone,camera' } });
  await activeApp(org.admin, 'Disabled Cam', { url: 'https://disabled.example.com/', roles: [role], groups: [group], extra: { permissions: 'display-capture' }, enable: false });

  const page = await u.session.get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  const csp = cspOf(page);
  assert.deepEqual([...csp['frame-src']].sort(), ['http://127.0.0.1:5173', 'https://cam.example.com', 'https://port.example.com:8443']);
  assert.deepEqual(csp['frame-ancestors'], ["'none'"]);
  assert.deepEqual(csp['default-src'], ["'self'"]);
  const pp = permissionsPolicyOf(page);
  assert.deepEqual(Object.keys(pp).sort(), [...FEATURES].sort(), 'every feature is named');
  assert.deepEqual(pp.camera, ['https://cam.example.com']);
  assert.deepEqual(pp['clipboard-write'], ['https://cam.example.com']);
  assert.deepEqual(pp.fullscreen, ['https://cam.example.com']);
  assert.deepEqual(pp.geolocation, ['http://127.0.0.1:5173']);
  assert.deepEqual(pp.microphone, [], 'only the hidden app asked for the microphone');
  assert.deepEqual(pp['display-capture'], [], 'only a disabled app asked for display-capture');

  // A non-member, a member of another org, and nobody at all: no frames, no features.
  for (const [who, session] of [['non-member', outsider.session], ['other org', other.member], ['anonymous', server.anonymous()]]) {
    const res = await session.get('/');
    assert.equal(res.status, 200, who);
    assert.deepEqual(cspOf(res)['frame-src'], ["'none'"], who);
    for (const [f, origins] of Object.entries(permissionsPolicyOf(res))) assert.deepEqual(origins, [], `${who}: ${f}`);
  }
});

test('GET / with many visible apps on long origins: every origin whole in frame-src and Permissions-Policy, none cut short', async () => {
  const org = await newOrg('Crowded Org');
  const role = await createRole(org.admin, 'Crowd Users');
  const group = await createGroup(org.admin, 'Crowd Team');
  const u = await addUser('cy@crowded.example.com', 'Cy Crowd', { org: 'Crowded Org' });
  await giveRole(org.admin, role, [u.id]);
  await addMembers(org.admin, group, [u.id]);
  // 34 origins of ~250 characters (more than 8 KiB), 6 of them granted the camera (more than 1 KiB),
  // while the whole answer stays under Node's 16 KiB header limit.
  const origins = []; const cameras = [];
  for (let i = 0; i < 34; i++) {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(60)}-${String(i).padStart(2, '0')}.example.com`;
    origins.push(`https://${host}`);
    if (i % 6 === 0) cameras.push(`https://${host}`);
    await activeApp(org.admin, `Crowd ${i}`, { url: `https://${host}/app`, roles: [role], groups: [group], extra: { permissions: i % 6 === 0 ? 'camera' : '' } });
  }
  const page = await u.session.get('/');
  assert.equal(page.status, 200);
  assert.deepEqual([...cspOf(page)['frame-src']].sort(), [...origins].sort(), 'frame-src names each origin, whole');
  const pp = permissionsPolicyOf(page);
  assert.deepEqual([...pp.camera].sort(), [...cameras].sort(), 'camera is delegated to each origin granted it, whole');
  assert.deepEqual(pp.microphone, []);
});

// ---- 7. history and audit ----

test('history lists the configuration versions newest first, with who and when', async () => {
  const app = await create(admin, { name: 'History App' });
  must(await putConfig(admin, app.id, { properties: { url: 'https://h.example.com/1' }, notes: 'one' }), 'v2');
  must(await admin.patch(`/api/v2/integrations/${app.id}`, { name: 'History Renamed' }), 'v3');
  must(await putConfig(admin, app.id, { properties: { url: 'https://h.example.com/2' }, notes: 'two' }), 'v4');
  const h = must(await admin.get(`/api/v2/integrations/${app.id}/history`), 'history');
  assert.equal(h.total, 4);
  assert.deepEqual(h.entities.map((e) => e.version), [4, 3, 2, 1]);
  assert.deepEqual(h.entities.map((e) => e.name), ['History Renamed', 'History Renamed', 'History App', 'History App']);
  assert.deepEqual(h.entities[0].properties, { url: 'https://h.example.com/2' });
  assert.equal(h.entities[0].notes, 'two');
  assert.deepEqual(h.entities[2].properties, { url: 'https://h.example.com/1' });
  assert.deepEqual(h.entities[3].properties, {});
  for (const e of h.entities) {
    assert.equal(e.changedBy.id, id.admin);
    assert.ok(!Number.isNaN(Date.parse(e.changedAt)));
  }
  const times = h.entities.map((e) => Date.parse(e.changedAt));
  assert.deepEqual([...times].sort((a, b) => b - a), times);
  const p2 = must(await admin.get(`/api/v2/integrations/${app.id}/history?pageSize=3&pageNumber=2`), 'page 2');
  assert.deepEqual(p2.entities.map((e) => e.version), [1]);
  assert.ok(!('nextUri' in p2));
  // A refused PUT adds no version.
  assertRefused(await putConfig(admin, app.id, { properties: { url: 'javascript:x' } }), 'properties.url');
  assert.equal(must(await admin.get(`/api/v2/integrations/${app.id}/history`), 'history').total, 4);
});

test('audit: create, configure, activate, change-roles, delete with who, before and after; survives deletion; newest first', async () => {
  const app = await create(admin, { name: 'Audited App' });
  must(await putConfig(admin, app.id, { properties: { url: 'https://audit.example.com/' } }), 'configure');
  await setState(admin, app.id, 'ENABLED');
  must(await admin.patch(`/api/v2/integrations/${app.id}`, { roles: [{ id: id.role }] }), 'change roles');
  await setState(admin, app.id, 'DISABLED');
  must(await admin.delete(`/api/v2/integrations/${app.id}`), 'delete');
  assert.equal((await admin.get(`/api/v2/integrations/${app.id}`)).status, 404);

  const audit = must(await admin.get(`/api/v2/audits?entityId=${app.id}`), 'audit');
  assert.deepEqual(audit.entities.map((e) => e.action), ['delete', 'deactivate', 'change-roles', 'activate', 'configure', 'create']);
  assert.equal(audit.total, 6);
  for (const e of audit.entities) {
    assert.equal(e.entity.id, app.id);
    assert.equal(e.entity.type, 'integration');
    assert.equal(e.entity.name, 'Audited App');
    assert.equal(e.user.id, id.admin);
    assert.ok(e.user.name);
    assert.ok(!Number.isNaN(Date.parse(e.timestamp)));
  }
  const times = audit.entities.map((e) => Date.parse(e.timestamp));
  assert.deepEqual([...times].sort((a, b) => b - a), times, 'newest first');
  const by = Object.fromEntries(audit.entities.map((e) => [e.action, e]));
  assert.equal(by.create.before, null);
  assert.equal(by.create.after.name, 'Audited App');
  assert.equal(by.configure.before.version, 1);
  assert.deepEqual(by.configure.before.properties, {});
  assert.equal(by.configure.after.version, 2);
  assert.deepEqual(by.configure.after.properties, { url: 'https://audit.example.com/' });
  assert.equal(by.activate.before.intendedState, 'DISABLED');
  assert.equal(by.activate.after.intendedState, 'ENABLED');
  assert.deepEqual(by['change-roles'].before.roles, []);
  assert.deepEqual(by['change-roles'].after.roles.map((r) => r.id), [id.role]);
  assert.equal(by.delete.before.name, 'Audited App');
  assert.equal(by.delete.after, null);

  // Paged, newest first across pages; the filter holds on every page.
  const p1 = must(await admin.get(`/api/v2/audits?entityId=${app.id}&pageSize=4`), 'p1');
  const p2 = must(await admin.get(`/api/v2/audits?entityId=${app.id}&pageSize=4&pageNumber=2`), 'p2');
  assert.deepEqual([...p1.entities, ...p2.entities].map((e) => e.id), audit.entities.map((e) => e.id));
  assert.equal(p1.nextUri, `/api/v2/audits?pageSize=4&pageNumber=2&entityId=${app.id}`);
  // Unfiltered: other entities too, newest first.
  const all = must(await admin.get('/api/v2/audits?pageSize=100'), 'all');
  assert.ok(all.entities.some((e) => e.entity.id !== app.id));
  assert.equal(all.entities[0].entity.id, app.id, 'the delete is the newest event');
  // Another org sees none of it; an Employee may not read the audit.
  assert.deepEqual(must(await other.admin.get(`/api/v2/audits?entityId=${app.id}`), 'other').entities, []);
  const employee = await users.employee.get('/api/v2/audits');
  assert.equal(employee.status, 403);
  assert.match(employee.body.message, /audits:audit:view/);
  assert.equal((await server.anonymous().get('/api/v2/audits')).status, 401);
});

test('audit: changes made within one millisecond stay in the order they were made', async () => {
  // Renames bump the configuration version one at a time, so the version in each event's `after`
  // is the order in which the server wrote them. Fired many at once, most share a millisecond.
  const app = await create(admin, { name: 'Quick 0' });
  const waves = 5; const perWave = 40;
  for (let w = 0; w < waves; w++) {
    const res = await Promise.all(Array.from({ length: perWave }, (_, k) => admin.patch(`/api/v2/integrations/${app.id}`, { name: `Quick ${w}-${k}` })));
    for (const r of res) assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  for (let i = 1; i <= 40; i++) must(await admin.patch(`/api/v2/integrations/${app.id}`, { name: `Quick ${i}` }), 'rename');
  const audit = must(await admin.get(`/api/v2/audits?entityId=${app.id}&pageSize=500`), 'audit');
  assert.equal(audit.total, waves * perWave + 40 + 1);
  const versions = audit.entities.map((e) => e.after.version);
  const expected = Array.from({ length: versions.length }, (_, i) => versions.length - i);
  assert.deepEqual(versions, expected, 'newest first is the order the changes were made');
  assert.equal(audit.entities[0].after.name, 'Quick 40');
  const times = audit.entities.map((e) => Date.parse(e.timestamp));
  assert.deepEqual([...times].sort((a, b) => b - a), times);
});

// ---- 401 / 403 / 404 on every endpoint ----

test('every integrations endpoint: 401 without credentials, 403 naming the permission, 404 for another org\'s id', async (t) => {
  const app = await create(admin, { name: 'Guarded App' });
  must(await putConfig(admin, app.id, { properties: { url: 'https://guarded.example.com/' } }), 'put');
  const base = `/api/v2/integrations/${app.id}`;
  const endpoints = [
    ['get', '/api/v2/integrations', undefined, 'integrations:integration:view'],
    ['post', '/api/v2/integrations', { integrationType: { id: TYPE } }, 'integrations:integration:add'],
    ['get', base, undefined, 'integrations:integration:view'],
    ['patch', base, { name: 'Hijacked' }, 'integrations:integration:edit'],
    ['delete', base, undefined, 'integrations:integration:delete'],
    ['get', `${base}/config/current`, undefined, 'integrations:integration:view'],
    ['put', `${base}/config/current`, { version: 2, name: 'Hijacked', properties: { url: 'https://evil.example.com/' } }, 'integrations:integration:edit'],
    ['get', `${base}/history`, undefined, 'integrations:integration:view'],
    ['get', '/api/v2/integrations/types', undefined, 'integrations:integration:view'],
    ['get', `/api/v2/integrations/types/${TYPE}`, undefined, 'integrations:integration:view'],
    ['get', `/api/v2/integrations/types/${TYPE}/configschemas/properties`, undefined, 'integrations:integration:view'],
    ['get', `/api/v2/integrations/types/${TYPE}/configschemas/advanced`, undefined, 'integrations:integration:view'],
    ['get', '/api/v2/audits', undefined, 'audits:audit:view'],
    ['get', '/api/v2/integrations/clientapps', undefined, null],
    ['get', `/api/v2/integrations/clientapps/${app.id}`, undefined, null],
  ];
  const anon = server.anonymous();
  const badToken = new Session(server, { token: 'not-a-real-token' });
  const viewer = await addUser('vera@example.com', 'Vera Viewer');
  const viewRole = must(await admin.post('/api/v2/authorization/roles', { name: 'Integration Viewers', permissionPolicies: [{ domain: 'integrations', entityName: 'integration', actionSet: ['view'] }] }), 'role').id;
  await giveRole(admin, viewRole, [viewer.id]);
  const employeeToken = await server.clientToken('Employee');

  for (const [method, path, body, permission] of endpoints) {
    await t.test(`${method.toUpperCase()} ${path.replace(app.id, '{id}')}`, async () => {
      const none = await anon[method](path, body);
      assert.equal(none.status, 401, 'no credentials');
      assert.equal(none.body.code, 'authentication.required');
      const bad = await badToken[method](path, body);
      assert.equal(bad.status, 401, 'an invalid token');
      assert.equal(bad.body.code, 'bad.credentials');
      if (permission) {
        for (const [who, session] of [['employee session', users.employee], ['employee token', employeeToken]]) {
          const res = await session[method](path, body);
          assert.equal(res.status, 403, who);
          assert.equal(res.body.code, 'missing.any.permissions');
          assert.ok(res.body.message.includes(permission), `${who}: message names ${permission}: ${res.body.message}`);
        }
        const asViewer = await viewer.session[method](path, body);
        if (permission === 'integrations:integration:view') assert.equal(asViewer.status, 200, 'a viewer may read');
        else {
          assert.equal(asViewer.status, 403, 'a viewer may not change');
          assert.ok(asViewer.body.message.includes(permission));
        }
      }
      if (path.includes(app.id)) {
        for (const session of [other.admin, await server.clientToken('Master Admin', 'Other Org')]) {
          const res = await session[method](path, body);
          assert.equal(res.status, 404, 'another org\'s id is not found');
          assert.equal(res.body.code, 'not.found');
        }
      }
    });
  }
  await t.test('PATCH of another org\'s id with roles is still 404', async () => {
    const res = await other.admin.patch(base, { roles: [{ id: other.role }] });
    assert.equal(res.status, 404);
  });
  await t.test('nothing was changed by the refused calls', async () => {
    const got = must(await admin.get(base), 'get');
    assert.equal(got.name, 'Guarded App');
    assert.equal(got.config.current.version, 2);
    assert.deepEqual(got.config.current.properties, { url: 'https://guarded.example.com/' });
    assert.deepEqual(got.roles, []);
  });
  await t.test('a session without the CSRF header cannot change anything', async () => {
    const noCsrf = new Session(server, { cookie: admin.cookie });
    const res = await noCsrf.patch(base, { name: 'No Csrf' });
    assert.equal(res.status, 403);
    assert.equal(must(await admin.get(base), 'get').name, 'Guarded App');
  });
});
