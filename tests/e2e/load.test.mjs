// Issue 8 item 4: a bounded load test on loopback. Many keep-alive connections
// and slowloris clients (headers sent one byte a second, never finished) at
// once must not stall a normal client; connections beyond --max-connections
// are closed at once (the client learns immediately, nothing waits in the
// listen backlog) and the server keeps serving; idle connections are closed
// after --idle-timeout. Small limits keep it quick: LIMIT connections, IDLE_S.
// Run: PORTICO_BIN=/path/to/portico node --test load.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from './lib/server.mjs';
import { disposeChecked } from './lib/foundation.mjs';

const LIMIT = 48;
const IDLE_S = 5; // long enough that a loaded sanitizer build answers admitted connections before they idle out
const KEEPALIVE = 24; // sockets each sending requests back to back
const SLOW = 12; // slowloris sockets
const BUSY_MS = 3000; // how long the crowd runs
const QUICK_MS = 2000; // "quick": far below IDLE_S, far above a loaded loopback answer
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let server, admin, port;

before(async () => {
  server = await startServer({ extraArgs: ['--max-connections', String(LIMIT), '--idle-timeout', String(IDLE_S)] });
  admin = await server.clientToken('Master Admin');
  port = Number(new URL(server.url).port);
});
after(() => disposeChecked(server));

/** A raw connection; `closed` resolves with the time (ms after opening) the server closed it. */
function connect() {
  const opened = Date.now();
  const sock = net.connect(port, '127.0.0.1');
  const c = { sock, data: '', responses: 0, closedAt: null };
  c.connected = new Promise((r) => sock.once('connect', r));
  c.closed = new Promise((r) => sock.once('close', () => { c.closedAt = Date.now() - opened; r(c.closedAt); }));
  sock.on('error', () => {}); // a reset shows as 'close'
  sock.on('data', (d) => {
    c.data += d;
    c.responses = (c.data.match(/HTTP\/1\.1 200 /g) || []).length;
  });
  return c;
}

/** Keep-alive client: one GET /healthz after another on the same socket until stop(). */
async function keepAlive(c, until) {
  await c.connected;
  for (let sent = 0; Date.now() < until && c.closedAt === null && sent < 2000; sent++) {
    const want = c.responses + 1;
    c.sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    while (c.responses < want && c.closedAt === null && Date.now() < until + QUICK_MS) await sleep(2);
  }
}

/** Slowloris: a request line, then one header byte per second, never the blank line. */
async function slowloris(c, until) {
  await c.connected;
  c.sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  while (Date.now() < until && c.closedAt === null) {
    await sleep(1000);
    if (c.closedAt === null) c.sock.write('a');
  }
}

/** A normal API call through fetch; answers its status and how long it took. */
async function timedCall(fn) {
  const t0 = Date.now();
  const res = await fn();
  return { status: res.status, ms: Date.now() - t0 };
}

test('keep-alive crowds and slowloris clients do not stall a normal client', async (t) => {
  const until = Date.now() + BUSY_MS;
  const crowd = Array.from({ length: KEEPALIVE }, connect);
  const slow = Array.from({ length: SLOW }, connect);
  const running = [...crowd.map((c) => keepAlive(c, until)), ...slow.map((c) => slowloris(c, until))];
  const calls = [];
  for (let i = 0; Date.now() < until && i < 200; i++) {
    calls.push(await timedCall(() => admin.get('/api/v2/users?pageSize=5')));
    calls.push(await timedCall(() => admin.post('/api/v2/groups', { name: `load group ${i}`, type: 'social' })));
    await sleep(50);
  }
  await Promise.all(running);

  assert.ok(calls.length >= 10, `the normal client made ${calls.length} calls`);
  for (const c of calls) assert.equal(c.status, 200);
  const slowest = Math.max(...calls.map((c) => c.ms));
  assert.ok(slowest < QUICK_MS, `the normal client waited ${slowest} ms for an answer`);
  const served = crowd.reduce((n, c) => n + c.responses, 0);
  t.diagnostic(`normal client: ${calls.length} calls, slowest ${slowest} ms; keep-alive crowd: ${served} answers`);
  for (const c of crowd) assert.ok(c.responses > 0, 'every keep-alive connection was served');
  assert.ok(served > KEEPALIVE * 5, `keep-alive connections got ${served} answers`);
  for (const c of slow) {
    assert.equal(c.responses, 0, 'a request whose headers never end is never answered');
    assert.equal(c.closedAt, null, 'a slowloris client still trickling is not yet cut off');
  }
  for (const c of crowd) c.sock.destroy();

  // Once the slow clients go quiet they are idle, and the server closes them.
  const closedAfter = await Promise.all(slow.map((c) => Promise.race([c.closed, sleep((IDLE_S + 3) * 1000).then(() => null)])));
  for (const ms of closedAfter) assert.ok(ms !== null, `a quiet slowloris socket is closed within ${IDLE_S + 3} s of idling`);
});

test('a connection that sends nothing is closed after the idle timeout', async () => {
  const c = connect();
  await c.connected;
  const ms = await Promise.race([c.closed, sleep((IDLE_S + 3) * 1000).then(() => null)]);
  assert.ok(ms !== null, `still open ${IDLE_S + 3} s after connecting`);
  assert.ok(ms >= (IDLE_S - 1) * 1000, `closed after ${ms} ms, before the ${IDLE_S} s idle timeout`);
  assert.equal(c.data, '', 'closed without an answer: there was no request');
});

test('connections beyond the limit are closed at once; the server keeps serving', async (t) => {
  const EXTRA = 16;
  const conns = [];
  for (let i = 0; i < LIMIT + EXTRA; i++) {
    conns.push(connect());
    await sleep(2);
  }
  await sleep(500);
  const refused = conns.filter((c) => c.closedAt !== null);
  const open = conns.filter((c) => c.closedAt === null);
  t.diagnostic(`${open.length} admitted, ${refused.length} refused`);
  // Other connections (the test's own fetch pool) may hold a few slots; two threads may each admit one more.
  assert.ok(refused.length >= EXTRA - 2, `${refused.length} of ${LIMIT + EXTRA} connections were refused`);
  assert.ok(open.length <= LIMIT + 2, `${open.length} connections were admitted over a limit of ${LIMIT}`);
  for (const c of refused) {
    assert.ok(c.closedAt < 500, `a refused connection was closed after ${c.closedAt} ms`);
    assert.equal(c.data, '', 'a refused connection gets no bytes');
  }

  // While full, a new client is turned away at once rather than left waiting.
  const t0 = Date.now();
  const whileFull = await server.fetch('/healthz', { headers: { connection: 'close' } }).then((r) => r.status, (e) => e.cause?.code || 'failed');
  assert.ok(Date.now() - t0 < QUICK_MS, `a client waited ${Date.now() - t0} ms while the server was full`);
  assert.notEqual(whileFull, 200, 'no room was left, so this client was turned away');

  // Every admitted connection is served.
  for (const c of open) c.sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  for (let i = 0; i < 500 && open.some((c) => c.responses === 0); i++) await sleep(20); // up to 10 s: sanitizer builds are slow
  for (const c of open) assert.equal(c.responses, 1, 'an admitted connection is served');

  // When they go, room comes back.
  for (const c of open) c.sock.destroy();
  await Promise.all(open.map((c) => c.closed));
  let after;
  for (let i = 0; i < 50; i++) { // the server sees the closes a moment later
    after = await server.fetch('/healthz').then((r) => r.status, () => 'refused');
    if (after === 200) break;
    await sleep(20);
  }
  assert.equal(after, 200);
  assert.equal((await admin.get('/api/v2/tokens/me')).status, 200);
  assert.equal(server.proc.exitCode, null, 'the server is still running');
});
