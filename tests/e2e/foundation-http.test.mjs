// Issue 2 item 2 (HTTP): the ErrorBody on every error with a contextId that is
// also in the request log, request limits (JSON only, 1 MiB body, bounded URL
// and headers), security headers, keep-alive, /healthz and the OpenAPI file.
// Run: PORTICO_BIN=/path/to/portico node --test foundation-http.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './lib/server.mjs';
import { assertError, assertFieldError, waitForLog, escapeRe, UUID_RE, disposeChecked } from './lib/foundation.mjs';

let server; let admin; let nobody;

before(async () => {
  server = await startServer();
  admin = await server.clientToken('Master Admin');
  const role = await admin.post('/api/v2/authorization/roles', { name: 'No permissions', permissionPolicies: [] });
  assert.equal(role.status, 200);
  nobody = await server.clientToken('No permissions');
});
after(() => disposeChecked(server));

/** One raw request with node:http; resolves {status, headers, body, socket reuse}. */
function raw(method, path, { headers = {}, body, agent } = {}) {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, reused: req.reusedSocket, localPort: res.socket?.localPort }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const bodyOf = (res) => ({ status: res.status, headers: new Headers(res.headers), body: JSON.parse(res.text) });

async function assertLogged(method, path, status, contextId) {
  const re = new RegExp(`^${method} ${escapeRe(path)} ${status} \\d+(\\.\\d+)?ms ${contextId}$`, 'm');
  await waitForLog(server, re);
}

test('every kind of error is an ErrorBody whose contextId is in the request log line', async () => {
  const group = (await admin.post('/api/v2/groups', { name: 'Logged group', type: 'official' })).body;
  const cases = [
    ['GET', '/api/v2/users', server.anonymous(), undefined, 401],
    ['GET', '/api/v2/users', nobody, undefined, 403],
    ['GET', '/api/v2/users/00000000-0000-4000-8000-000000000000', admin, undefined, 404],
    ['GET', '/no/such/path', admin, undefined, 404],
    ['PUT', '/api/v2/users', admin, {}, 405],
    ['POST', '/api/v2/groups', admin, { name: 'Logged group', type: 'social' }, 409],
    ['POST', '/api/v2/groups', admin, { name: '', type: 'social' }, 400],
    ['PATCH', `/api/v2/groups/${group.id}`, admin, '{"name": ', 400],
    ['GET', '/api/v2/groups?pageSize=0', admin, undefined, 400],
  ];
  const seen = new Set();
  for (const [method, path, who, body, status] of cases) {
    const res = await who.call(method, path, body);
    const b = assertError(res, status);
    assert.ok(!seen.has(b.contextId), 'a new contextId per request');
    seen.add(b.contextId);
    await assertLogged(method, path.split('?')[0], status, b.contextId);
  }
  // Successful requests are logged too, with a contextId of their own.
  const ok = await admin.get('/api/v2/users');
  assert.equal(ok.status, 200);
  await waitForLog(server, /^GET \/api\/v2\/users 200 \d+(\.\d+)?ms [0-9a-f-]{36}$/m);
});

test('malformed JSON is 400 and says where', async () => {
  const res = await admin.post('/api/v2/groups', '{"name": "x", "type": }');
  const b = assertError(res, 400, 'bad.request');
  assert.match(b.message, /not valid JSON/);
  assert.match(b.message, /line 1, column \d+/);
  const res2 = await admin.post('/api/v2/users', '{"name": "a",\n "email": "b@example.com",,}');
  assert.match(assertError(res2, 400).message, /line 2/);
  assertError(await admin.post('/api/v2/groups', '{"name": "a", "name": "b", "type": "social"}'), 400);
  assertError(await admin.post('/api/v2/groups', ''), 400);
  const notObject = await admin.post('/api/v2/groups', '["a"]');
  assertError(notObject, 400);
  const list = await admin.get('/api/v2/groups?pageSize=500');
  assert.equal(list.body.entities.filter((g) => g.name === 'x' || g.name === 'a' || g.name === 'b').length, 0);
});

test('a JSON endpoint refuses another Content-Type with 415', async () => {
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'multipart/form-data; boundary=x']) {
    const res = await admin.post('/api/v2/groups', JSON.stringify({ name: `ct ${ct}`, type: 'social' }), { 'content-type': ct });
    assertError(res, 415, 'unsupported.media.type');
  }
  const missing = await raw('POST', '/api/v2/groups', {
    headers: { authorization: `Bearer ${admin.token}` }, body: JSON.stringify({ name: 'no ct', type: 'social' }),
  });
  assertError(bodyOf(missing), 415, 'unsupported.media.type');
  // A charset parameter is fine.
  const withCharset = await admin.post('/api/v2/groups', { name: 'charset ok', type: 'social' }, { 'content-type': 'application/json; charset=utf-8' });
  assert.equal(withCharset.status, 200);
  const list = await admin.get('/api/v2/groups?pageSize=500');
  assert.equal(list.body.entities.filter((g) => g.name.startsWith('ct ') || g.name === 'no ct').length, 0);
});

test('a body over 1 MiB is 413; exactly 1 MiB is read', async () => {
  const MiB = 1024 * 1024;
  const pad = (n, obj) => { const s = JSON.stringify(obj); return s.slice(0, -1) + ' '.repeat(n - s.length) + '}'; };
  const big = pad(MiB + 1, { name: 'Too big', type: 'social' });
  assert.equal(big.length, MiB + 1);
  assertError(await admin.post('/api/v2/groups', big), 413);
  const huge = pad(3 * MiB, { name: 'Far too big', type: 'social' });
  assertError(await admin.post('/api/v2/groups', huge), 413);
  const exact = pad(MiB, { name: 'Exactly one MiB', type: 'social' });
  assert.equal(exact.length, MiB);
  assert.equal((await admin.post('/api/v2/groups', exact)).status, 200);
  const list = await admin.get('/api/v2/groups?type=social&pageSize=500');
  const names = list.body.entities.map((g) => g.name);
  assert.ok(names.includes('Exactly one MiB'));
  assert.ok(!names.includes('Too big') && !names.includes('Far too big'));
  assert.equal((await admin.get('/healthz')).status, 200);
});

test('a very long URL is 414 and very long headers 431; the server still answers afterwards', async () => {
  const longUrl = await raw('GET', `/api/v2/users?pageSize=${'1'.repeat(100 * 1024)}`);
  assert.equal(longUrl.status, 414);
  const longHeader = await raw('GET', '/healthz', { headers: { 'x-filler': 'a'.repeat(100 * 1024) } });
  assert.equal(longHeader.status, 431);
  const manyHeaders = {};
  for (let i = 0; i < 2000; i++) manyHeaders[`x-h${i}`] = 'v'.repeat(40);
  const many = await raw('GET', '/healthz', { headers: manyHeaders });
  assert.equal(many.status, 431);
  const health = await raw('GET', '/healthz');
  assert.equal(health.status, 200);
  assert.equal((await admin.get('/api/v2/users')).status, 200);
});

test('an unknown path is a 404 ErrorBody; a known path with another method is 405', async () => {
  for (const path of ['/nothing-here', '/api/v2/nothing', '/api/v2/users/a/b/c', '/api/v3/users']) {
    const b = assertError(await admin.get(path), 404, 'not.found');
    assert.ok(b.message.includes(path), b.message);
  }
  assertError(await server.anonymous().get('/api/v2/nothing'), 404);
  assertError(await admin.call('DELETE', '/api/v2/users'), 405);
  assertError(await admin.call('PATCH', '/api/v2/authorization/roles/x'), 405);
});

const SECURITY = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

test('security headers on every response: JSON, errors, empty answers, redirects and pages', async () => {
  const g = (await admin.post('/api/v2/groups', { name: 'To delete for headers', type: 'social' })).body;
  const responses = [
    ['200 JSON', await raw('GET', '/healthz')],
    ['200 API', await raw('GET', '/api/v2/users', { headers: { authorization: `Bearer ${admin.token}` } })],
    ['401', await raw('GET', '/api/v2/users')],
    ['404', await raw('GET', '/nothing')],
    ['413', await raw('POST', '/api/v2/groups', { headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, body: ' '.repeat(1024 * 1024 + 10) })],
    ['204', await raw('DELETE', `/api/v2/groups/${g.id}`, { headers: { authorization: `Bearer ${admin.token}` } })],
    ['308', await raw('GET', '/admin')],
    ['admin page', await raw('GET', '/admin/')],
    ['admin route', await raw('GET', '/admin/integrations')],
    ['openapi', await raw('GET', '/api/v2/openapi.json')],
  ];
  for (const [what, res] of responses) {
    for (const [h, v] of Object.entries(SECURITY)) assert.equal(res.headers[h], v, `${what} (${res.status}): ${h}`);
  }
  assert.equal(responses[5][1].status, 204);
  assert.equal(responses[6][1].status, 308);
  assert.equal(responses[6][1].headers.location, '/admin/');
  // JSON is never cached.
  assert.equal(responses[1][1].headers['cache-control'], 'no-store');
});

test('the admin UI is sent with a strict Content-Security-Policy', async () => {
  for (const path of ['/admin/', '/admin/integrations']) {
    const res = await raw('GET', path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers['content-type'], /^text\/html/);
    const csp = res.headers['content-security-policy'];
    assert.ok(csp, `${path} has a CSP`);
    const dirs = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(dirs['default-src'], ["'self'"]);
    assert.deepEqual(dirs['script-src'], ["'self'"]);
    assert.deepEqual(dirs['object-src'], ["'none'"]);
    assert.deepEqual(dirs['frame-ancestors'], ["'none'"]);
    assert.deepEqual(dirs['base-uri'], ["'none'"]);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(dirs['script-src'].join(' ')), csp);
    assert.ok(!csp.includes("'unsafe-eval'"), csp);
    assert.equal(res.headers['x-frame-options'], 'DENY');
  }
});

test('keep-alive: two requests travel on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await raw('GET', '/healthz', { agent });
    const second = await raw('GET', '/api/v2/users', { agent, headers: { authorization: `Bearer ${admin.token}` } });
    const third = await raw('GET', '/nothing-here', { agent });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(third.status, 404);
    assert.equal(first.reused, false);
    assert.equal(second.reused, true, 'the second request reused the socket');
    assert.equal(third.reused, true, 'an error answer keeps the connection too');
    assert.equal(second.localPort, first.localPort);
    assert.equal(third.localPort, first.localPort);
    assert.notEqual(first.headers.connection, 'close');
  } finally {
    agent.destroy();
  }
});

test('GET /healthz answers 200 without credentials', async () => {
  const res = await server.anonymous().get('/healthz');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { status: 'ok' });
});

// The endpoints issue 2 asks for, with the permission each declares.
const FOUNDATION = [
  ['GET', '/api/v2/users', 'directory:user:view'],
  ['POST', '/api/v2/users', 'directory:user:add'],
  ['GET', '/api/v2/users/{id}', 'directory:user:view'],
  ['PATCH', '/api/v2/users/{id}', 'directory:user:edit'],
  ['DELETE', '/api/v2/users/{id}', 'directory:user:delete'],
  ['GET', '/api/v2/users/me', null],
  ['GET', '/api/v2/tokens/me', null],
  ['GET', '/api/v2/groups', 'directory:group:view'],
  ['POST', '/api/v2/groups', 'directory:group:add'],
  ['GET', '/api/v2/groups/{id}', 'directory:group:view'],
  ['PATCH', '/api/v2/groups/{id}', 'directory:group:edit'],
  ['DELETE', '/api/v2/groups/{id}', 'directory:group:delete'],
  ['GET', '/api/v2/groups/{id}/members', 'directory:group:view'],
  ['POST', '/api/v2/groups/{id}/members', 'directory:group:edit'],
  ['DELETE', '/api/v2/groups/{id}/members', 'directory:group:edit'],
  ['GET', '/api/v2/authorization/roles', 'authorization:role:view'],
  ['POST', '/api/v2/authorization/roles', 'authorization:role:add'],
  ['GET', '/api/v2/authorization/roles/{id}', 'authorization:role:view'],
  ['PUT', '/api/v2/authorization/roles/{id}', 'authorization:role:edit'],
  ['DELETE', '/api/v2/authorization/roles/{id}', 'authorization:role:delete'],
  ['GET', '/api/v2/authorization/roles/{id}/users', 'authorization:role:view'],
  ['PUT', '/api/v2/authorization/roles/{id}/users/add', 'authorization:role:edit'],
  ['PUT', '/api/v2/authorization/roles/{id}/users/remove', 'authorization:role:edit'],
  ['POST', '/login', null],
  ['POST', '/logout', null],
  ['POST', '/oauth/token', null],
  ['GET', '/healthz', null],
  ['GET', '/api/v2/openapi.json', null],
];

test('GET /api/v2/openapi.json lists every foundation endpoint with its permission', async () => {
  const res = await server.anonymous().get('/api/v2/openapi.json');
  assert.equal(res.status, 200);
  const doc = res.body;
  assert.match(doc.openapi, /^3\./);
  for (const [method, path, permission] of FOUNDATION) {
    const op = doc.paths[path]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${path} is listed`);
    if (permission) assert.equal(op['x-permission'], permission, `${method} ${path}`);
    const names = (op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name);
    assert.deepEqual(names, [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]), `${method} ${path} parameters`);
  }
});

test('every operation that openapi.json lists exists on the server', async () => {
  const doc = (await server.anonymous().get('/api/v2/openapi.json')).body;
  let checked = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      // A trailing * serves files: a made-up file name may well be 404.
      const concrete = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'x');
      const res = await server.anonymous().call(method.toUpperCase(), concrete);
      assert.notEqual(res.status, 405, `${method} ${path}`);
      if (res.status === 404 && !path.endsWith('*')) assert.doesNotMatch(res.body.message, /^Nothing is at/, `${method} ${path} is routed`);
      if (item[method]['x-permission']) assert.equal(res.status, 401, `${method} ${path} needs a caller`);
      checked++;
    }
  }
  assert.ok(checked >= FOUNDATION.length);
});

test('405 and 404 answers carry their own contextId; a field error keeps the ErrorBody shape', async () => {
  const a = assertError(await admin.call('POST', '/healthz', {}), 405);
  const b = assertError(await admin.get('/x'), 404);
  assert.match(a.contextId, UUID_RE);
  assert.notEqual(a.contextId, b.contextId);
  // A field error still has the ErrorBody shape, with the field named.
  assertFieldError(await admin.get('/api/v2/users?pageNumber=abc'), 'pageNumber');
});
