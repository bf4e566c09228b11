// Issue 2 item 3 and "nothing acknowledged is ever lost": every record survives
// a clean stop (SIGTERM) and a crash (SIGKILL right after the answers).
// Run: PORTICO_BIN=/path/to/portico node --test foundation-restart.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { disposeChecked, sqlite, SQLITE_ONLY } from './lib/foundation.mjs';

const PASSWORD = 'restart password 123';
let server;

before(async () => { server = await startServer(); });
after(() => disposeChecked(server));

function must(res, what, ...statuses) {
  const want = statuses.length ? statuses : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates a user, a group with the user in it, and a role held by the user; returns their ids. */
async function createRecords(admin, tag, password) {
  const user = must(await admin.post('/api/v2/users', { name: `User ${tag}`, email: `${tag}@example.com`, languageTag: 'de-de', ...(password ? { password } : {}) }), 'user');
  const group = must(await admin.post('/api/v2/groups', { name: `Group ${tag}`, type: 'social', description: `about ${tag}` }), 'group');
  const role = must(await admin.post('/api/v2/authorization/roles', { name: `Role ${tag}`, description: tag, permissionPolicies: [{ domain: 'directory', entityName: 'group', actionSet: ['view', 'edit'] }] }), 'role');
  must(await admin.post(`/api/v2/groups/${group.id}/members`, { memberIds: [user.id] }), 'members', 200, 202);
  must(await admin.put(`/api/v2/authorization/roles/${role.id}/users/add`, [user.id]), 'role users');
  const patched = must(await admin.patch(`/api/v2/groups/${group.id}`, { description: `changed ${tag}` }), 'patch');
  return { user: user.id, group: group.id, role: role.id, groupVersion: patched.version };
}

/** Everything the admin can read about the records, for comparing before and after. */
async function readBack(admin, ids) {
  return {
    user: must(await admin.get(`/api/v2/users/${ids.user}`), 'user'),
    group: must(await admin.get(`/api/v2/groups/${ids.group}`), 'group'),
    role: must(await admin.get(`/api/v2/authorization/roles/${ids.role}`), 'role'),
    members: must(await admin.get(`/api/v2/groups/${ids.group}/members`), 'members').entities,
    roleUsers: must(await admin.get(`/api/v2/authorization/roles/${ids.role}/users`), 'role users').entities,
    users: must(await admin.get('/api/v2/users?pageSize=500'), 'users'),
    groups: must(await admin.get('/api/v2/groups?pageSize=500'), 'groups'),
    roles: must(await admin.get('/api/v2/authorization/roles?pageSize=500'), 'roles'),
  };
}

test('after SIGTERM and a restart, every record, session, token and password is still there', async () => {
  const admin = await server.clientToken('Master Admin');
  const ids = await createRecords(admin, 'calm', PASSWORD);
  const deleted = must(await admin.post('/api/v2/groups', { name: 'Deleted before stop', type: 'official' }), 'group');
  must(await admin.delete(`/api/v2/groups/${deleted.id}`), 'delete', 200, 204);
  const userSession = await server.login('calm@example.com', PASSWORD);
  const before = await readBack(admin, ids);
  assert.equal(before.group.description, 'changed calm');
  assert.equal(before.members.length, 1);
  assert.equal(before.roleUsers.length, 1);

  await server.restart();
  assert.ok(server.log.includes('stopping (signal 15)'), 'stopped by SIGTERM');
  assert.equal((await server.anonymous().get('/healthz')).status, 200);

  assert.deepEqual(await readBack(admin, ids), before, 'the bearer token still works and every record is the same');
  assert.equal((await admin.get(`/api/v2/groups/${deleted.id}`)).status, 404, 'a delete is kept too');
  // The session cookie and its CSRF token survive; so does the role's effect on the user.
  const me = must(await userSession.get('/api/v2/users/me'), 'session after restart');
  assert.equal(me.email, 'calm@example.com');
  assert.equal(me.languageTag, 'de-de');
  assert.ok(me.permissions.includes('directory:group:edit'));
  must(await userSession.patch(`/api/v2/groups/${ids.group}`, { description: 'by the user' }), 'write with the old CSRF token');
  // The stored password hash still verifies.
  const again = await server.login('calm@example.com', PASSWORD);
  assert.equal((await again.get('/api/v2/users/me')).status, 200);
  // The first admin, made by init, is still there too.
  assert.equal((await (await server.login()).get('/api/v2/users/me')).status, 200);
});

test('after SIGKILL right after the answers, every acknowledged write is still there', async () => {
  const admin = await server.clientToken('Master Admin');
  const ids = await createRecords(admin, 'crash');
  // A burst of small writes, the last one answered just before the kill.
  const burst = [];
  for (let i = 0; i < 20; i++) burst.push(must(await admin.post('/api/v2/groups', { name: `Burst ${i}`, type: 'distribution' }), `burst ${i}`).id);
  const renamed = must(await admin.patch(`/api/v2/users/${ids.user}`, { name: 'Renamed just before the crash' }), 'rename');
  const before = await readBack(admin, ids);

  await server.stop('SIGKILL');
  assert.ok(!server.log.includes('stopping (signal 9)'), 'no clean stop');
  await server.start();

  const after = await readBack(admin, ids);
  assert.deepEqual(after, before);
  assert.equal(after.user.name, 'Renamed just before the crash');
  assert.equal(after.user.version, renamed.version);
  const groups = after.groups.entities.map((g) => g.id);
  for (const id of burst) assert.ok(groups.includes(id), `group ${id} survived`);
  // The server works normally after the crash.
  must(await admin.post('/api/v2/groups', { name: 'After the crash', type: 'social' }), 'write after crash');
  const fresh = await server.clientToken('Master Admin');
  assert.equal((await fresh.get('/api/v2/tokens/me')).status, 200);
});

test('the numbered migrations are applied once (and a SQLite file is in WAL mode)', async () => {
  await server.stop();
  if (!SQLITE_ONLY) assert.deepEqual(sqlite(server, 'PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
  const before = sqlite(server, 'SELECT version FROM schema_migrations ORDER BY version').map((r) => r.version);
  assert.ok(before.length >= 1);
  assert.deepEqual(before, before.map((_, i) => i + 1), 'numbered 1, 2, 3, ... with no gap');
  await server.start();
  await server.restart();
  const after = sqlite(server, 'SELECT version FROM schema_migrations ORDER BY version').map((r) => r.version);
  assert.deepEqual(after, before);
  if (!SQLITE_ONLY) assert.deepEqual(sqlite(server, 'PRAGMA foreign_key_check'), []);
});
