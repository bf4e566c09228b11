// Issue 2 items 4 and 6: users, groups (and members), roles (and their users)
// in the public API's shapes; paging; and, for every endpoint, 401 without
// credentials, 403 without the permission (the message names it) and 404 for
// another organization's ids. Bad input names the field and changes nothing.
// Run: PORTICO_BIN=/path/to/portico node --test foundation-resources.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Session } from './lib/server.mjs';
import { assertError, assertFieldError, disposeChecked } from './lib/foundation.mjs';

const USERS = '/api/v2/users';
const GROUPS = '/api/v2/groups';
const ROLES = '/api/v2/authorization/roles';
const UNKNOWN = '3b9d4c6e-0000-4000-8000-00000000abcd';
const EMPLOYEE_PASSWORD = 'employee password 123';

let server; let admin; let nobody; let employee; let other;
const own = {};   // ids in the Default org
const theirs = {}; // ids in the Other org

function must(res, what, ...statuses) {
  const want = statuses.length ? statuses : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

before(async () => {
  server = await startServer();
  admin = await server.clientToken('Master Admin');
  must(await admin.post(ROLES, { name: 'No permissions', description: 'holds nothing', permissionPolicies: [] }), 'role');
  nobody = await server.clientToken('No permissions');
  own.employee = must(await admin.post(USERS, { name: 'Emma Employee', email: 'emma@example.com', password: EMPLOYEE_PASSWORD }), 'employee').id;
  employee = await server.login('emma@example.com', EMPLOYEE_PASSWORD);
  own.user = must(await admin.post(USERS, { name: 'Target User', email: 'target@example.com' }), 'user').id;
  own.group = must(await admin.post(GROUPS, { name: 'Target Group', type: 'official', description: 'd' }), 'group').id;
  own.role = must(await admin.post(ROLES, { name: 'Target Role', permissionPolicies: [] }), 'role').id;
  must(await admin.post(`${GROUPS}/${own.group}/members`, { memberIds: [own.user] }), 'members', 200, 202);
  must(await admin.put(`${ROLES}/${own.role}/users/add`, [own.user]), 'role users');

  const r = server.cli(['org', 'create', '--name', 'Other', '--level', '3']);
  assert.equal(r.status, 0, r.stderr);
  other = await server.clientToken('Master Admin', 'Other');
  theirs.user = must(await other.post(USERS, { name: 'Their User', email: 'their@example.com' }), 'their user').id;
  theirs.group = must(await other.post(GROUPS, { name: 'Their Group', type: 'official' }), 'their group').id;
  theirs.role = must(await other.post(ROLES, { name: 'Their Role', permissionPolicies: [] }), 'their role').id;
  must(await other.post(`${GROUPS}/${theirs.group}/members`, { memberIds: [theirs.user] }), 'their members', 200, 202);
  must(await other.put(`${ROLES}/${theirs.role}/users/add`, [theirs.user]), 'their role users');
});
after(() => disposeChecked(server));

/** Everything a caller of one org can read, to compare before and after refused requests. */
async function snapshot(s, ids) {
  const get = async (path) => must(await s.get(path), `snapshot ${path}`);
  return {
    users: await get(`${USERS}?pageSize=500`),
    groups: await get(`${GROUPS}?pageSize=500`),
    roles: await get(`${ROLES}?pageSize=500`),
    members: await get(`${GROUPS}/${ids.group}/members?pageSize=500`),
    roleUsers: await get(`${ROLES}/${ids.role}/users?pageSize=500`),
    user: await get(`${USERS}/${ids.user}`),
    group: await get(`${GROUPS}/${ids.group}`),
    role: await get(`${ROLES}/${ids.role}`),
  };
}

/** Every foundation endpoint: [method, path, permission, body], {id}s filled from ids. */
function endpoints(ids) {
  return [
    ['GET', USERS, 'directory:user:view'],
    ['POST', USERS, 'directory:user:add', { name: 'Intruder', email: 'intruder@example.com' }],
    ['GET', `${USERS}/${ids.user}`, 'directory:user:view'],
    ['PATCH', `${USERS}/${ids.user}`, 'directory:user:edit', { name: 'Hijacked' }],
    ['DELETE', `${USERS}/${ids.user}`, 'directory:user:delete'],
    ['GET', GROUPS, 'directory:group:view'],
    ['POST', GROUPS, 'directory:group:add', { name: 'Intruders', type: 'official' }],
    ['GET', `${GROUPS}/${ids.group}`, 'directory:group:view'],
    ['PATCH', `${GROUPS}/${ids.group}`, 'directory:group:edit', { name: 'Hijacked' }],
    ['DELETE', `${GROUPS}/${ids.group}`, 'directory:group:delete'],
    ['GET', `${GROUPS}/${ids.group}/members`, 'directory:group:view'],
    ['POST', `${GROUPS}/${ids.group}/members`, 'directory:group:edit', { memberIds: [ids.member] }],
    ['DELETE', `${GROUPS}/${ids.group}/members?ids=${ids.member}`, 'directory:group:edit'],
    ['GET', ROLES, 'authorization:role:view'],
    ['POST', ROLES, 'authorization:role:add', { name: 'Intruder role', permissionPolicies: [] }],
    ['GET', `${ROLES}/${ids.role}`, 'authorization:role:view'],
    ['PUT', `${ROLES}/${ids.role}`, 'authorization:role:edit', { name: 'Hijacked', permissionPolicies: [{ domain: '*', entityName: '*', actionSet: ['*'] }] }],
    ['DELETE', `${ROLES}/${ids.role}`, 'authorization:role:delete'],
    ['GET', `${ROLES}/${ids.role}/users`, 'authorization:role:view'],
    ['PUT', `${ROLES}/${ids.role}/users/add`, 'authorization:role:edit', [ids.member]],
    ['PUT', `${ROLES}/${ids.role}/users/remove`, 'authorization:role:edit', [ids.member]],
    ['GET', '/api/v2/authorization/permissions', 'authorization:role:view'],
    ['GET', `${USERS}/me`, null],
    ['GET', '/api/v2/tokens/me', null],
    ['POST', '/logout', null],
  ];
}

// ---- happy paths -------------------------------------------------------------

test('users: create, get, list, patch, delete in the public shapes', async () => {
  const created = must(await admin.post(USERS, { name: 'Ann Smith', email: 'Ann.Smith@Example.com', languageTag: 'fr-ca' }), 'create');
  assert.deepEqual(Object.keys(created).sort(), ['email', 'id', 'languageTag', 'name', 'selfUri', 'state', 'version']);
  assert.equal(created.name, 'Ann Smith');
  assert.equal(created.email, 'ann.smith@example.com');
  assert.equal(created.languageTag, 'fr-ca');
  assert.equal(created.state, 'active');
  assert.equal(created.version, 1);
  assert.equal(created.selfUri, `${USERS}/${created.id}`);
  assert.deepEqual(must(await admin.get(`${USERS}/${created.id}`), 'get'), created);
  const list = must(await admin.get(`${USERS}?pageSize=500`), 'list');
  assert.deepEqual(list.entities.find((u) => u.id === created.id), created);
  const defaults = must(await admin.post(USERS, { name: 'Bo', email: 'bo@example.com' }), 'defaults');
  assert.equal(defaults.languageTag, 'en-us');

  const patched = must(await admin.patch(`${USERS}/${created.id}`, { name: 'Ann Jones', version: 1 }), 'patch');
  assert.equal(patched.name, 'Ann Jones');
  assert.equal(patched.email, 'ann.smith@example.com', 'fields not sent are kept');
  assert.equal(patched.languageTag, 'fr-ca');
  assert.equal(patched.version, 2);
  assertError(await admin.patch(`${USERS}/${created.id}`, { name: 'Stale', version: 1 }), 409, 'conflict');
  assert.equal(must(await admin.get(`${USERS}/${created.id}`), 'get').name, 'Ann Jones');
  const moved = must(await admin.patch(`${USERS}/${created.id}`, { email: 'ANN@example.com', languageTag: 'en-gb' }), 'patch email');
  assert.equal(moved.email, 'ann@example.com');
  assert.equal(moved.version, 3);

  must(await admin.delete(`${USERS}/${created.id}`), 'delete', 200, 204);
  assertError(await admin.get(`${USERS}/${created.id}`), 404, 'not.found');
  assertError(await admin.delete(`${USERS}/${created.id}`), 404);
  assertError(await admin.patch(`${USERS}/${created.id}`, { name: 'Ghost' }), 404);
});

test('a duplicate e-mail is 409, ignoring case, on create and on change; another org may reuse it', async () => {
  must(await admin.post(USERS, { name: 'Dup One', email: 'dup@example.com' }), 'first');
  const second = must(await admin.post(USERS, { name: 'Dup Two', email: 'dup2@example.com' }), 'second');
  const before = must(await admin.get(`${USERS}?pageSize=500`), 'list').total;
  assertError(await admin.post(USERS, { name: 'Dup Again', email: 'dup@example.com' }), 409, 'conflict');
  const b = assertError(await admin.post(USERS, { name: 'Dup Again', email: 'DUP@Example.COM' }), 409, 'conflict');
  assert.match(b.message, /dup@example\.com/);
  assertError(await admin.patch(`${USERS}/${second.id}`, { email: 'dup@example.com' }), 409, 'conflict');
  assert.equal(must(await admin.get(`${USERS}/${second.id}`), 'get').email, 'dup2@example.com');
  assert.equal(must(await admin.get(`${USERS}?pageSize=500`), 'list').total, before);
  must(await other.post(USERS, { name: 'Dup Elsewhere', email: 'dup@example.com' }), 'other org');
});

test('groups: create each type, get, patch, list by ?type=, delete', async () => {
  const made = {};
  for (const type of ['official', 'social', 'distribution']) {
    made[type] = must(await admin.post(GROUPS, { name: `Typed ${type}`, type, description: `A ${type} group` }), type);
    const g = made[type];
    assert.equal(g.type, type);
    assert.equal(g.name, `Typed ${type}`);
    assert.equal(g.description, `A ${type} group`);
    assert.equal(g.version, 1);
    assert.equal(g.memberCount, 0);
    assert.equal(g.selfUri, `${GROUPS}/${g.id}`);
    assert.equal(typeof g.state, 'string');
    assert.deepEqual(must(await admin.get(`${GROUPS}/${g.id}`), 'get'), g);
  }
  const social = must(await admin.get(`${GROUPS}?type=social&pageSize=500`), 'social list');
  assert.ok(social.entities.length >= 1);
  assert.ok(social.entities.every((g) => g.type === 'social'), JSON.stringify(social.entities.map((g) => g.type)));
  assert.ok(social.entities.some((g) => g.id === made.social.id));
  assert.match(social.selfUri, /[?&]type=social(&|$)/);
  const all = must(await admin.get(`${GROUPS}?pageSize=500`), 'all');
  assert.ok(all.total > social.total);
  assertFieldError(await admin.get(`${GROUPS}?type=public`), 'type');

  const patched = must(await admin.patch(`${GROUPS}/${made.social.id}`, { name: 'Renamed social', description: 'new' }), 'patch');
  assert.equal(patched.name, 'Renamed social');
  assert.equal(patched.type, 'social');
  assert.equal(patched.version, 2);
  assertError(await admin.patch(`${GROUPS}/${made.social.id}`, { description: 'stale', version: 1 }), 409);
  assertError(await admin.post(GROUPS, { name: 'Renamed social', type: 'official' }), 409, 'conflict');

  for (const g of Object.values(made)) {
    must(await admin.delete(`${GROUPS}/${g.id}`), 'delete', 200, 204);
    assertError(await admin.get(`${GROUPS}/${g.id}`), 404);
  }
});

test('group members: add, list, remove by ?ids= and by body', async () => {
  const g = must(await admin.post(GROUPS, { name: 'Members test', type: 'official' }), 'group');
  const a = must(await admin.post(USERS, { name: 'Member A', email: 'ma@example.com' }), 'a').id;
  const b = must(await admin.post(USERS, { name: 'Member B', email: 'mb@example.com' }), 'b').id;
  must(await admin.post(`${GROUPS}/${g.id}/members`, { memberIds: [a, b] }), 'add', 200, 202);
  must(await admin.post(`${GROUPS}/${g.id}/members`, { memberIds: [a] }), 'add again', 200, 202);
  const members = must(await admin.get(`${GROUPS}/${g.id}/members`), 'members');
  assert.deepEqual(members.entities.map((m) => m.id).sort(), [a, b].sort());
  assert.equal(members.total, 2);
  const ma = members.entities.find((m) => m.id === a);
  assert.equal(ma.name, 'Member A');
  assert.equal(ma.selfUri, `${USERS}/${a}`);
  assert.equal(must(await admin.get(`${GROUPS}/${g.id}`), 'get').memberCount, 2);

  must(await admin.delete(`${GROUPS}/${g.id}/members?ids=${a}`), 'remove a', 200, 202, 204);
  assert.deepEqual(must(await admin.get(`${GROUPS}/${g.id}/members`), 'members').entities.map((m) => m.id), [b]);
  must(await admin.call('DELETE', `${GROUPS}/${g.id}/members`, { memberIds: [b] }), 'remove b', 200, 202, 204);
  assert.equal(must(await admin.get(`${GROUPS}/${g.id}/members`), 'members').total, 0);
  // A deleted user leaves the groups it was in.
  must(await admin.post(`${GROUPS}/${g.id}/members`, { memberIds: [a] }), 'add', 200, 202);
  must(await admin.delete(`${USERS}/${a}`), 'delete user', 200, 204);
  assert.equal(must(await admin.get(`${GROUPS}/${g.id}`), 'get').memberCount, 0);
});

test('roles: create, get, put, users add/list/remove, delete; built-in roles stay', async () => {
  const policies = [{ domain: 'directory', entityName: 'user', actionSet: ['view', 'edit'] }];
  const role = must(await admin.post(ROLES, { name: 'Editors', description: 'edit people', permissionPolicies: policies }), 'create');
  assert.equal(role.name, 'Editors');
  assert.equal(role.description, 'edit people');
  assert.deepEqual(role.permissionPolicies, policies);
  assert.equal(role.userCount, 0);
  assert.equal(role.selfUri, `${ROLES}/${role.id}`);
  assert.deepEqual(must(await admin.get(`${ROLES}/${role.id}`), 'get'), role);
  assert.ok(must(await admin.get(`${ROLES}?pageSize=500`), 'list').entities.some((r) => r.id === role.id));

  const put = must(await admin.put(`${ROLES}/${role.id}`, { name: 'Group editors', description: 'edit groups', permissionPolicies: [{ domain: 'directory', entityName: 'group', actionSet: ['*'] }] }), 'put');
  assert.equal(put.name, 'Group editors');
  assert.equal(put.description, 'edit groups');
  assert.deepEqual(put.permissionPolicies, [{ domain: 'directory', entityName: 'group', actionSet: ['*'] }]);
  assertError(await admin.post(ROLES, { name: 'Group editors', permissionPolicies: [] }), 409, 'conflict');
  assertError(await admin.put(`${ROLES}/${own.role}`, { name: 'Group editors', permissionPolicies: [] }), 409);

  const u = must(await admin.post(USERS, { name: 'Role Holder', email: 'holder@example.com' }), 'user').id;
  const added = must(await admin.put(`${ROLES}/${role.id}/users/add`, [u]), 'add');
  assert.deepEqual(added, [u]);
  const users = must(await admin.get(`${ROLES}/${role.id}/users`), 'role users');
  assert.deepEqual(users.entities.map((x) => x.id), [u]);
  assert.equal(users.entities[0].name, 'Role Holder');
  assert.equal(must(await admin.get(`${ROLES}/${role.id}`), 'get').userCount, 1);
  must(await admin.put(`${ROLES}/${role.id}/users/remove`, [u]), 'remove');
  assert.equal(must(await admin.get(`${ROLES}/${role.id}/users`), 'role users').total, 0);

  must(await admin.delete(`${ROLES}/${role.id}`), 'delete', 200, 204);
  assertError(await admin.get(`${ROLES}/${role.id}`), 404);

  const roles = must(await admin.get(`${ROLES}?pageSize=500`), 'list').entities;
  const master = roles.find((r) => r.name === 'Master Admin');
  assert.deepEqual(master.permissionPolicies, [{ domain: '*', entityName: '*', actionSet: ['*'] }]);
  const b = assertError(await admin.delete(`${ROLES}/${master.id}`), 400);
  assert.match(b.message, /built-in/);
  assert.equal(must(await admin.get(`${ROLES}/${master.id}`), 'still there').name, 'Master Admin');
  const perms = must(await admin.get('/api/v2/authorization/permissions'), 'permissions');
  assert.ok(perms.entities.some((e) => e.domain === 'directory' && e.entityName === 'user' && e.actions.includes('view')));
});

test('a role given or taken takes effect at once; wildcards in a policy grant a whole part', async () => {
  const res = await employee.post(USERS, { name: 'Not yet', email: 'notyet@example.com' });
  assert.match(assertError(res, 403, 'missing.any.permissions').message, /directory:user:add/);
  assert.equal((await employee.get(USERS)).status, 200, 'Employee may read the directory');
  assertError(await employee.get(ROLES), 403);

  const role = must(await admin.post(ROLES, { name: 'Directory all', permissionPolicies: [{ domain: 'directory', entityName: '*', actionSet: ['*'] }] }), 'role');
  must(await admin.put(`${ROLES}/${role.id}/users/add`, [own.employee]), 'give');
  must(await employee.post(GROUPS, { name: 'Made by Emma', type: 'social' }), 'now allowed');
  must(await employee.post(USERS, { name: 'Now yes', email: 'nowyes@example.com' }), 'now allowed');
  assertError(await employee.get(ROLES), 403, 'missing.any.permissions');
  const me = must(await employee.get(`${USERS}/me`), 'me');
  assert.ok(me.permissions.includes('directory:*:*'));

  must(await admin.put(`${ROLES}/${role.id}/users/remove`, [own.employee]), 'take');
  assertError(await employee.post(GROUPS, { name: 'Made again', type: 'social' }), 403);
  // A wildcard only in the action: view everything in the domain, change nothing.
  must(await admin.put(`${ROLES}/${role.id}`, { name: 'Directory all', permissionPolicies: [{ domain: 'authorization', entityName: 'role', actionSet: ['view'] }] }), 'narrow');
  must(await admin.put(`${ROLES}/${role.id}/users/add`, [own.employee]), 'give again');
  assert.equal((await employee.get(ROLES)).status, 200);
  assert.match(assertError(await employee.post(ROLES, { name: 'Nope', permissionPolicies: [] }), 403).message, /authorization:role:add/);
  must(await admin.delete(`${ROLES}/${role.id}`), 'delete role', 200, 204);
  assertError(await employee.get(ROLES), 403);
});

// ---- paging --------------------------------------------------------------------

test('paging: pageSize/pageNumber, URIs, a page past the end, no nextUri on the last page, bounds', async () => {
  for (let i = 1; i <= 7; i++) must(await admin.post(GROUPS, { name: `Page group ${i}`, type: 'distribution' }), `group ${i}`);
  const page = (q) => admin.get(`${GROUPS}?type=distribution&${q}`);
  const p1 = must(await page('pageSize=3&pageNumber=1'), 'page 1');
  assert.equal(p1.entities.length, 3);
  assert.equal(p1.pageSize, 3);
  assert.equal(p1.pageNumber, 1);
  assert.equal(p1.total, 7);
  assert.equal(p1.pageCount, 3);
  assert.equal(p1.firstUri, `${GROUPS}?pageSize=3&pageNumber=1&type=distribution`);
  assert.equal(p1.selfUri, `${GROUPS}?pageSize=3&pageNumber=1&type=distribution`);
  assert.equal(p1.lastUri, `${GROUPS}?pageSize=3&pageNumber=3&type=distribution`);
  assert.equal(p1.nextUri, `${GROUPS}?pageSize=3&pageNumber=2&type=distribution`);
  assert.equal('previousUri' in p1, false);

  const p3 = must(await page('pageSize=3&pageNumber=3'), 'page 3');
  assert.equal(p3.entities.length, 1);
  assert.equal('nextUri' in p3, false, 'no nextUri on the last page');
  assert.equal(p3.previousUri, `${GROUPS}?pageSize=3&pageNumber=2&type=distribution`);

  const p4 = must(await page('pageSize=3&pageNumber=4'), 'page past the end');
  assert.deepEqual(p4.entities, []);
  assert.equal(p4.total, 7);
  assert.equal('nextUri' in p4, false);

  // Terraform's loop (until empty) and the SDKs' loop (while nextUri) each see every group once.
  const seen = [];
  for (let n = 1; ; n++) {
    const p = must(await page(`pageSize=2&pageNumber=${n}`), `page ${n}`);
    if (!p.entities.length) break;
    seen.push(...p.entities.map((g) => g.id));
  }
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7);
  const followed = [];
  for (let uri = `${GROUPS}?type=distribution&pageSize=2`; uri;) {
    const p = must(await admin.get(uri), uri);
    followed.push(...p.entities.map((g) => g.id));
    uri = p.nextUri;
  }
  assert.deepEqual(followed, seen);

  const def = must(await admin.get(`${GROUPS}?type=distribution`), 'default');
  assert.equal(def.pageSize, 25);
  assert.equal(def.pageNumber, 1);
  assert.equal('nextUri' in def, false);
  must(await admin.get(`${GROUPS}?pageSize=500`), 'max');
  for (const q of ['pageSize=501', 'pageSize=0', 'pageSize=-1', 'pageSize=abc', 'pageSize=100000']) {
    const b = assertFieldError(await admin.get(`${USERS}?${q}`), 'pageSize');
    assert.match(b.message, /500/);
  }
  for (const q of ['pageNumber=0', 'pageNumber=x']) assertFieldError(await admin.get(`${ROLES}?${q}`), 'pageNumber');
  for (const path of [USERS, ROLES, `${GROUPS}/${own.group}/members`, `${ROLES}/${own.role}/users`]) {
    const first = must(await admin.get(`${path}?pageSize=1`), path);
    assert.equal(first.entities.length, 1, path);
    assert.equal(first.pageSize, 1);
    const past = must(await admin.get(`${path}?pageSize=1&pageNumber=${first.total + 1}`), path);
    assert.deepEqual(past.entities, [], path);
    assert.equal('nextUri' in past, false);
    assertFieldError(await admin.get(`${path}?pageSize=501`), 'pageSize');
  }
});

// ---- 401 / 403 / 404 for every endpoint ------------------------------------------

test('every endpoint answers 401 without credentials or with a bad token, and changes nothing', async () => {
  const before = await snapshot(admin, own);
  const bad = new Session(server, { token: 'bad'.repeat(20) });
  for (const [method, path, , body] of endpoints({ ...own, member: own.employee })) {
    assertError(await server.anonymous().call(method, path, body), 401, 'authentication.required');
    assertError(await bad.call(method, path, body), 401, 'bad.credentials');
  }
  assert.deepEqual(await snapshot(admin, own), before);
});

test('every endpoint answers 403 without its permission, naming it, and changes nothing', async () => {
  const before = await snapshot(admin, own);
  let checked = 0;
  for (const [method, path, permission, body] of endpoints({ ...own, member: own.employee })) {
    if (!permission) {
      if (method === 'GET') assert.equal((await nobody.call(method, path)).status, path.endsWith('/users/me') ? 400 : 200, path);
      continue;
    }
    const b = assertError(await nobody.call(method, path, body), 403, 'missing.any.permissions');
    assert.ok(b.message.includes(permission), `${method} ${path}: ${b.message}`);
    if (!permission.endsWith(':view')) {
      // A logged-in Employee (directory views only) is refused the same way, cookie and CSRF token and all.
      const e = assertError(await employee.call(method, path, body), 403, 'missing.any.permissions');
      assert.ok(e.message.includes(permission), e.message);
    }
    checked++;
  }
  assert.equal(checked, 22);
  assert.deepEqual(await snapshot(admin, own), before);
});

test("every {id} endpoint answers 404 for another org's ids, and nothing changes on either side", async () => {
  const ours = await snapshot(admin, own);
  const theirsBefore = await snapshot(other, theirs);
  let checked = 0;
  // Their group, role or user, with our user as the member to add or remove.
  for (const [method, path, , body] of endpoints({ ...theirs, member: own.user })) {
    if (!Object.values(theirs).some((id) => path.includes(id))) continue;
    const b = assertError(await admin.call(method, path, body), 404, 'not.found');
    assert.ok(!b.message.includes('Their'), 'says nothing of the other org');
    checked++;
  }
  assert.equal(checked, 15);
  // The same with ids that exist nowhere.
  for (const [method, path, , body] of endpoints({ user: UNKNOWN, group: UNKNOWN, role: UNKNOWN, member: own.user })) {
    if (path.includes(UNKNOWN)) assertError(await admin.call(method, path, body), 404, 'not.found');
  }
  assert.deepEqual(await snapshot(admin, own), ours);
  assert.deepEqual(await snapshot(other, theirs), theirsBefore);
});

test("another org's users cannot be added to our groups or roles, and never show in our lists", async () => {
  const before = await snapshot(admin, own);
  const b = assertFieldError(await admin.post(`${GROUPS}/${own.group}/members`, { memberIds: [own.employee, theirs.user] }), 'memberIds');
  assert.match(b.message, /memberIds\[1\]/);
  const r = assertFieldError(await admin.put(`${ROLES}/${own.role}/users/add`, [theirs.user]), 'userIds');
  assert.match(r.message, /userIds\[0\]/);
  assert.deepEqual(await snapshot(admin, own), before, 'all or nothing: the valid id was not added either');
  const lists = [before.users, before.groups, before.roles].flatMap((l) => l.entities.map((e) => e.id));
  for (const id of Object.values(theirs)) assert.ok(!lists.includes(id));
  const theirUsers = must(await other.get(`${USERS}?pageSize=500`), 'their users').entities.map((u) => u.email);
  assert.deepEqual(theirUsers.filter((e) => e !== 'dup@example.com').sort(), ['their@example.com']);
});

// ---- bad input -------------------------------------------------------------------

test('bad input names the field in details and changes nothing', async () => {
  const before = await snapshot(admin, own);
  const u = `${USERS}/${own.user}`, g = `${GROUPS}/${own.group}`, r = `${ROLES}/${own.role}`;
  const cases = [
    ['POST', USERS, { name: 'No email' }, 'email'],
    ['POST', USERS, { name: 'Bad email', email: 'not-an-email' }, 'email'],
    ['POST', USERS, { name: 'Short pw', email: 'short@example.com', password: 'short' }, 'password'],
    ['POST', USERS, { name: 'Bad tag', email: 'tag@example.com', languageTag: 'en_US' }, 'languageTag'],
    ['POST', USERS, { name: '   ', email: 'blank@example.com' }, 'name'],
    ['POST', USERS, { name: 7, email: 'seven@example.com' }, 'name'],
    ['POST', USERS, { name: 'Admin?', email: 'extra@example.com', admin: true }, 'admin'],
    ['POST', USERS, { name: 'x'.repeat(257), email: 'long@example.com' }, 'name'],
    ['PATCH', u, { name: 'Renamed', languageTag: 'bad tag' }, 'languageTag'],
    ['PATCH', u, { name: 'Renamed', email: 'nope' }, 'email'],
    ['PATCH', u, { name: 'Renamed', version: 'one' }, 'version'],
    ['PATCH', u, { name: 'Renamed', password: 123456789 }, 'password'],
    ['POST', GROUPS, { name: 'Public group', type: 'public' }, 'type'],
    ['POST', GROUPS, { type: 'social' }, 'name'],
    ['POST', GROUPS, { name: 'Long description', type: 'social', description: 'x'.repeat(2001) }, 'description'],
    ['POST', GROUPS, { name: 'Unknown key', type: 'social', owner: 'me' }, 'owner'],
    ['PATCH', g, { name: '' }, 'name'],
    ['PATCH', g, { name: 'Renamed', type: 'secret' }, 'type'],
    ['POST', `${g}/members`, { memberIds: own.employee }, 'memberIds'],
    ['POST', `${g}/members`, { memberIds: [] }, 'memberIds'],
    ['POST', `${g}/members`, { memberIds: [own.employee, own.employee] }, 'memberIds'],
    ['POST', `${g}/members`, { memberIds: [own.employee, UNKNOWN] }, 'memberIds'],
    ['POST', `${g}/members`, { members: [own.employee] }, 'memberIds'],
    ['DELETE', `${g}/members`, undefined, 'memberIds'],
    ['POST', ROLES, { name: 'Partial', permissionPolicies: [{ domain: 'integ*', entityName: 'integration', actionSet: ['view'] }] }, 'permissionPolicies[0]'],
    ['POST', ROLES, { permissionPolicies: [] }, 'name'],
    ['POST', ROLES, { name: 'No actions', permissionPolicies: [{ domain: 'directory', entityName: 'user', actionSet: [] }] }, 'permissionPolicies[0]'],
    ['PUT', r, { name: 'Renamed', permissionPolicies: '*:*:*' }, 'permissionPolicies'],
    ['PUT', r, { permissionPolicies: [] }, 'name'],
    ['PUT', `${r}/users/add`, { userIds: [own.employee] }, 'userIds'],
    ['PUT', `${r}/users/add`, [own.employee, UNKNOWN], 'userIds'],
    ['PUT', `${r}/users/remove`, [], 'userIds'],
  ];
  for (const [method, path, body, field] of cases) {
    const b = assertFieldError(await admin.call(method, path, body), field);
    assert.ok(b.message.length > 0);
  }
  assert.deepEqual(await snapshot(admin, own), before);
});
