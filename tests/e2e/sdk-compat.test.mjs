// Compatibility with the official JavaScript Platform SDK (npm purecloud-platform-client-v2, pinned
// in package-lock.json): the integration flow that Terraform-style automation and app developers
// run (issue 3, item 8), driven through the SDK's own IntegrationsApi against a real Portico.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './lib/server.mjs';

// The SDK reads ~/.genesyscloudjavascript/config when it loads: give it an empty HOME first.
const home = mkdtempSync(join(tmpdir(), 'portico-sdk-home-'));
process.env.HOME = home;
const require = createRequire(import.meta.url);
const platform = require('purecloud-platform-client-v2');

const TYPE = 'embedded-client-app';
let server; let api; let client;

/** A second SDK client (ApiClient is exported as its singleton instance). */
function newClient() {
  const c = new platform.ApiClient.constructor();
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(new URL(server.url).port), path_params_api: '', path_params_login: '' });
  return c;
}

/** The promise's rejection value (the SDK rejects with the parsed error body). */
async function rejectionOf(promise) {
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    return e;
  }
  return undefined;
}

before(async () => {
  server = await startServer();
  const added = server.cli(['client', 'add', '--name', 'sdk-automation', '--role', 'Master Admin']);
  assert.equal(added.status, 0, added.stderr);
  const { clientId, clientSecret } = JSON.parse(added.stdout);
  client = platform.ApiClient.instance;
  const port = Number(new URL(server.url).port);
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port, path_params_api: '', path_params_login: '' });
  const auth = await client.loginClientCredentialsGrant(clientId, clientSecret);
  assert.ok(auth.accessToken, 'the SDK stored the access token');
  assert.ok(auth.tokenExpiryTime > Date.now(), 'the SDK read expires_in');
  api = new platform.IntegrationsApi();
});

after(async () => {
  await server?.dispose();
  rmSync(home, { recursive: true, force: true });
});

test('the SDK read no personal configuration: HOME is the empty folder', () => {
  assert.equal(process.env.HOME, home);
  assert.deepEqual(readdirSync(home), []);
});

test('a wrong client secret is rejected by loginClientCredentialsGrant', async () => {
  const other = newClient();
  const added = JSON.parse(server.cli(['client', 'add', '--name', 'sdk-wrong', '--role', 'Master Admin']).stdout);
  const e = await rejectionOf(other.loginClientCredentialsGrant(added.clientId, 'not-the-secret'));
  assert.equal(e.status ?? e.response?.status, 401);
});

test('the whole flow: create without a name, configure, stale put, enable, page, filter, delete', async () => {
  // Create with only the type: the server names it after the type.
  const created = await api.postIntegrations({ body: { integrationType: { id: TYPE } } });
  assert.match(created.id, /^[0-9a-f-]{36}$/);
  assert.equal(created.name, 'Custom Client Application');
  assert.equal(created.integrationType.id, TYPE);
  assert.equal(created.intendedState, 'DISABLED');
  assert.equal(created.reportedState.code, 'INACTIVE');
  assert.equal(created.selfUri, `/api/v2/integrations/${created.id}`);

  // A new integration's configuration: version 1, objects never null.
  const config = await api.getIntegrationConfigCurrent(created.id);
  assert.equal(config.version, 1);
  assert.deepEqual(config.properties, {});
  assert.deepEqual(config.advanced, {});
  assert.deepEqual(config.credentials, {});
  assert.equal(config.notes, '');
  assert.equal(config.name, created.name);

  // Put with the current version: version + 1, properties back with the keys sent.
  const properties = { url: 'https://apps.example.com/sdk?lang={{gcLangTag}}', displayType: 'widget', sandbox: 'allow-scripts,allow-same-origin' };
  const put = await api.putIntegrationConfigCurrent(created.id, {
    body: { name: 'SDK App', version: config.version, properties, advanced: {}, notes: 'from the SDK', credentials: {} },
  });
  assert.equal(put.version, 2);
  assert.equal(put.name, 'SDK App');
  assert.deepEqual(put.properties, properties);
  assert.equal(put.notes, 'from the SDK');
  const reread = await api.getIntegrationConfigCurrent(created.id);
  assert.equal(reread.version, 2);
  assert.deepEqual(reread.properties, properties);
  const renamed = await api.getIntegration(created.id);
  assert.equal(renamed.name, 'SDK App', 'the config name is the integration name');

  // A stale version: the SDK rejects with the parsed ErrorBody, status 409; nothing changed.
  const stale = await rejectionOf(api.putIntegrationConfigCurrent(created.id, {
    body: { name: 'SDK App', version: 1, properties: { url: 'https://evil.example.com/' }, advanced: {}, notes: '', credentials: {} },
  }));
  assert.equal(stale.status, 409);
  assert.equal(stale.code, 'conflict');
  assert.match(stale.message, /does not match the current version/);
  assert.match(stale.contextId, /^[0-9a-f-]{36}$/);
  assert.deepEqual((await api.getIntegrationConfigCurrent(created.id)).properties, properties);

  // The same through returnExtended: the HTTP status itself is 409.
  client.setReturnExtendedResponses(true);
  try {
    const ext = await rejectionOf(api.putIntegrationConfigCurrent(created.id, {
      body: { name: 'SDK App', version: 1, properties: {}, advanced: {}, notes: '', credentials: {} },
    }));
    assert.equal(ext.status, 409);
  } finally {
    client.setReturnExtendedResponses(false);
  }

  // Enable: the SDK's real signature is patchIntegration(id, {body}).
  const enabled = await api.patchIntegration(created.id, { body: { intendedState: 'ENABLED' } });
  assert.equal(enabled.intendedState, 'ENABLED');
  assert.equal(enabled.reportedState.code, 'ACTIVE');
  assert.ok(!Number.isNaN(Date.parse(enabled.reportedState.lastUpdated)));

  // More integrations, then page with pageSize/pageNumber until a page is empty.
  const ids = [created.id];
  for (let i = 0; i < 4; i++) ids.push((await api.postIntegrations({ body: { integrationType: { id: TYPE }, name: `SDK Extra ${i}` } })).id);
  const seen = [];
  let pageNumber = 1; let pages = 0;
  for (;;) {
    const page = await api.getIntegrations({ pageSize: 2, pageNumber });
    assert.equal(page.pageSize, 2);
    assert.equal(page.pageNumber, pageNumber);
    assert.equal(page.total, 5);
    if (page.entities.length === 0) {
      assert.equal(page.nextUri, undefined, 'no nextUri past the end');
      break;
    }
    if (pageNumber === page.pageCount) assert.equal(page.nextUri, undefined, 'no nextUri on the last page');
    else assert.equal(page.nextUri, `/api/v2/integrations?pageSize=2&pageNumber=${pageNumber + 1}`);
    seen.push(...page.entities.map((e) => e.id));
    pageNumber++; pages++;
    assert.ok(pages < 10, 'paging ends');
  }
  assert.equal(pages, 3);
  assert.deepEqual([...seen].sort(), [...ids].sort(), 'every integration once');

  // Filter by type, by state, by ids (the SDK sends repeated ids= keys).
  const byType = await api.getIntegrations({ integrationType: TYPE, pageSize: 100 });
  assert.equal(byType.total, 5);
  const none = await api.getIntegrations({ integrationType: 'no-such-type' });
  assert.equal(none.total, 0);
  assert.deepEqual(none.entities, []);
  const active = await api.getIntegrations({ reportedState: 'ACTIVE' });
  assert.deepEqual(active.entities.map((e) => e.id), [created.id]);
  const two = await api.getIntegrations({ ids: [ids[1], ids[3]] });
  assert.deepEqual(two.entities.map((e) => e.id).sort(), [ids[1], ids[3]].sort());

  // Delete: answers the integration; a later GET is 404 (the SDK rejects with status 404).
  const deleted = await api.deleteIntegration(created.id);
  assert.equal(deleted?.id, created.id);
  const gone = await rejectionOf(api.getIntegration(created.id));
  assert.equal(gone.status, 404);
  assert.equal(gone.code, 'not.found');
  const goneConfig = await rejectionOf(api.getIntegrationConfigCurrent(created.id));
  assert.equal(goneConfig.status, 404);
  assert.equal((await api.getIntegrations({ pageSize: 100 })).total, 4);
});

test('the SDK lists client apps: a client without groups sees none', async () => {
  const apps = await api.getIntegrationsClientapps({ pageSize: 25, pageNumber: 1 });
  assert.deepEqual(apps.entities, []);
  assert.equal(apps.total, 0);
  assert.equal(apps.pageNumber, 1);
});

test('the SDK reads the catalog and the type schemas', async () => {
  const types = await api.getIntegrationsTypes({ pageSize: 100 });
  const builtin = types.entities.find((t) => t.id === TYPE);
  assert.ok(builtin, 'the built-in type is listed');
  assert.equal(builtin.provider, 'clientapps');
  const one = await api.getIntegrationsType(TYPE);
  assert.equal(one.id, TYPE);
  const schema = await api.getIntegrationsTypeConfigschema(TYPE, 'properties');
  assert.equal(schema.type, 'object');
  assert.ok(schema.properties.url);
  const missing = await rejectionOf(api.getIntegrationsType('no-such-type'));
  assert.equal(missing.status, 404);
});

test('an SDK client without the permission is refused with 403 naming it', async () => {
  const added = JSON.parse(server.cli(['client', 'add', '--name', 'sdk-employee', '--role', 'Employee']).stdout);
  const weak = newClient();
  await weak.loginClientCredentialsGrant(added.clientId, added.clientSecret);
  const weakApi = new platform.IntegrationsApi(weak);
  const e = await rejectionOf(weakApi.postIntegrations({ body: { integrationType: { id: TYPE } } }));
  assert.equal(e.status, 403);
  assert.equal(e.code, 'missing.any.permissions');
  assert.match(e.message, /integrations:integration:add/);
});
