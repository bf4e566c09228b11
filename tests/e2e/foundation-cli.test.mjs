// Issue 2 item 7 (command line): --help everywhere, bad usage (exit 2, one line
// on stderr), runtime failures (exit 1), `init` once only, the generated
// password, and the JSON that `org`, `user add` and `client add` print.
// Run: PORTICO_BIN=/path/to/portico node --test foundation-cli.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, startServer, Server, ADMIN_EMAIL } from './lib/server.mjs';
import { assertOneLine, sqlite, disposeChecked } from './lib/foundation.mjs';

const COMMANDS = ['init', 'serve', 'org', 'user', 'client'];
const noEnvPassword = { PORTICO_ADMIN_PASSWORD: '' };
let server; let scratch;

before(async () => {
  server = await startServer();
  scratch = mkdtempSync(join(tmpdir(), 'portico-cli-'));
});
after(async () => {
  await disposeChecked(server);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const freshDir = (name) => join(scratch, name);

test('portico --help lists every command and exits 0', () => {
  for (const flag of ['--help', '-h', 'help']) {
    const r = cli([flag]);
    assert.equal(r.status, 0, flag);
    assert.match(r.stdout, /^usage: portico COMMAND/);
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c}\\s+\\S`, 'm'), `${flag} lists ${c}`);
    assert.equal(r.stderr, '');
  }
});

test('every command and action has --help that prints its usage and exits 0', () => {
  const forms = [...COMMANDS.map((c) => [c]), ['org', 'create'], ['org', 'level'], ['org', 'license'], ['org', 'list'], ['user', 'add'], ['client', 'add']];
  for (const form of forms) {
    const r = cli([...form, '--help']);
    assert.equal(r.status, 0, form.join(' '));
    assert.match(r.stdout, new RegExp(`^usage: portico ${form[0]}\\b`), form.join(' '));
    assert.ok(r.stdout.includes('--data'), `${form.join(' ')} documents --data`);
  }
  assert.match(cli(['init', '--help']).stdout, /--admin-email/);
  assert.match(cli(['serve', '--help']).stdout, /--listen/);
  assert.match(cli(['org', '--help']).stdout, /org license --org NAME --grant KEY/);
  assert.match(cli(['user', '--help']).stdout, /--role ROLE/);
  assert.match(cli(['client', '--help']).stdout, /--role ROLE/);
  // --help does nothing else: no data folder is made.
  const dir = freshDir('help-only');
  assert.equal(cli(['init', '--data', dir, '--admin-email', 'a@example.com', '--help']).status, 0);
  assert.equal(existsSync(dir), false);
});

test('bad usage exits 2 with one clear line on stderr', () => {
  const dir = freshDir('bad-usage');
  const cases = [
    ['frobnicate'],
    ['init', '--data', dir],
    ['init', '--data', dir, '--admin-email', 'not-an-email'],
    ['init', '--data', dir, '--admin-email', 'a@example.com', '--admin-password', 'short'],
    ['init', '--data', dir, '--admin-email'],
    ['init', '--data', dir, '--bogus'],
    ['serve', '--data', dir, '--bogus'],
    ['serve', '--data', dir, '--threads', 'many'],
    ['serve', '--data', dir, 'extra-argument'],
    ['org', '--data', dir],
    ['org', 'frob', '--data', dir],
    ['org', 'create', '--data', dir],
    ['org', 'create', '--data', dir, '--name', 'X', '--level', '4'],
    ['org', 'create', '--data', dir, '--name', 'X', '--level', 'two'],
    ['org', 'level', '--data', dir, '--level', '2'],
    ['org', 'level', '--data', dir, '--org', 'Default'],
    ['org', 'license', '--data', dir, '--org', 'Default'],
    ['org', 'license', '--data', dir, '--org', 'Default', '--grant', 'a', '--revoke', 'b'],
    ['user', '--data', dir],
    ['user', 'remove', '--data', dir],
    ['user', 'add', '--data', dir, '--email', 'a@example.com'],
    ['user', 'add', '--data', dir, '--email', 'bad', '--name', 'A'],
    ['user', 'add', '--data', dir, '--email', 'a@example.com', '--name', 'A', '--password', 'short'],
    ['client', '--data', dir],
    ['client', 'add', '--data', dir, '--name', 'only a name'],
    ['client', 'add', '--data', dir, '--role', 'Master Admin'],
  ];
  for (const args of cases) {
    const r = cli(args, noEnvPassword);
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
    assertOneLine(r.stderr, args.join(' '));
    assert.equal(r.stdout, '', `${args.join(' ')} prints nothing on stdout`);
  }
  assert.equal(existsSync(join(dir, 'portico.db')), false, 'bad usage creates no database');
  // Without any command the whole help goes to stderr.
  const bare = cli([]);
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /^usage: portico/);
});

test('runtime failures exit 1 with one line on stderr', () => {
  const cases = [
    ['org', 'level', '--org', 'No such org', '--level', '2'],
    ['org', 'create', '--name', 'Default'],
    ['user', 'add', '--org', 'No such org', '--email', 'x@example.com', '--name', 'X'],
    ['user', 'add', '--email', ADMIN_EMAIL, '--name', 'Again'],
    ['user', 'add', '--email', 'norole@example.com', '--name', 'X', '--role', 'No such role'],
    ['client', 'add', '--name', 'c', '--role', 'No such role'],
  ];
  for (const args of cases) {
    const r = server.cli(args);
    assert.equal(r.status, 1, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
    assertOneLine(r.stderr, args.join(' '));
  }
  const dir = freshDir('not-initialised');
  const r = cli(['user', 'add', '--data', dir, '--email', 'x@example.com', '--name', 'X']);
  assert.equal(r.status, 1);
  assertOneLine(r.stderr, 'user add before init');
  assert.match(r.stderr, /portico init/);
});

test('init twice changes nothing and says so', async () => {
  const dir = freshDir('twice');
  const first = cli(['init', '--data', dir, '--admin-email', 'first@example.com', '--admin-password', 'first password 1']);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /first@example\.com/);
  const probe = { dataDir: dir };
  const before = sqlite(probe, 'SELECT id, email, password_hash FROM users UNION ALL SELECT id, name, level FROM orgs');
  const second = cli(['init', '--data', dir, '--org', 'Another', '--admin-email', 'second@example.com', '--admin-password', 'second password 2']);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /already initialised/);
  assert.match(second.stdout, /nothing changed/);
  assert.doesNotMatch(second.stdout, /password/i);
  assert.deepEqual(sqlite(probe, 'SELECT id, email, password_hash FROM users UNION ALL SELECT id, name, level FROM orgs'), before);
  const orgs = JSON.parse(cli(['org', 'list', '--data', dir]).stdout);
  assert.deepEqual(orgs.map((o) => o.name), ['Default']);
});

test('init without a password prints a generated one once, and it is the password', async () => {
  const s = new Server();
  try {
    const r = s.cli(['init', '--admin-email', 'gen@example.com'], noEnvPassword);
    assert.equal(r.status, 0, r.stderr);
    const m = /^Admin password:\s+(\S+)/m.exec(r.stdout);
    assert.ok(m, r.stdout);
    const generated = m[1];
    assert.ok(generated.length >= 16, 'long enough');
    assert.equal(r.stdout.split(generated).length - 1, 1, 'printed once');
    const again = s.cli(['init', '--admin-email', 'gen@example.com'], noEnvPassword);
    assert.equal(again.status, 0);
    assert.ok(!again.stdout.includes(generated), 'not printed again');
    s.initialised = true;
    await s.start();
    const me = await (await s.login('gen@example.com', generated)).get('/api/v2/users/me');
    assert.equal(me.status, 200);
    assert.ok(me.body.permissions.includes('*:*:*'), 'the first admin holds Master Admin');
    // Another init, the same day, made two different passwords.
    const other = cli(['init', '--data', freshDir('gen2'), '--admin-email', 'gen@example.com'], noEnvPassword);
    assert.notEqual(/^Admin password:\s+(\S+)/m.exec(other.stdout)[1], generated);
  } finally {
    await disposeChecked(s);
  }
});

test('init takes the password from PORTICO_ADMIN_PASSWORD and prints none', async () => {
  const s = new Server();
  try {
    const r = s.cli(['init', '--admin-email', 'env@example.com'], { PORTICO_ADMIN_PASSWORD: 'from the environment' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Admin password/);
    s.initialised = true;
    await s.start();
    assert.equal((await (await s.login('env@example.com', 'from the environment')).get('/api/v2/users/me')).status, 200);
  } finally {
    await disposeChecked(s);
  }
});

test('org create, level, license and list print JSON and change the organization', () => {
  const created = server.cli(['org', 'create', '--name', 'Acme', '--level', '2']);
  assert.equal(created.status, 0, created.stderr);
  const org = JSON.parse(created.stdout);
  assert.equal(org.name, 'Acme');
  assert.equal(org.level, 2);
  assert.match(org.id, /^[0-9a-f-]{36}$/);
  const dflt = JSON.parse(server.cli(['org', 'create', '--name', 'Small']).stdout);
  assert.equal(dflt.level, 1, 'level 1 by default');
  // The output stays JSON whatever the name holds.
  const odd = 'Odd "quoted" \\ name';
  assert.equal(JSON.parse(server.cli(['org', 'create', '--name', odd]).stdout).name, odd);
  assert.equal(JSON.parse(server.cli(['org', 'level', '--org', odd, '--level', '2']).stdout).name, odd);

  const level = JSON.parse(server.cli(['org', 'level', '--org', 'Acme', '--level', '3']).stdout);
  assert.equal(level.name, 'Acme');
  assert.equal(level.level, 3);
  const granted = JSON.parse(server.cli(['org', 'license', '--org', 'Acme', '--grant', 'clientapps']).stdout);
  assert.deepEqual(granted.licenses, ['clientapps']);
  const twice = JSON.parse(server.cli(['org', 'license', '--org', 'Acme', '--grant', 'premium']).stdout);
  assert.deepEqual([...twice.licenses].sort(), ['clientapps', 'premium']);
  const revoked = JSON.parse(server.cli(['org', 'license', '--org', 'Acme', '--revoke', 'clientapps']).stdout);
  assert.deepEqual(revoked.licenses, ['premium']);

  const list = server.cli(['org', 'list']);
  assert.equal(list.status, 0);
  const orgs = JSON.parse(list.stdout);
  const acme = orgs.find((o) => o.name === 'Acme');
  assert.equal(acme.id, org.id);
  assert.equal(acme.level, 3);
  assert.deepEqual(acme.licenses, ['premium']);
  const initial = orgs.find((o) => o.name === 'Default');
  assert.equal(initial.level, 3);
  assert.deepEqual(initial.licenses, ['clientapps']);
});

test('a new org gets its own Master Admin role, usable by a client of that org only', async () => {
  server.cli(['org', 'create', '--name', 'Separate', '--level', '3']);
  const client = await server.clientToken('Master Admin', 'Separate');
  const me = await client.get('/api/v2/tokens/me');
  assert.equal(me.body.organization.name, 'Separate');
  const roles = (await client.get('/api/v2/authorization/roles')).body.entities.map((r) => r.name).sort();
  assert.deepEqual(roles, ['Employee', 'Master Admin']);
  const users = await client.get('/api/v2/users');
  assert.equal(users.body.total, 0, "sees none of the Default org's users");
});

test('user add prints JSON; --role gives the role; the user can then log in', async () => {
  const r = server.cli(['user', 'add', '--email', 'Carla@Example.com', '--name', 'Carla CLI', '--password', 'carla password 1', '--role', 'Master Admin']);
  assert.equal(r.status, 0, r.stderr);
  const user = JSON.parse(r.stdout);
  assert.equal(user.email, 'carla@example.com');
  assert.match(user.id, /^[0-9a-f-]{36}$/);
  const admin = await server.clientToken('Master Admin');
  const got = (await admin.get(`/api/v2/users/${user.id}`)).body;
  assert.equal(got.name, 'Carla CLI');
  const master = (await admin.get('/api/v2/authorization/roles?pageSize=500')).body.entities.find((x) => x.name === 'Master Admin');
  const holders = (await admin.get(`/api/v2/authorization/roles/${master.id}/users`)).body.entities.map((u) => u.id);
  assert.ok(holders.includes(user.id));
  const me = await (await server.login('carla@example.com', 'carla password 1')).get('/api/v2/users/me');
  assert.ok(me.body.permissions.includes('*:*:*'));
  // Without --role the user holds only the default Employee role.
  const plain = JSON.parse(server.cli(['user', 'add', '--email', 'dan@example.com', '--name', 'Dan', '--org', 'Default']).stdout);
  const employee = (await admin.get('/api/v2/authorization/roles?pageSize=500')).body.entities.find((x) => x.name === 'Employee');
  assert.ok((await admin.get(`/api/v2/authorization/roles/${employee.id}/users`)).body.entities.some((u) => u.id === plain.id));
  assert.ok(!(await admin.get(`/api/v2/authorization/roles/${master.id}/users`)).body.entities.some((u) => u.id === plain.id));
});

test('client add prints {clientId, clientSecret}; the secret is not shown again and gets a token', async () => {
  const r = server.cli(['client', 'add', '--name', 'Script', '--role', 'Employee']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).sort(), ['clientId', 'clientSecret']);
  assert.match(out.clientId, /^[0-9a-f-]{36}$/);
  assert.ok(out.clientSecret.length >= 32);
  const res = await server.fetch('/oauth/token', {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(`${out.clientId}:${out.clientSecret}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  assert.equal(res.status, 200);
  const { access_token } = await res.json();
  const auth = { authorization: `Bearer ${access_token}` };
  assert.equal((await server.fetch('/api/v2/users', { headers: auth })).status, 200, 'Employee may list users');
  assert.equal((await server.fetch('/api/v2/authorization/roles', { headers: auth })).status, 403, 'but not roles');
  const second = JSON.parse(server.cli(['client', 'add', '--name', 'Script', '--role', 'Employee']).stdout);
  assert.notEqual(second.clientId, out.clientId);
  assert.notEqual(second.clientSecret, out.clientSecret);
});

test('serve refuses a bad --listen with one line and does not start', () => {
  const r = server.cli(['serve', '--listen', 'not-an-address']);
  assert.equal(r.status, 2);
  assertOneLine(r.stderr, 'serve --listen');
  const inUse = server.cli(['serve', '--listen', new URL(server.url).host]);
  assert.equal(inUse.status, 1);
  assert.match(inUse.stderr, /cannot listen/);
});
