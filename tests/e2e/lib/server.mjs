// Starts a real `portico serve` on a free loopback port with a fresh data folder,
// and gives tests small helpers to call it as an admin, a user or an OAuth client.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PORTICO = process.env.PORTICO_BIN || resolve(here, '../../../build/portico');
export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** Runs a portico command synchronously; returns {status, stdout, stderr}. */
export function cli(args, env = {}) {
  try {
    const stdout = execFileSync(PORTICO, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout || '', stderr: e.stderr || '' };
  }
}

// With PORTICO_TEST_PG (a server URL without a database, set by scripts/pg-test.sh),
// every Server gets a database of its own on that PostgreSQL server, dropped by dispose().
const PG = process.env.PORTICO_TEST_PG;
const PSQL = process.env.PORTICO_TEST_PSQL || 'psql';
let pgDatabases = 0;

/** Runs one SQL statement on the PostgreSQL test server (maintenance database). */
export function pgAdmin(sql) {
  execFileSync(PSQL, [`${PG}/postgres`, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function createPgDatabase() {
  const name = `portico_e2e_${process.pid}_${++pgDatabases}_${Math.random().toString(36).slice(2, 8)}`;
  pgAdmin(`CREATE DATABASE ${name}`);
  return { name, url: `${PG}/${name}` };
}

export const usingPostgres = () => Boolean(PG || /^postgres(ql)?:/.test(process.env.PORTICO_TEST_DATABASE || ''));

export class Server {
  /** database: a URL or SQLite path to share (e.g. `other.database`); by default a fresh one.
   *  sqlite: true keeps this server on a SQLite file of its own even in a PostgreSQL run. */
  constructor({ allowHttpApps = true, database, sqlite = false, extraArgs = [] } = {}) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
    this.database = database || (sqlite ? undefined : process.env.PORTICO_TEST_DATABASE);
    if (!this.database && PG && !sqlite) {
      this.pgDatabase = createPgDatabase();
      this.database = this.pgDatabase.url;
    }
    this.allowHttpApps = allowHttpApps;
    this.extraArgs = extraArgs;
    this.log = '';
  }

  /** `--data DIR` or `--database URL`, as this server was configured. */
  storeArgs() {
    return this.database ? ['--database', this.database] : ['--data', this.dataDir];
  }

  cli(args, env) { return cli([...args, ...this.storeArgs()], env); }

  async start() {
    if (!this.initialised) {
      const r = this.cli(['init', '--admin-email', ADMIN_EMAIL, '--admin-password', ADMIN_PASSWORD]);
      if (r.status !== 0) throw new Error(`portico init failed: ${r.stderr}`);
      this.initialised = true;
    }
    const args = ['serve', ...this.storeArgs(), '--listen', '127.0.0.1:0', ...this.extraArgs];
    if (this.allowHttpApps) args.push('--allow-http-apps');
    this.proc = spawn(PORTICO, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((_, reject) => this.proc.once('exit', (code) => reject(new Error(`portico exited (${code}): ${this.log}`))));
    const from = this.log.length; // the log goes on across restarts: look only at this run's output
    const listening = new Promise((resolveUrl) => {
      const onData = (chunk) => {
        this.log += chunk;
        const m = /listening on (http:\/\/[0-9.:]+)/.exec(this.log.slice(from));
        if (m) resolveUrl(m[1]);
      };
      this.proc.stdout.on('data', onData);
      this.proc.stderr.on('data', onData);
    });
    this.url = await Promise.race([listening, exited]);
    this.proc.removeAllListeners('exit');
    return this;
  }

  async stop(signal = 'SIGTERM') {
    // A process killed by a signal has signalCode set and exitCode still null.
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const done = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill(signal);
    await done;
  }

  async restart() { await this.stop(); return this.start(); }

  async dispose() {
    await this.stop();
    if (process.env.KEEP_TEST_DATA) return;
    rmSync(this.dataDir, { recursive: true, force: true });
    if (this.pgDatabase) {
      try { pgAdmin(`DROP DATABASE IF EXISTS ${this.pgDatabase.name} WITH (FORCE)`); } catch { /* the cluster is thrown away anyway */ }
      this.pgDatabase = undefined;
    }
  }

  /** A raw fetch against this server. */
  fetch(path, init = {}) { return fetch(this.url + path, { redirect: 'manual', ...init }); }

  /** Logs in with e-mail and password; returns a Session. */
  async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
    const res = await this.fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
    const { csrfToken } = await res.json();
    const cookie = res.headers.get('set-cookie').split(';')[0];
    return new Session(this, { cookie, csrfToken });
  }

  /** Client-credentials token for a new OAuth client holding ROLE. */
  async clientToken(role = 'Master Admin', org) {
    const r = this.cli(['client', 'add', '--name', `test-${Date.now()}-${Math.random()}`, '--role', role, ...(org ? ['--org', org] : [])]);
    if (r.status !== 0) throw new Error(`client add failed: ${r.stderr}`);
    const { clientId, clientSecret } = JSON.parse(r.stdout);
    const res = await this.fetch('/oauth/token', {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${clientId}:${clientSecret}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (res.status !== 200) throw new Error(`token failed: ${res.status} ${await res.text()}`);
    const { access_token } = await res.json();
    return new Session(this, { token: access_token, clientId, clientSecret });
  }

  /** A session with no credentials at all. */
  anonymous() { return new Session(this, {}); }
}

/** Calls the API as one caller; answers {status, body, headers}. */
export class Session {
  constructor(server, { cookie, csrfToken, token, clientId, clientSecret }) {
    Object.assign(this, { server, cookie, csrfToken, token, clientId, clientSecret });
  }

  async call(method, path, body, extraHeaders = {}) {
    const headers = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined && !('content-type' in extraHeaders)) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const res = await this.server.fetch(path, { method, headers, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) });
    const text = await res.text();
    let parsed = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get(path, h) { return this.call('GET', path, undefined, h); }
  post(path, body, h) { return this.call('POST', path, body, h); }
  put(path, body, h) { return this.call('PUT', path, body, h); }
  patch(path, body, h) { return this.call('PATCH', path, body, h); }
  delete(path, h) { return this.call('DELETE', path, undefined, h); }
}

/** Starts a server for one test file; returns it. Pair with `after(() => s.dispose())`. */
export async function startServer(opts) {
  const s = new Server(opts);
  await s.start();
  return s;
}
