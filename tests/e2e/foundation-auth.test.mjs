// Issue 2 item 5 (authentication): logging in and out with the session cookie
// and its CSRF token, slowing down repeated failures, OAuth client credentials,
// "who am I", and expired sessions and tokens.
// Run: PORTICO_BIN=/path/to/portico node --test foundation-auth.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Session, ADMIN_EMAIL, ADMIN_PASSWORD } from './lib/server.mjs';
import { assertError, sqlite, disposeChecked } from './lib/foundation.mjs';

let server;

before(async () => { server = await startServer(); });
after(() => disposeChecked(server));

const json = { 'content-type': 'application/json' };
const postLogin = (body, headers = {}) =>
  server.fetch('/login', { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
const basic = (id, secret) => 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function errorOf(res) {
  return { status: res.status, headers: res.headers, body: await res.json() };
}

test('login answers a CSRF token and sets an HttpOnly SameSite=Lax session cookie', async () => {
  const res = await postLogin({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.match(body.csrfToken, /^[0-9a-f]{32,}$/);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^portico_session=[0-9a-f]{32,};/);
  const attrs = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), cookie);
  assert.ok(attrs.includes('samesite=lax'), cookie);
  assert.ok(attrs.includes('path=/'), cookie);
  assert.ok(!attrs.includes('secure'), 'not Secure over plain http');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  // The cookie works, and the e-mail is not case-sensitive.
  const me = await new Session(server, { cookie: cookie.split(';')[0] }).get('/api/v2/users/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.email, ADMIN_EMAIL);
  const upper = await postLogin({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD });
  assert.equal(upper.status, 200);
});

test('wrong password and unknown account are both 401 with the same message', async () => {
  const wrong = assertError(await errorOf(await postLogin({ email: ADMIN_EMAIL, password: 'not the password' })), 401, 'bad.credentials');
  const unknown = assertError(await errorOf(await postLogin({ email: 'nobody@example.com', password: 'whatever password' })), 401, 'bad.credentials');
  assert.equal(wrong.message, unknown.message);
  assert.doesNotMatch(wrong.message, /nobody|admin@/);
  // No cookie is set on failure.
  const again = await postLogin({ email: ADMIN_EMAIL, password: 'not the password' });
  assert.equal(again.headers.get('set-cookie'), null);
  await again.body?.cancel();
  // A good login clears the failures (else the brute-force test below would start late).
  assert.equal((await postLogin({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status, 200);
});

test('login with a malformed body names the missing field', async () => {
  const res = await errorOf(await postLogin({ email: ADMIN_EMAIL }));
  const b = assertError(res, 400);
  assert.deepEqual(b.details.map((d) => d.fieldName), ['password']);
  const res2 = await errorOf(await server.fetch('/login', { method: 'POST', headers: form, body: 'email=a&password=b' }));
  assertError(res2, 415, 'unsupported.media.type');
});

test('state-changing requests by cookie need the CSRF header: 403 csrf.token.missing, nothing changes', async () => {
  const admin = await server.login();
  const noCsrf = new Session(server, { cookie: admin.cookie });
  const wrongCsrf = new Session(server, { cookie: admin.cookie, csrfToken: '0'.repeat(64) });
  const group = (await admin.post('/api/v2/groups', { name: 'CSRF target', type: 'official' })).body;
  assert.ok(group.id);

  for (const s of [noCsrf, wrongCsrf]) {
    assertError(await s.post('/api/v2/groups', { name: 'Forged group', type: 'social' }), 403, 'csrf.token.missing');
    assertError(await s.patch(`/api/v2/groups/${group.id}`, { name: 'Forged name' }), 403, 'csrf.token.missing');
    assertError(await s.delete(`/api/v2/groups/${group.id}`), 403, 'csrf.token.missing');
    assertError(await s.put(`/api/v2/authorization/roles/${group.id}`, { name: 'x' }), 403, 'csrf.token.missing');
    assertError(await s.post('/logout'), 403, 'csrf.token.missing');
  }
  const after = await admin.get(`/api/v2/groups/${group.id}`);
  assert.equal(after.status, 200);
  assert.equal(after.body.name, 'CSRF target');
  assert.equal(after.body.version, group.version);
  const forged = await admin.get('/api/v2/groups?type=social');
  assert.equal(forged.body.entities.filter((g) => g.name === 'Forged group').length, 0);
  // Reads need no token; the session still works after the refusals.
  assert.equal((await noCsrf.get('/api/v2/users/me')).status, 200);
  // With the header, the same change goes through.
  assert.equal((await admin.patch(`/api/v2/groups/${group.id}`, { name: 'CSRF renamed' })).status, 200);
});

test('users/me with a cookie returns the csrfToken, so a reloaded page can go on', async () => {
  const admin = await server.login();
  const me = await new Session(server, { cookie: admin.cookie }).get('/api/v2/users/me');
  assert.equal(me.body.csrfToken, admin.csrfToken);
});

test('bearer tokens need no CSRF header', async () => {
  const client = await server.clientToken('Master Admin');
  const res = await client.post('/api/v2/groups', { name: 'By token', type: 'social' });
  assert.equal(res.status, 200);
});

test('logout ends the session: the cookie is 401 afterwards and the answer clears it', async () => {
  const s = await server.login();
  const res = await s.post('/logout');
  assert.equal(res.status, 204);
  const cleared = res.headers.get('set-cookie');
  assert.match(cleared, /^portico_session=;/);
  assert.match(cleared, /Max-Age=0/i);
  assertError(await s.get('/api/v2/users/me'), 401, 'bad.credentials');
  assertError(await s.post('/logout'), 401);
  // Another session of the same user lives on.
  const other = await server.login();
  assert.equal((await other.get('/api/v2/users/me')).status, 200);
});

test('each login makes a new session; a cookie sent to /login is never adopted (no fixation)', async () => {
  const a = await server.login();
  const b = await server.login();
  assert.notEqual(a.cookie, b.cookie);
  assert.notEqual(a.csrfToken, b.csrfToken);
  const planted = 'portico_session=' + 'ab'.repeat(32);
  const res = await postLogin({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { cookie: planted });
  assert.equal(res.status, 200);
  await res.json();
  const issued = res.headers.get('set-cookie').split(';')[0];
  assert.notEqual(issued, planted);
  assertError(await new Session(server, { cookie: planted }).get('/api/v2/users/me'), 401);
  assert.equal((await new Session(server, { cookie: issued }).get('/api/v2/users/me')).status, 200);
  // Logging in again with a live cookie also gives a fresh one.
  const res2 = await postLogin({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { cookie: a.cookie });
  await res2.json();
  assert.notEqual(res2.headers.get('set-cookie').split(';')[0], a.cookie);
});

test('GET /api/v2/users/me describes the logged-in user', async () => {
  const admin = await server.login();
  const me = await admin.get('/api/v2/users/me');
  assert.equal(me.status, 200);
  const b = me.body;
  assert.equal(b.email, ADMIN_EMAIL);
  assert.equal(typeof b.id, 'string');
  assert.equal(b.selfUri, `/api/v2/users/${b.id}`);
  assert.equal(b.languageTag, 'en-us');
  assert.equal(b.organization.name, 'Default');
  assert.equal(typeof b.organization.id, 'string');
  assert.ok(b.permissions.includes('*:*:*'), JSON.stringify(b.permissions));
  assert.equal(b.password, undefined);
  assert.equal(b.passwordHash, undefined);
  const viaList = await admin.get(`/api/v2/users/${b.id}`);
  assert.equal(viaList.body.email, ADMIN_EMAIL);
});

test('OAuth client credentials: Basic auth and a form body give a bearer token that works', async () => {
  const r = server.cli(['client', 'add', '--name', 'Auth test client', '--role', 'Master Admin']);
  assert.equal(r.status, 0, r.stderr);
  const { clientId, clientSecret } = JSON.parse(r.stdout);
  const res = await server.fetch('/oauth/token', {
    method: 'POST', headers: { authorization: basic(clientId, clientSecret), ...form }, body: 'grant_type=client_credentials',
  });
  assert.equal(res.status, 200);
  const tok = await res.json();
  assert.deepEqual(Object.keys(tok).sort(), ['access_token', 'expires_in', 'token_type']);
  assert.equal(tok.token_type, 'bearer');
  assert.equal(typeof tok.expires_in, 'number');
  assert.ok(tok.expires_in > 0 && tok.expires_in <= 7 * 24 * 3600, `expires_in ${tok.expires_in}`);
  assert.match(tok.access_token, /^[0-9a-f]{32,}$/);

  const client = new Session(server, { token: tok.access_token });
  const me = await client.get('/api/v2/tokens/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.OAuthClient.id, clientId);
  assert.equal(me.body.OAuthClient.name, 'Auth test client');
  assert.equal(me.body.organization.name, 'Default');
  assert.deepEqual(me.body.homeOrganization, me.body.organization);
  assert.equal((await client.get('/api/v2/users')).status, 200);

  // Two requests give two different tokens; both work.
  const res2 = await server.fetch('/oauth/token', {
    method: 'POST', headers: { authorization: basic(clientId, clientSecret), ...form }, body: 'grant_type=client_credentials',
  });
  const tok2 = await res2.json();
  assert.notEqual(tok2.access_token, tok.access_token);
  assert.equal((await new Session(server, { token: tok2.access_token }).get('/api/v2/tokens/me')).status, 200);
});

test('tokens are stored only as hashes', async () => {
  const client = await server.clientToken('Master Admin');
  const admin = await server.login();
  const rows = sqlite(server, 'SELECT token_hash, csrf_token FROM sessions');
  assert.ok(rows.length >= 2);
  const secrets = [client.token, admin.cookie.split('=')[1]];
  for (const row of rows) for (const s of secrets) assert.notEqual(row.token_hash, s);
  const dump = JSON.stringify(sqlite(server, 'SELECT * FROM sessions')) + JSON.stringify(sqlite(server, 'SELECT * FROM oauth_clients'));
  for (const s of [...secrets, client.clientSecret]) assert.ok(!dump.includes(s), 'a secret is stored in clear');
});

test('OAuth refusals: wrong secret, unknown client, no Basic auth are 401; another grant is 400', async () => {
  const r = JSON.parse(server.cli(['client', 'add', '--name', 'Refusals', '--role', 'Master Admin']).stdout);
  const token = (headers, body = 'grant_type=client_credentials') =>
    server.fetch('/oauth/token', { method: 'POST', headers: { ...form, ...headers }, body }).then(errorOf);
  const wrong = assertError(await token({ authorization: basic(r.clientId, 'f'.repeat(64)) }), 401, 'bad.credentials');
  const unknown = assertError(await token({ authorization: basic('3f1e9c2a-1111-4222-8333-944455556666', r.clientSecret) }), 401, 'bad.credentials');
  assert.equal(wrong.message, unknown.message);
  assertError(await token({ authorization: basic('not-a-uuid', 'x') }), 401);
  assertError(await token({}), 401);
  assertError(await token({ authorization: `Bearer ${r.clientSecret}` }), 401);
  assertError(await token({ authorization: basic(r.clientId, r.clientSecret) }, 'grant_type=password&username=a&password=b'), 400);
  assertError(await token({ authorization: basic(r.clientId, r.clientSecret) }, ''), 400);
});

test('a random or malformed bearer token is 401; no credentials at all is 401 authentication.required', async () => {
  assertError(await new Session(server, { token: 'ab'.repeat(32) }).get('/api/v2/users'), 401, 'bad.credentials');
  assertError(await new Session(server, { token: 'x' }).get('/api/v2/tokens/me'), 401, 'bad.credentials');
  assertError(await new Session(server, { token: 'y'.repeat(5000) }).get('/api/v2/tokens/me'), 401, 'bad.credentials');
  assertError(await server.anonymous().get('/api/v2/users/me'), 401, 'authentication.required');
  assertError(await server.anonymous().get('/api/v2/tokens/me'), 401, 'authentication.required');
  const other = await server.fetch('/api/v2/users/me', { headers: { authorization: basic('a', 'b') } }).then(errorOf);
  assertError(other, 401);
  const cookie = await server.fetch('/api/v2/users/me', { headers: { cookie: 'portico_session=' + 'cd'.repeat(32) } }).then(errorOf);
  assertError(cookie, 401, 'bad.credentials');
});

test('an expired session or token is 401', async () => {
  const admin = await server.login();
  const client = await server.clientToken('Master Admin');
  assert.equal((await admin.get('/api/v2/users/me')).status, 200);
  assert.equal((await client.get('/api/v2/tokens/me')).status, 200);
  await server.stop();
  sqlite(server, `UPDATE sessions SET expires_at = ${Date.now() - 1000}`);
  await server.start();
  assertError(await admin.get('/api/v2/users/me'), 401, 'bad.credentials');
  assertError(await client.get('/api/v2/tokens/me'), 401, 'bad.credentials');
  assertError(await client.get('/api/v2/users'), 401, 'bad.credentials');
  // New credentials work again.
  assert.equal((await (await server.login()).get('/api/v2/users/me')).status, 200);
  assert.equal((await (await server.clientToken('Master Admin')).get('/api/v2/tokens/me')).status, 200);
});

test('behind a TLS proxy (--secure-cookies) the session cookie is also Secure', async () => {
  const tls = await startServer({ extraArgs: ['--secure-cookies'] });
  try {
    const res = await tls.fetch('/login', { method: 'POST', headers: json, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
    assert.equal(res.status, 200);
    const { csrfToken } = await res.json();
    const cookie = res.headers.get('set-cookie');
    const attrs = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    for (const a of ['secure', 'httponly', 'samesite=lax']) assert.ok(attrs.includes(a), cookie);
    const out = await new Session(tls, { cookie: cookie.split(';')[0], csrfToken }).post('/logout');
    assert.equal(out.status, 204);
    assert.ok(out.headers.get('set-cookie').toLowerCase().split(';').map((a) => a.trim()).includes('secure'));
  } finally {
    await disposeChecked(tls);
  }
});

test('one address failing on many accounts is slowed down too', async () => {
  const fresh = await startServer();
  try {
    const tries = (from, n) => Promise.all(Array.from({ length: n }, (_, i) => fresh.fetch('/login', {
      method: 'POST', headers: json, body: JSON.stringify({ email: `nobody${from + i}@example.com`, password: 'guessing 12345' }),
    }).then(errorOf)));
    const first = await tries(0, 20); // every account fails once; the address twenty times
    for (const r of first) assertError(r, 401, 'bad.credentials');
    const limited = (await tries(100, 1))[0];
    assertError(limited, 429, 'too.many.requests');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    // The right password of another account from this address waits as well.
    const admin = await fresh.fetch('/login', { method: 'POST', headers: json, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
    assert.equal(admin.status, 429);
    await admin.body?.cancel();
  } finally {
    await disposeChecked(fresh);
  }
});

// store_principal (src/store/store.h) keeps the caller's name in 256 bytes and the org's in 200, while a
// name may be 256 characters (up to 1024 bytes of UTF-8): a long name comes back cut, or cut inside a
// character, which makes the answer invalid UTF-8 and the server drops the connection.
test('users/me and tokens/me give back long names whole', async () => {
  const admin = await server.clientToken('Master Admin');
  const name = 'é'.repeat(256), email = 'long.name@example.com', password = 'long name password 1';
  const created = await admin.post('/api/v2/users', { name, email, password });
  assert.equal(created.status, 200);
  assert.equal(created.body.name, name);
  const me = await (await server.login(email, password)).get('/api/v2/users/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.name, name);
  const clientName = 'c'.repeat(300);
  const r = server.cli(['client', 'add', '--name', clientName, '--role', 'Master Admin']);
  assert.equal(r.status, 0, r.stderr);
  const { clientId, clientSecret } = JSON.parse(r.stdout);
  const res = await server.fetch('/oauth/token', {
    method: 'POST', headers: { authorization: basic(clientId, clientSecret), ...form }, body: 'grant_type=client_credentials',
  });
  const tok = await new Session(server, { token: (await res.json()).access_token }).get('/api/v2/tokens/me');
  assert.equal(tok.body.OAuthClient.name, clientName);
});

// Last: it leaves this address throttled for a moment.
test('repeated failed logins are slowed down: 429 with Retry-After, even for the right password', async () => {
  const admin = await server.clientToken('Master Admin');
  const email = 'target@example.com', password = 'the right password 42';
  assert.equal((await admin.post('/api/v2/users', { name: 'Target', email, password })).status, 200);
  for (let i = 0; i < 5; i++) {
    const res = await errorOf(await postLogin({ email, password: `wrong ${i} password` }));
    assertError(res, 401, 'bad.credentials');
  }
  const limited = await errorOf(await postLogin({ email, password: 'wrong again password' }));
  assertError(limited, 429, 'too.many.requests');
  const retry = Number(limited.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 300, `Retry-After ${limited.headers.get('retry-after')}`);
  assert.match(limited.body.message, /try again in \d+ second/);
  const rightButLimited = await errorOf(await postLogin({ email, password }));
  assertError(rightButLimited, 429, 'too.many.requests');
  // After waiting as told, the right password works and clears the count.
  await new Promise((r) => setTimeout(r, retry * 1000 + 100));
  const ok = await postLogin({ email, password });
  assert.equal(ok.status, 200);
  await ok.json();
  const wrongOnce = await errorOf(await postLogin({ email, password: 'one more wrong one' }));
  assertError(wrongOnce, 401);
});
