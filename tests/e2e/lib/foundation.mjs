// Helpers shared by the foundation-*.test.mjs files (issue 2): the ErrorBody
// check, waiting for the server's request log, and reading or changing the
// database directly (the SQLite file with the `sqlite3` command, Debian package
// sqlite3, or PostgreSQL with psql) while the server is stopped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Skip reason for tests that need the SQLite file itself (PRAGMAs; false with SQLite). */
export const SQLITE_ONLY = process.env.PORTICO_TEST_PG || process.env.PORTICO_TEST_DATABASE ? 'reads the SQLite file' : false;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Asserts res is an ErrorBody answer with this status (and code, when given); returns the body. */
export function assertError(res, status, code) {
  const b = res.body;
  const where = `${status} expected, got ${res.status} ${JSON.stringify(b)}`;
  assert.equal(res.status, status, where);
  assert.equal(typeof b, 'object', `ErrorBody expected: ${where}`);
  assert.match(res.headers.get('content-type') || '', /^application\/json/);
  assert.equal(typeof b.message, 'string');
  assert.ok(b.message.length > 10, `a message written for a person: ${b.message}`);
  assert.equal(typeof b.code, 'string');
  assert.ok(b.code.length > 0);
  if (code) assert.equal(b.code, code, where);
  assert.equal(b.status, status);
  assert.match(b.contextId, UUID_RE);
  assert.ok(Array.isArray(b.details), 'details is an array');
  assert.ok(Array.isArray(b.errors), 'errors is an array');
  return b;
}

/** Asserts a 400 whose details name field; returns the body. */
export function assertFieldError(res, field) {
  const b = assertError(res, 400);
  const names = b.details.map((d) => d.fieldName);
  assert.ok(names.includes(field), `details should name ${field}: ${JSON.stringify(b.details)}`);
  for (const d of b.details) assert.equal(typeof d.errorCode, 'string');
  return b;
}

/** Waits until the server's output holds a line matching re; returns the match. */
export async function waitForLog(server, re, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    const m = re.exec(server.log);
    if (m) return m;
    if (Date.now() > end) assert.fail(`no log line matching ${re} in:\n${server.log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Path of the SQLite file behind a server started with --data. */
export const dbFile = (server) => join(server.dataDir, 'portico.db');

/** Runs SQL on the server's database, returns the rows as objects: with the sqlite3 command on
 *  its SQLite file, or with psql when it runs on PostgreSQL (then write portable SQL). */
export function sqlite(server, sql) {
  if (/^postgres(ql)?:/.test(server.database || '')) return psqlRows(server.database, sql);
  const out = execFileSync('sqlite3', ['-json', dbFile(server), sql], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

function psqlRows(url, sql) {
  const select = /^\s*select\b/i.test(sql);
  const query = select ? `SELECT coalesce(json_agg(t), '[]'::json) FROM (${sql}) t` : sql;
  const out = execFileSync(process.env.PORTICO_TEST_PSQL || 'psql', [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' });
  return select ? JSON.parse(out) : [];
}

/** 1 line, starting with "portico". */
export function assertOneLine(text, what) {
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${what}: one line on stderr expected, got:\n${text}`);
  assert.match(lines[0], /^portico\b/, `${what}: ${lines[0]}`);
}

/** Stops and removes a server, then fails if AddressSanitizer, LeakSanitizer or UBSan
 *  reported anything in its output (they print at exit, so wait for its streams to close). */
export async function disposeChecked(server) {
  if (!server) return;
  const proc = server.proc;
  const closed = proc && proc.exitCode === null && proc.signalCode === null ? new Promise((r) => proc.once('close', r)) : Promise.resolve();
  await server.dispose();
  await closed;
  const report = /(ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:)[^]*/.exec(server.log);
  assert.equal(report, null, `sanitizer report in the server output:\n${report?.[0].slice(0, 4000)}`);
}
