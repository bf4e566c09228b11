// Issue 8 item 5, for what exists now (auth, users, groups, roles, JSON bodies,
// headers, URLs, assets): hostile input gets a clear ErrorBody and changes
// nothing. Truncated and 10000-level JSON, huge numbers, invalid UTF-8, NUL
// bytes, long headers, duplicate keys, SQL and <script> in names (stored
// verbatim, sent only as JSON), path traversal, another org's ids in paths and
// bodies, forged cross-site requests, session fixation, brute-force logins,
// and credentials after logout, deletion and expiry.
// The foundation-*.test.mjs files cover the plain cases (401/403/404 on every
// endpoint, 413/414/431, a missing or wrong CSRF token); this file covers the
// attacker's variants of them.
// Run: PORTICO_BIN=/path/to/portico node --test hostile-input.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Session, ADMIN_EMAIL, ADMIN_PASSWORD, usingPostgres } from './lib/server.mjs';
import { assertError, assertFieldError, disposeChecked, sqlite } from './lib/foundation.mjs';

const USERS = '/api/v2/users';
const GROUPS = '/api/v2/groups';
const ROLES = '/api/v2/authorization/roles';
const SQL_STRINGS = ["Robert'); DROP TABLE users;--", "' OR '1'='1", '1; DELETE FROM org_groups WHERE 1=1 --', '%s%n%x \\ " \u0027'];
const HTML_STRINGS = ['<script>alert(1)</script>', '<img src=x onerror=alert(document.cookie)>', '"><svg onload=alert(1)>'];

let server, admin;

before(async () => {
  server = await startServer();
  admin = await server.clientToken('Master Admin');
});
after(() => disposeChecked(server));

function must(res, what, ...statuses) {
  const want = statuses.length ? statuses : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Everything the admin can list, to show that refused requests changed nothing. */
async function snapshot(s = admin) {
  const list = async (path) => must(await s.get(`${path}?pageSize=500`), path).entities;
  return { users: await list(USERS), groups: await list(GROUPS), roles: await list(ROLES) };
}

async function assertUnchanged(before, s = admin) {
  assert.deepEqual(await snapshot(s), before, 'a refused request changed stored data');
}

/** One request written byte for byte on a fresh connection (paths fetch would
 *  normalise, raw bytes, broken framing). Resolves {status, headers, text, body}. */
function rawRequest(head, body = Buffer.alloc(0)) {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no answer to ${head.split('\r\n')[0]}`)); }, 5000);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [top, ...rest] = text.split('\r\n\r\n');
      const lines = top.split('\r\n');
      const headers = new Headers();
      for (const l of lines.slice(1)) { const i = l.indexOf(':'); if (i > 0) headers.append(l.slice(0, i), l.slice(i + 1).trim()); }
      const bodyText = rest.join('\r\n\r\n');
      let parsed;
      try { parsed = JSON.parse(bodyText); } catch { parsed = bodyText; }
      resolve({ status: Number(lines[0].split(' ')[1]) || 0, headers, text: bodyText, body: parsed, answers: (text.match(/^HTTP\/1\.1 /gm) || []).length });
    });
    sock.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  });
}

const get = (path, extra = '') => rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`);
const postRaw = (path, body, headers = '') =>
  rawRequest(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer ${admin.token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n${headers}\r\n`, body);

test('truncated JSON bodies are 400 ErrorBodies and create nothing', async () => {
  const before = await snapshot();
  const whole = JSON.stringify({ name: 'Truncated group', type: 'official', description: 'cut short' });
  for (let n = 1; n < whole.length; n++) {
    const b = assertError(await admin.call('POST', GROUPS, whole.slice(0, n)), 400);
    assert.match(b.message, /not valid JSON|JSON object|must/, `prefix ${n}: ${b.message}`);
  }
  assertError(await admin.call('POST', GROUPS, ''), 400);
  await assertUnchanged(before);
});

test('10000 levels of nesting are refused without a crash', async () => {
  const before = await snapshot();
  const deep = ['['.repeat(10000) + ']'.repeat(10000), '{"a":'.repeat(10000) + '1' + '}'.repeat(10000),
    `{"name":"deep","type":"official","description":${'['.repeat(10000)}${']'.repeat(10000)}}`,
    '['.repeat(10000)];
  for (const body of deep) {
    assertError(await admin.call('POST', GROUPS, body), 400);
    assertError(await admin.call('POST', ROLES, body), 400);
    assertError(await admin.call('POST', '/login', body), 400);
  }
  assert.equal((await server.fetch('/healthz')).status, 200);
  await assertUnchanged(before);
});

test('huge numbers are refused or bounded, never stored wrapped', async () => {
  const group = must(await admin.post(GROUPS, { name: 'Numbers', type: 'social' }), 'group');
  const before = await snapshot();
  for (const version of ['1e400', '123456789012345678901234567890', '-1e400']) {
    assertError(await admin.call('POST', GROUPS, `{"name":"n","type":"official","version":${version}}`), 400);
    assertError(await admin.call('PATCH', `${GROUPS}/${group.id}`, `{"name":"Numbers 2","version":${version}}`), 400);
  }
  assertFieldError(await admin.patch(`${GROUPS}/${group.id}`, { name: 'Numbers 2', version: 1.5 }), 'version');
  const stale = await admin.call('PATCH', `${GROUPS}/${group.id}`, '{"name":"Numbers 3","version":9223372036854775807}');
  assertError(stale, 409);
  for (const q of ['pageSize=99999999999999999999', 'pageSize=1e3', 'pageNumber=-9223372036854775808', 'pageNumber=0x10', 'pageSize=25%00']) {
    assertError(await admin.get(`${USERS}?${q}`), 400);
  }
  await assertUnchanged(before);
});

test('invalid UTF-8 in a body, a path, a query and a key gets a well-formed ErrorBody', async () => {
  const before = await snapshot();
  const bad = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","type":"official"}')]);
  assertError(await postRaw(GROUPS, bad), 400);
  // The path and the query are quoted in messages: they must still make valid JSON.
  const path = await get('/api/v2/%ff%fe%c3');
  assertError(path, 404);
  assert.match(path.body.message, /Nothing is at/);
  assertFieldError(await admin.get(`${GROUPS}?type=%ff%c3`), 'type');
  // An unknown key of 200 two-byte characters: the field name (95 bytes) and the
  // message (255) are cut inside a character; the cut byte becomes '?'.
  const long = assertFieldError(await admin.post(GROUPS, { name: 'k', type: 'official', ['é'.repeat(200)]: 1 }), 'é'.repeat(47) + '?');
  assert.ok(long.message.startsWith('é'.repeat(40)), long.message);
  await assertUnchanged(before);
});

test('NUL bytes never reach a name or cut a path short', async () => {
  const group = must(await admin.post(GROUPS, { name: 'NUL target', type: 'social' }), 'group');
  const before = await snapshot();
  assertError(await admin.post(GROUPS, { name: 'nul\u0000byte', type: 'official' }), 400);
  assertError(await postRaw(GROUPS, Buffer.from('{"name":"raw\u0000nul","type":"official"}', 'latin1')), 400);
  assertError(await admin.post(USERS, { name: 'a', email: 'a\u0000@example.com' }), 400);
  // "%00" is not decoded: /healthz%00x is not /healthz, and an id followed by %00 is not that id.
  assertError(await get('/healthz%00x'), 404);
  assertError(await admin.get(`${GROUPS}/${group.id}%00x`), 404);
  assertError(await admin.delete(`${GROUPS}/${group.id}%00`), 404);
  await assertUnchanged(before);
});

test('long and many headers, long credentials: clear refusals and the server answers afterwards', async () => {
  assertError(await get(USERS, `Authorization: Bearer ${'a'.repeat(10000)}\r\n`), 401);
  assertError(await get(USERS, `Cookie: portico_session=${'b'.repeat(10000)}\r\n`), 401);
  assertError(await get(USERS, `Authorization: Basic ${'c'.repeat(4000)}\r\n`), 401);
  const many = Array.from({ length: 3000 }, (_, i) => `X-H${i}: v\r\n`).join('');
  assert.equal((await get('/healthz', many)).status, 431);
  assert.equal((await get(`/healthz?${'q'.repeat(70000)}`)).status, 414);
  // A body length given twice could smuggle a second request past a proxy that reads the
  // other one: refused with one 400 and the connection closed, the second request unread.
  const smuggled = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  for (const lengths of ['Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', 'Content-Length: 5\r\nContent-Length: 50\r\n']) {
    const res = await rawRequest(`POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n${lengths}Content-Type: application/json\r\n\r\n0\r\n\r\n${smuggled}`);
    assertError(res, 400, 'bad.request');
    assert.equal(res.answers, 1, `one answer, the smuggled request unread: ${res.text}`);
  }
  assert.equal((await get('/healthz', '')).status, 200);
  assert.equal((await rawRequest('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n')).status, 400, 'a request without Host is 400');
});

test('duplicate keys are refused, whichever copy would have won', async () => {
  const before = await snapshot();
  assertError(await admin.call('POST', GROUPS, '{"name":"first","type":"official","name":"second"}'), 400);
  assertError(await admin.call('POST', USERS, '{"name":"u","email":"a@example.com","email":"b@example.com"}'), 400);
  assertError(await admin.call('POST', ROLES, '{"name":"r","permissionPolicies":[{"domain":"directory","domain":"*","entityName":"user","actionSet":["view"]}]}'), 400);
  assertError(await admin.call('POST', '/login', `{"email":"${ADMIN_EMAIL}","password":"wrong","password":"${ADMIN_PASSWORD}"}`), 400);
  await assertUnchanged(before);
});

test('SQL in names, descriptions and e-mails is stored verbatim and harmless', async () => {
  const made = [];
  for (const [i, s] of SQL_STRINGS.entries()) {
    const user = must(await admin.post(USERS, { name: s, email: `o'hara+${i}@example.com` }), 'user');
    const group = must(await admin.post(GROUPS, { name: `${s} ${i}`, type: 'social', description: s }), 'group');
    const role = must(await admin.post(ROLES, { name: `${s} role`, description: s, permissionPolicies: [] }), 'role');
    made.push({ s, i, user, group, role });
  }
  for (const { s, i, user, group, role } of made) {
    assert.equal(must(await admin.get(`${USERS}/${user.id}`), 'user').name, s);
    assert.equal(must(await admin.get(`${USERS}/${user.id}`), 'user').email, `o'hara+${i}@example.com`);
    const g = must(await admin.get(`${GROUPS}/${group.id}`), 'group');
    assert.deepEqual([g.name, g.description], [`${s} ${i}`, s]);
    assert.equal(must(await admin.get(`${ROLES}/${role.id}`), 'role').description, s);
  }
  // Nothing was dropped or emptied: the tables are there, every row with them.
  const now = await snapshot();
  assert.ok(now.users.length >= SQL_STRINGS.length + 1 && now.groups.length >= SQL_STRINGS.length);
  const before = now;
  assertFieldError(await admin.get(`${GROUPS}?type=${encodeURIComponent("official' OR '1'='1")}`), 'type');
  assertError(await admin.get(`${USERS}/${encodeURIComponent("' OR '1'='1")}`), 404);
  assertError(await admin.delete(`${GROUPS}/${encodeURIComponent("x' OR '1'='1")}`), 404);
  assertError(await admin.get(`${USERS}?pageSize=${encodeURIComponent('1; DROP TABLE users')}`), 400);
  await assertUnchanged(before);
});

test('<script> in names is stored verbatim and only ever sent as JSON', async () => {
  for (const [i, s] of HTML_STRINGS.entries()) {
    const user = must(await admin.post(USERS, { name: s, email: `html${i}@example.com` }), 'user');
    const group = must(await admin.post(GROUPS, { name: s, type: 'official', description: s }), 'group');
    const role = must(await admin.post(ROLES, { name: s, description: s, permissionPolicies: [] }), 'role');
    for (const path of [`${USERS}/${user.id}`, `${GROUPS}/${group.id}`, `${ROLES}/${role.id}`]) {
      const res = await admin.get(path);
      assert.equal(res.body.name, s);
      assert.match(res.headers.get('content-type'), /^application\/json/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
  }
  // A path holding markup is quoted in a JSON ErrorBody, never in a page.
  const reflected = await get('/%3Cscript%3Ealert(1)%3C/script%3E');
  assertError(reflected, 404);
  assert.match(reflected.headers.get('content-type'), /^application\/json/);
  assert.equal(reflected.headers.get('x-content-type-options'), 'nosniff');
  assert.match(reflected.body.message, /<script>alert\(1\)<\/script>/);
});

test('path traversal never leaves the embedded assets', async () => {
  const index = await get('/admin/');
  assert.equal(index.status, 200);
  const tries = ['/admin/../../etc/passwd', '/admin/..%2f..%2f..%2fetc%2fpasswd', '/admin/%2e%2e/%2e%2e/etc/passwd',
    '/admin/js/../../../../etc/passwd.js', '/admin/..\\..\\..\\etc\\passwd', '/admin/....//....//etc/passwd.txt',
    '/shell/../../../etc/passwd', '/shell/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/common/..%2f..%2f..%2fetc%2fpasswd',
    '/admin/%252e%252e/%252e%252e/etc/passwd', '/shell/index.html/../../etc/passwd', '/../../../../etc/passwd'];
  for (const path of tries) {
    const res = await get(path);
    assert.doesNotMatch(res.text, /root:.*:0:0:/, `${path} leaked a file`);
    if (res.status === 200) assert.equal(res.text, index.text, `${path}: only the admin page itself, for its client-side routes`);
    else assertError(res, 404);
  }
});

test("another org's ids in paths, bodies and queries: 404/400, and neither org changes", async () => {
  assert.equal(server.cli(['org', 'create', '--name', 'Hostile Org', '--level', '3']).status, 0);
  const other = await server.clientToken('Master Admin', 'Hostile Org');
  const victim = {
    user: must(await admin.post(USERS, { name: 'Victim', email: 'victim@example.com' }), 'user').id,
    group: must(await admin.post(GROUPS, { name: 'Victim group', type: 'official' }), 'group').id,
    role: must(await admin.post(ROLES, { name: 'Victim role', permissionPolicies: [] }), 'role').id,
  };
  must(await admin.post(`${GROUPS}/${victim.group}/members`, { memberIds: [victim.user] }), 'members', 202);
  const mine = {
    user: must(await other.post(USERS, { name: 'Attacker', email: 'attacker@example.com' }), 'user').id,
    group: must(await other.post(GROUPS, { name: 'Attacker group', type: 'official' }), 'group').id,
    role: must(await other.post(ROLES, { name: 'Attacker role', permissionPolicies: [] }), 'role').id,
  };
  const victimBefore = await snapshot();
  const attackerBefore = await snapshot(other);
  // Their ids in our paths.
  assertError(await other.get(`${GROUPS}/${victim.group}/members`), 404);
  assertError(await other.post(`${GROUPS}/${victim.group}/members`, { memberIds: [mine.user] }), 404);
  assertError(await other.put(`${ROLES}/${victim.role}/users/add`, [mine.user]), 404);
  // Their ids in bodies and queries of our own resources.
  assertError(await other.post(`${GROUPS}/${mine.group}/members`, { memberIds: [victim.user] }), 400);
  assertError(await other.put(`${ROLES}/${mine.role}/users/add`, [victim.user]), 400);
  assertError(await other.delete(`${GROUPS}/${mine.group}/members?ids=${victim.user}`), 400);
  // An id in the body never redirects a change to another record.
  must(await other.patch(`${USERS}/${mine.user}`, { id: victim.user, name: 'Renamed by id' }), 'patch own');
  must(await other.patch(`${GROUPS}/${mine.group}`, { id: victim.group, name: 'Group renamed by id' }), 'patch own group');
  assert.equal(must(await other.get(`${USERS}/${mine.user}`), 'own').name, 'Renamed by id');
  await assertUnchanged(victimBefore);
  const attackerAfter = await snapshot(other);
  assert.deepEqual(attackerAfter.roles, attackerBefore.roles);
  assert.equal(attackerAfter.users.length, attackerBefore.users.length);
  assert.ok(!JSON.stringify(attackerAfter).includes(victim.user), "the other org's lists never show our ids");
});

test('forged cross-site requests cannot change anything', async () => {
  const a = await server.login();
  const b = await server.login();
  const before = await snapshot();
  const body = JSON.stringify({ name: 'Forged', type: 'official' });
  // The token of another session of the same user, or the token in the query, is not the token.
  const crossed = new Session(server, { cookie: a.cookie, csrfToken: b.csrfToken });
  assertError(await crossed.post(GROUPS, { name: 'Forged', type: 'official' }), 403, 'csrf.token.missing');
  const inQuery = new Session(server, { cookie: a.cookie });
  assertError(await inQuery.call('POST', `${GROUPS}?csrfToken=${a.csrfToken}&X-CSRF-Token=${a.csrfToken}`, body), 403, 'csrf.token.missing');
  // What a cross-site <form> can send: text/plain or form bodies with the cookie, no header.
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    assertError(await inQuery.call('POST', GROUPS, body, { 'content-type': type }), 403, 'csrf.token.missing');
    assertError(await inQuery.call('DELETE', `${GROUPS}/${before.groups[0].id}`, undefined, { 'content-type': type }), 403);
  }
  // Login CSRF: a form cannot log the victim in as the attacker (JSON only, no cookie set).
  const formLogin = await server.fetch('/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  assert.equal(formLogin.status, 415);
  assert.equal(formLogin.headers.get('set-cookie'), null);
  await formLogin.text();
  await assertUnchanged(before);
});

test("session fixation: a victim who logs in with the attacker's cookie gets a session of their own", async () => {
  const attackerEmail = 'fixer@example.com', attackerPassword = 'attacker password 1';
  must(await admin.post(USERS, { name: 'Fixer', email: attackerEmail, password: attackerPassword }), 'attacker');
  const attacker = await server.login(attackerEmail, attackerPassword);
  // The attacker plants their cookie in the victim's browser; the victim logs in with it.
  const res = await server.fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json', cookie: attacker.cookie }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  assert.equal(res.status, 200);
  const { csrfToken } = await res.json();
  const issued = res.headers.get('set-cookie').split(';')[0];
  assert.notEqual(issued, attacker.cookie);
  // The planted session is still the attacker's: it never became the victim's.
  assert.equal(must(await attacker.get('/api/v2/users/me'), 'attacker me').email, attackerEmail);
  const victim = new Session(server, { cookie: issued, csrfToken });
  assert.equal(must(await victim.get('/api/v2/users/me'), 'victim me').email, ADMIN_EMAIL);
  assert.notEqual(csrfToken, attacker.csrfToken);
});

test('credentials after logout, deletion and expiry are 401 everywhere', async () => {
  const before = await snapshot();
  const s = await server.login();
  must(await s.post('/logout'), 'logout', 204);
  for (const [method, path] of [['GET', '/api/v2/users/me'], ['GET', USERS], ['POST', GROUPS], ['POST', '/logout']]) {
    assertError(await s.call(method, path, method === 'POST' ? { name: 'After logout', type: 'social' } : undefined), 401);
  }
  // Deleting a user ends their sessions at once.
  const email = 'leaver@example.com', password = 'leaver password 123';
  const leaver = must(await admin.post(USERS, { name: 'Leaver', email, password }), 'leaver');
  const session = await server.login(email, password);
  must(await session.get('/api/v2/users/me'), 'me');
  must(await admin.delete(`${USERS}/${leaver.id}`), 'delete', 204);
  assertError(await session.get('/api/v2/users/me'), 401, 'bad.credentials');
  await assertUnchanged(before);
});

// The server may keep a caller in memory between requests; expiry must still hold. The expiry is
// moved to 2 s from now before the server first sees these credentials; time then runs out.
test('a token and a session expire while the server runs, even when the server remembers them', { skip: usingPostgres() && 'reads the SQLite file' }, async () => {
  const token = await server.clientToken('Master Admin');
  const login = await server.login();
  const deadline = Date.now() + 2000;
  sqlite(server, `UPDATE sessions SET expires_at = ${deadline} WHERE expires_at > ${deadline}`);
  must(await token.get('/api/v2/tokens/me'), 'token before its expiry');
  must(await login.get('/api/v2/users/me'), 'session before its expiry');
  await new Promise((r) => setTimeout(r, deadline - Date.now() + 100));
  assertError(await token.get('/api/v2/tokens/me'), 401, 'bad.credentials');
  assertError(await token.post(GROUPS, { name: 'Expired', type: 'social' }), 401);
  assertError(await login.get('/api/v2/users/me'), 401, 'bad.credentials');
  admin = await server.clientToken('Master Admin'); // the suite's own token ran out too
});

// Last, on a server of its own: it leaves the address throttled.
test('brute-force logins are slowed: a parallel burst of guesses is cut off with 429', async () => {
  const own = await startServer();
  try {
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      own.fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: `guess number ${i}` }) })
        .then(async (r) => ({ status: r.status, retry: r.headers.get('retry-after'), body: await r.json() }))));
    const wrong = guesses.filter((g) => g.status === 401).length;
    const slowed = guesses.filter((g) => g.status === 429);
    assert.equal(wrong + slowed.length, guesses.length, `only 401 and 429: ${guesses.map((g) => g.status)}`);
    assert.ok(wrong <= 5 + 2, `${wrong} guesses were checked; 5 are free, two threads may race one more each`);
    for (const g of slowed) {
      assert.ok(Number(g.retry) >= 1, 'Retry-After says how long');
      assertError({ status: g.status, headers: new Headers({ 'content-type': 'application/json' }), body: g.body }, 429, 'too.many.requests');
    }
    // Even the right password waits now.
    const right = await own.fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
    assert.equal(right.status, 429);
    await right.text();
  } finally {
    await disposeChecked(own);
  }
});
