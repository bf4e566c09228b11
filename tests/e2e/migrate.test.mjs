// `portico migrate --from sqlite:PATH --to postgresql://...` (issue 6 item 6): an
// installation moves from its SQLite file to PostgreSQL without losing a record.
// Needs the PostgreSQL test cluster (scripts/pg-test.sh); skipped without it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, Session, cli } from './lib/server.mjs';

const PG = process.env.PORTICO_TEST_PG;
const PSQL = process.env.PORTICO_TEST_PSQL || 'psql';
const skip = !PG && 'needs the PostgreSQL test cluster (scripts/pg-test.sh)';
const PASSWORD = 'viewer password 123';

let source; // a SQLite installation with a record in every table
let sourceFile;
let seen;   // what the API showed on SQLite, by path
let admin; let token; let viewer;
const pages = [];

function must(res, what, ...ok) {
  const want = ok.length ? ok : [200];
  if (!want.includes(res.status)) assert.fail(`${what}: expected ${want.join('/')}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const sqliteRows = (sql) => JSON.parse(execFileSync('sqlite3', ['-json', sourceFile, sql], { encoding: 'utf8' }) || '[]');
const psqlValue = (url, sql) => execFileSync(PSQL, [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();

/** Fills the SQLite installation through the API and the CLI, and remembers what it shows. */
async function fill() {
  admin = await source.login();
  token = await source.clientToken('Master Admin');
  const cliOk = (args) => { const r = source.cli(args); assert.equal(r.status, 0, r.stderr); return r.stdout; };

  const user = must(await admin.post('/api/v2/users', { name: 'Vi Viewer', email: 'vi@example.com', password: PASSWORD }), 'user');
  const group = must(await admin.post('/api/v2/groups', { name: 'Viewers', type: 'official', description: 'see the app' }), 'group');
  must(await admin.post('/api/v2/groups', { name: 'Lunch Club', type: 'social' }), 'social group');
  must(await admin.post(`/api/v2/groups/${group.id}/members`, { memberIds: [user.id] }), 'member', 200, 202, 204);
  const role = must(await admin.post('/api/v2/authorization/roles', {
    name: 'App Users', description: 'use the apps',
    permissionPolicies: [{ domain: 'directory', entityName: 'user', actionSet: ['view'] }],
  }), 'role');
  must(await admin.put(`/api/v2/authorization/roles/${role.id}/users/add`, [user.id]), 'role user', 200, 202, 204);

  const manifest = join(source.dataDir, 'acme.json');
  writeFileSync(manifest, JSON.stringify({
    id: 'acme-crm', name: 'Acme CRM', description: 'Customer records', provider: 'acme', category: 'CRM',
    vendorName: 'Acme Inc.', vendorWebsiteUri: 'https://acme.example.com', helpUri: '/help/acme',
    supportContactUri: 'mailto:support@acme.example.com', images: [{ resolution: '96x96', imageUri: 'https://acme.example.com/icon.png' }],
    license: 'acme-crm', minimumLevel: 2, propertiesSchema: { type: 'object', properties: {} }, advancedSchema: { type: 'object', properties: {} },
  }));
  cliOk(['type', 'add', manifest]);
  cliOk(['org', 'license', '--org', 'Default', '--grant', 'acme-crm']);
  cliOk(['org', 'create', '--name', 'Second Org', '--level', '2']);
  cliOk(['user', 'add', '--org', 'Second Org', '--email', 'other@example.com', '--name', 'Other Person', '--password', 'other password 12']);

  const app = must(await admin.post('/api/v2/integrations', { integrationType: { id: 'embedded-client-app' }, name: 'Moved App', roles: [{ id: role.id }] }), 'app');
  for (const url of ['https://one.example.com/', 'https://two.example.com/']) {
    const cur = must(await admin.get(`/api/v2/integrations/${app.id}/config/current`), 'config');
    must(await admin.put(`/api/v2/integrations/${app.id}/config/current`, {
      name: 'Moved App', version: cur.version, advanced: {}, notes: `at ${url}`, credentials: {},
      properties: { url, displayType: 'standalone', featureCategory: '', sandbox: 'allow-scripts', permissions: '', groups: [group.id] },
    }), 'configure');
  }
  must(await admin.patch(`/api/v2/integrations/${app.id}`, { intendedState: 'ENABLED' }), 'activate');
  viewer = await source.login('vi@example.com', PASSWORD);
  const wrong = await source.fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'other@example.com', password: 'not the password' }) });
  assert.equal(wrong.status, 401); // a login_failures row (nobody signs in as other@ before the copy)

  pages.push('/api/v2/users?pageSize=500', '/api/v2/groups?pageSize=500', `/api/v2/groups/${group.id}/members`,
    '/api/v2/authorization/roles?pageSize=500', `/api/v2/authorization/roles/${role.id}/users`, '/api/v2/integrations?pageSize=500',
    `/api/v2/integrations/${app.id}/config/current`, `/api/v2/integrations/${app.id}/history`, '/api/v2/audits?pageSize=500',
    '/api/v2/integrations/types?pageSize=100', '/api/v2/users/me', '/api/v2/tokens/me');
  seen = {};
  for (const path of pages) seen[path] = must(await admin.get(path), path);
  seen.clientapps = must(await viewer.get('/api/v2/integrations/clientapps'), 'clientapps');
  seen.orgs = JSON.parse(cliOk(['org', 'list']));
  assert.equal(seen.clientapps.entities.length, 1, 'the viewer sees the app');
}

before(async () => {
  if (skip) return;
  source = await new Server({ sqlite: true }).start();
  sourceFile = join(source.dataDir, 'portico.db');
  await fill();
  await source.stop();
  // Every table holds at least one row, so the copy of each one is checked below.
  const tables = sqliteRows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
  for (const { name } of tables) assert.ok(sqliteRows(`SELECT COUNT(*) AS n FROM "${name}"`)[0].n > 0, `the source has rows in ${name}`);
});

after(async () => { await source?.dispose(); });

test('migrate copies every record: each table counts the same, and the API shows the same on PostgreSQL, sessions, tokens and passwords included', { skip }, async () => {
  const target = new Server(); // a new, empty PostgreSQL database
  try {
    const r = cli(['migrate', '--from', `sqlite:${sourceFile}`, '--to', target.database]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    const tables = sqliteRows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").map((t) => t.name);
    assert.deepEqual(Object.keys(summary.tables).sort(), tables.sort());
    let total = 0;
    for (const name of tables) {
      const n = sqliteRows(`SELECT COUNT(*) AS n FROM "${name}"`)[0].n;
      assert.equal(summary.tables[name], n, name);
      assert.equal(Number(psqlValue(target.database, `SELECT COUNT(*) FROM "${name}"`)), n, `${name} in PostgreSQL`);
      total += n;
    }
    assert.equal(summary.rows, total);

    target.initialised = true;
    await target.start();
    const onPg = (session) => new Session(target, session);
    for (const path of pages) assert.deepEqual(must(await onPg(admin).get(path), path), seen[path], path);
    assert.deepEqual(must(await onPg(viewer).get('/api/v2/integrations/clientapps'), 'clientapps'), seen.clientapps);
    assert.deepEqual(JSON.parse(target.cli(['org', 'list']).stdout), seen.orgs);
    must(await onPg(token).get('/api/v2/tokens/me'), 'the bearer token from SQLite');
    must(await onPg(admin).post('/api/v2/groups', { name: 'Written On PostgreSQL', type: 'social' }), 'the session and CSRF token from SQLite');
    const again = await target.login('vi@example.com', PASSWORD);
    must(await again.get('/api/v2/users/me'), 'the password from SQLite');
    must(await (await target.login('other@example.com', 'other password 12')).get('/api/v2/users/me'), 'the second org\'s user');
  } finally {
    await target.dispose();
  }
});

test('migrate refuses a target that holds any record, and changes nothing', { skip }, async () => {
  const target = new Server();
  try {
    assert.equal(target.cli(['init', '--admin-email', 'someone@example.com', '--admin-password', 'someone password 1']).status, 0);
    const before1 = psqlValue(target.database, 'SELECT string_agg(id, \',\' ORDER BY id) FROM users');
    const r = cli(['migrate', '--from', `sqlite:${sourceFile}`, '--to', target.database]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^portico migrate: .*not empty/);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    assert.equal(psqlValue(target.database, 'SELECT string_agg(id, \',\' ORDER BY id) FROM users'), before1);
  } finally {
    await target.dispose();
  }
});

test('a copy that fails half-way leaves the target empty (one transaction); usage errors are exit 2', { skip }, async () => {
  const target = new Server();
  const broken = join(source.dataDir, 'broken.db');
  try {
    execFileSync('sqlite3', [sourceFile, `VACUUM INTO '${broken}'`]);
    // Bytes PostgreSQL refuses as text, in a table copied after the others it depends on.
    execFileSync('sqlite3', [broken, "UPDATE audit_events SET actor_name = CAST(X'C328' AS TEXT) WHERE rowid = (SELECT MAX(rowid) FROM audit_events)"]);
    const r = cli(['migrate', '--from', `sqlite:${broken}`, '--to', target.database]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /^portico migrate: nothing was copied: table audit_events/);
    assert.equal(psqlValue(target.database, 'SELECT COUNT(*) FROM orgs'), '0');
    assert.equal(psqlValue(target.database, 'SELECT COUNT(*) FROM users'), '0');

    assert.equal(cli(['migrate', '--from', `sqlite:${sourceFile}`, '--to', '/tmp/not-a-url.db']).status, 2);
    assert.equal(cli(['migrate', '--from', target.database, '--to', target.database]).status, 2);
    const missing = cli(['migrate', '--from', 'sqlite:/nonexistent/portico.db', '--to', target.database]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no SQLite database/);
    // The target is still usable for a good copy.
    assert.equal(cli(['migrate', '--from', `sqlite:${sourceFile}`, '--to', target.database]).status, 0);
  } finally {
    await target.dispose();
  }
});
