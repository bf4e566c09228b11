// Several `portico serve` processes on one database (issue 6): what one writes the
// other reads at once, sessions and tokens work on any of them, and concurrent writes
// with one version let exactly one win, across processes too. Runs on the database of
// the suite: PostgreSQL under scripts/pg-test.sh, else one SQLite file shared by both
// processes. The database-outage test needs PostgreSQL (it cuts a TCP proxy in front of it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Server, Session, usingPostgres, pgAdmin } from './lib/server.mjs';
import { TcpProxy } from './lib/tcp-proxy.mjs';
import { disposeChecked } from './lib/foundation.mjs';

const PASSWORD = 'correct horse battery staple 3';
let a; let b; let adminA; let adminB;

/** The same database as `server`, for another process. */
function sharedDatabase(server) {
  return server.database || join(server.dataDir, 'portico.db');
}

function must(res, what, ...ok) {
  const want = ok.length ? ok : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The same caller, talking to another server. */
function via(server, session) {
  const { cookie, csrfToken, token } = session;
  return new Session(server, { cookie, csrfToken, token });
}

before(async () => {
  a = await new Server().start();
  b = new Server({ database: sharedDatabase(a) });
  b.initialised = true; // a's `init` made the database
  await b.start();
  adminA = await a.login();
  adminB = await b.login();
});

after(async () => {
  await disposeChecked(b); // and no sanitizer report in their output
  await disposeChecked(a);
});

test('two servers on one database: a group, a user and a role written through one are read, changed and deleted through the other', async () => {
  const group = must(await adminA.post('/api/v2/groups', { name: 'Shared Team', type: 'official', description: 'made on A' }), 'create group');
  const seen = must(await adminB.get(`/api/v2/groups/${group.id}`), 'group on B');
  assert.equal(seen.name, 'Shared Team');
  must(await adminB.patch(`/api/v2/groups/${group.id}`, { description: 'changed on B', version: seen.version }), 'patch on B');
  assert.equal(must(await adminA.get(`/api/v2/groups/${group.id}`), 'group on A').description, 'changed on B');

  const user = must(await adminB.post('/api/v2/users', { name: 'Bea Both', email: 'bea@example.com', password: PASSWORD }), 'create user on B');
  must(await adminA.post(`/api/v2/groups/${group.id}/members`, { memberIds: [user.id] }), 'add member on A', 200, 202, 204);
  const members = must(await adminB.get(`/api/v2/groups/${group.id}/members`), 'members on B');
  assert.deepEqual(members.entities.map((m) => m.id), [user.id]);

  const role = must(await adminA.post('/api/v2/authorization/roles', { name: 'Shared Role', description: '', permissionPolicies: [] }), 'create role');
  must(await adminB.put(`/api/v2/authorization/roles/${role.id}/users/add`, [user.id]), 'role users on B', 200, 202, 204);
  const holders = must(await adminA.get(`/api/v2/authorization/roles/${role.id}/users`), 'role users on A');
  assert.deepEqual(holders.entities.map((u) => u.id), [user.id]);

  // The user signs in on A; B sees the role and group the admin gave through the other server.
  const bea = await a.login('bea@example.com', PASSWORD);
  const me = must(await via(b, bea).get('/api/v2/users/me'), 'me on B');
  assert.equal(me.email, 'bea@example.com');

  must(await adminA.delete(`/api/v2/groups/${group.id}`), 'delete on A', 200, 204);
  assert.equal((await adminB.get(`/api/v2/groups/${group.id}`)).status, 404);
  must(await adminB.delete(`/api/v2/users/${user.id}`), 'delete user on B', 200, 204);
  assert.equal((await adminA.get(`/api/v2/users/${user.id}`)).status, 404);
});

test('a session cookie made by one server works on the other, CSRF token included, and logging out on one ends it on both', async () => {
  const onA = await a.login();
  const onB = via(b, onA);
  must(await onB.get('/api/v2/users/me'), 'me on B');
  must(await onB.post('/api/v2/groups', { name: 'Made With A Cookie On B', type: 'social' }), 'write on B with A\'s cookie and CSRF token');
  const noCsrf = new Session(b, { cookie: onA.cookie });
  assert.equal((await noCsrf.post('/api/v2/groups', { name: 'No CSRF', type: 'social' })).status, 403);

  must(await onB.post('/logout'), 'logout on B', 200, 204);
  assert.equal((await onA.get('/api/v2/users/me')).status, 401, 'the session ended on A too');
});

test('a bearer token issued by one server is accepted by the other', async () => {
  const client = await a.clientToken('Master Admin');
  const onB = via(b, client);
  const me = must(await onB.get('/api/v2/tokens/me'), 'tokens/me on B');
  assert.ok(me);
  must(await onB.get('/api/v2/users'), 'users on B');
  // And the other way round: a token from B on A.
  const fromB = await b.clientToken('Master Admin');
  must(await via(a, fromB).get('/api/v2/authorization/roles'), 'roles on A');
});

test('concurrent config PUTs with one version through both servers: exactly one wins, the others get 409, history has one new version', async () => {
  const created = must(await adminA.post('/api/v2/integrations', { integrationType: { id: 'embedded-client-app' }, name: 'Race App' }), 'create integration');
  const current = must(await adminB.get(`/api/v2/integrations/${created.id}/config/current`), 'config on B');
  const base = { name: 'Race App', version: current.version, advanced: {}, notes: '', credentials: {} };
  const puts = [];
  for (let i = 0; i < 12; i++) {
    const admin = i % 2 ? adminB : adminA;
    const properties = { url: `https://app${i}.example.com/`, displayType: 'standalone', featureCategory: '', sandbox: 'allow-scripts', permissions: '', groups: [] };
    puts.push(admin.put(`/api/v2/integrations/${created.id}/config/current`, { ...base, properties }));
  }
  const results = await Promise.all(puts);
  const statuses = results.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 200).length, 1, `exactly one 200: ${statuses}`);
  assert.equal(statuses.filter((s) => s === 409).length, 11, `the others 409: ${statuses}`);
  const winner = results.find((r) => r.status === 200).body;
  const after1 = must(await adminA.get(`/api/v2/integrations/${created.id}/config/current`), 'config on A');
  assert.equal(after1.version, current.version + 1);
  assert.equal(after1.properties.url, winner.properties.url);
  const history = must(await adminB.get(`/api/v2/integrations/${created.id}/history`), 'history');
  assert.deepEqual(history.entities.map((h) => h.version), [current.version + 1, current.version]);
});

test('concurrent renames through both servers are serialized: each audit event starts where the one before it ended', async () => {
  // A rename reads the integration, changes it and records before/after in one transaction.
  // Writers must take turns, on PostgreSQL as on SQLite, or two of them read the same
  // "before" and the audit trail forks.
  const app = must(await adminA.post('/api/v2/integrations', { integrationType: { id: 'embedded-client-app' }, name: 'Rename Me' }), 'create');
  const renames = await Promise.all(Array.from({ length: 16 }, (_, i) =>
    (i % 2 ? adminB : adminA).patch(`/api/v2/integrations/${app.id}`, { name: `Renamed ${i}` })));
  assert.deepEqual(renames.map((r) => r.status), Array(16).fill(200));
  const events = must(await adminA.get(`/api/v2/audits?entityId=${app.id}&pageSize=100`), 'audits').entities
    .filter((e) => e.action === 'rename')
    .sort((x, y) => x.after.version - y.after.version);
  assert.equal(events.length, 16);
  for (let i = 1; i < events.length; i++) {
    assert.equal(events[i].before.version, events[i - 1].after.version, `event ${i} starts from version ${events[i].before.version}`);
    assert.equal(events[i].before.name, events[i - 1].after.name);
  }
});

test('concurrent user PATCHes with one version through both servers: exactly one wins', async () => {
  const user = must(await adminA.post('/api/v2/users', { name: 'Vera Version', email: 'vera@example.com', password: PASSWORD }), 'create');
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    (i % 2 ? adminB : adminA).patch(`/api/v2/users/${user.id}`, { name: `Vera ${i}`, version: user.version })));
  const statuses = results.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 200).length, 1, `exactly one 200: ${statuses}`);
  assert.equal(statuses.filter((s) => s === 409).length, 9, `the others 409: ${statuses}`);
  const now = must(await adminB.get(`/api/v2/users/${user.id}`), 'get');
  assert.equal(now.version, user.version + 1);
  assert.equal(now.name, results.find((r) => r.status === 200).body.name);
});

test('concurrent membership changes through both servers lose no update', async () => {
  const group = must(await adminA.post('/api/v2/groups', { name: 'Busy Group', type: 'official' }), 'group');
  const role = must(await adminB.post('/api/v2/authorization/roles', { name: 'Busy Role', description: '', permissionPolicies: [] }), 'role');
  const users = [];
  for (let i = 0; i < 8; i++) {
    users.push(must(await adminA.post('/api/v2/users', { name: `Member ${i}`, email: `member${i}@example.com`, password: PASSWORD }), 'user').id);
  }
  await Promise.all(users.flatMap((id, i) => {
    const admin = i % 2 ? adminB : adminA;
    return [
      admin.post(`/api/v2/groups/${group.id}/members`, { memberIds: [id] }).then((r) => must(r, 'add member', 200, 202, 204)),
      admin.put(`/api/v2/authorization/roles/${role.id}/users/add`, [id]).then((r) => must(r, 'add holder', 200, 202, 204)),
    ];
  }));
  const members = must(await adminA.get(`/api/v2/groups/${group.id}/members?pageSize=100`), 'members');
  assert.deepEqual(members.entities.map((m) => m.id).sort(), [...users].sort());
  const holders = must(await adminB.get(`/api/v2/authorization/roles/${role.id}/users?pageSize=100`), 'holders');
  assert.deepEqual(holders.entities.map((u) => u.id).sort(), [...users].sort());
});

test('an app activated through one server is shown by the other at once; deactivated, it is gone (no stale cache)', async () => {
  const group = must(await adminA.post('/api/v2/groups', { name: 'App Viewers', type: 'official' }), 'group');
  const role = must(await adminA.post('/api/v2/authorization/roles', { name: 'App Role', description: '', permissionPolicies: [] }), 'role');
  const viewer = must(await adminA.post('/api/v2/users', { name: 'Vic Viewer', email: 'vic@example.com', password: PASSWORD }), 'user');
  must(await adminA.post(`/api/v2/groups/${group.id}/members`, { memberIds: [viewer.id] }), 'member', 200, 202, 204);
  must(await adminA.put(`/api/v2/authorization/roles/${role.id}/users/add`, [viewer.id]), 'holder', 200, 202, 204);
  const app = must(await adminA.post('/api/v2/integrations', { integrationType: { id: 'embedded-client-app' }, name: 'Seen Everywhere', roles: [{ id: role.id }] }), 'create app');
  const cur = must(await adminA.get(`/api/v2/integrations/${app.id}/config/current`), 'config');
  must(await adminA.put(`/api/v2/integrations/${app.id}/config/current`, {
    name: 'Seen Everywhere', version: cur.version, advanced: {}, notes: '', credentials: {},
    properties: { url: 'https://seen.example.com/', displayType: 'standalone', featureCategory: '', sandbox: 'allow-scripts', permissions: '', groups: [group.id] },
  }), 'configure');

  const vicOnB = await b.login('vic@example.com', PASSWORD);
  const names = async () => must(await vicOnB.get('/api/v2/integrations/clientapps'), 'clientapps on B').entities.map((e) => e.name);
  assert.deepEqual(await names(), [], 'inactive: not shown');  // B has now cached the org's (empty) app list
  must(await adminA.patch(`/api/v2/integrations/${app.id}`, { intendedState: 'ENABLED' }), 'activate on A');
  assert.deepEqual(await names(), ['Seen Everywhere'], 'activated on A: shown by B');
  // The shell polls with If-None-Match: an ETag from one server is a 304 on the other.
  const etag = (await vicOnB.get('/api/v2/integrations/clientapps')).headers.get('etag');
  assert.ok(etag);
  assert.equal((await via(a, vicOnB).get('/api/v2/integrations/clientapps', { 'if-none-match': etag })).status, 304);
  must(await adminA.patch(`/api/v2/integrations/${app.id}`, { intendedState: 'DISABLED' }), 'deactivate on A');
  assert.deepEqual(await names(), [], 'deactivated on A: gone on B');
});

test('servers started together on a fresh database apply the migrations once and all come up', { timeout: 60000 }, async () => {
  // On PostgreSQL the racers start on an empty database and migrate it together. A SQLite
  // file is created by the first process that opens it, so there `init` makes it first.
  const owner = new Server();
  if (!usingPostgres()) {
    const init = owner.cli(['init', '--admin-email', 'admin@example.com', '--admin-password', PASSWORD]);
    assert.equal(init.status, 0, init.stderr);
  }
  const racers = Array.from({ length: 4 }, () => Object.assign(new Server({ database: sharedDatabase(owner) }), { initialised: true }));
  try {
    await Promise.all(racers.map((s) => s.start()));
    for (const s of racers) assert.equal((await s.fetch('/healthz')).status, 200);
  } finally {
    await Promise.all(racers.map((s) => disposeChecked(s)));
    await owner.dispose();
  }
});

test('while PostgreSQL cannot be reached: 503 with an ErrorBody, then recovery by itself; nothing acknowledged is lost', { skip: !usingPostgres() && 'needs PostgreSQL (scripts/pg-test.sh)' }, async () => {
  const url = new URL(a.database);
  const proxy = await new TcpProxy(url.hostname, Number(url.port)).start();
  url.port = String(proxy.port);
  const c = new Server({ database: url.toString() });
  c.initialised = true;
  try {
    await c.start();
    const admin = await c.login();
    const kept = must(await admin.post('/api/v2/groups', { name: 'Before The Outage', type: 'official' }), 'write before');

    await proxy.cut();
    for (const res of [await c.fetch('/healthz'), await c.fetch('/api/v2/users/me', { headers: { cookie: admin.cookie } })]) {
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.equal(body.status, 503);
      assert.equal(body.code, 'service.unavailable');
      assert.match(body.message, /database/i);
      assert.ok(body.contextId);
    }
    assert.equal((await admin.post('/api/v2/groups', { name: 'During The Outage', type: 'official' })).status, 503);

    await proxy.start(); // the same port: PostgreSQL is back
    assert.equal((await c.fetch('/healthz')).status, 200);
    assert.equal(must(await admin.get(`/api/v2/groups/${kept.id}`), 'read after').name, 'Before The Outage');
    must(await admin.post('/api/v2/groups', { name: 'After The Outage', type: 'official' }), 'write after');
    const names = must(await adminA.get('/api/v2/groups?pageSize=500'), 'groups on A').entities.map((g) => g.name);
    assert.ok(names.includes('Before The Outage') && names.includes('After The Outage'));
    assert.ok(!names.includes('During The Outage'));
  } finally {
    await proxy.cut().catch(() => {});
    await disposeChecked(c);
  }
});

test('when PostgreSQL drops every connection (a restart, a failover), the next requests, writes included, all succeed', { skip: !process.env.PORTICO_TEST_PG && 'needs the PostgreSQL test cluster (scripts/pg-test.sh)' }, async () => {
  const before1 = await Promise.all(Array.from({ length: 6 }, () => adminA.get('/api/v2/users/me')));
  assert.deepEqual(before1.map((r) => r.status), [200, 200, 200, 200, 200, 200]); // several pooled connections in use
  pgAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${a.pgDatabase.name}' AND pid <> pg_backend_pid()`);
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2
    ? adminA.post('/api/v2/groups', { name: `After Restart ${i}`, type: 'social' })
    : adminB.get('/api/v2/users/me'))));
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200], JSON.stringify(results.map((r) => r.body)));
});
