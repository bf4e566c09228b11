// Issue 8 item 3: acknowledged writes survive a crash. Several writers create
// groups and users and add users to groups concurrently; the server is killed
// with SIGKILL at a random moment while writes are in flight, several times.
// After each crash the SQLite file passes `PRAGMA integrity_check` and
// `PRAGMA foreign_key_check`, and after each restart every write that was
// answered 200/202 is there. Writes cut off by the crash may or may not be.
// Bounded: ROUNDS rounds, WRITERS writers, at most PER_ROUND loops a round.
// Run: PORTICO_BIN=/path/to/portico node --test crash-safety.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, usingPostgres } from './lib/server.mjs';
import { dbFile, disposeChecked } from './lib/foundation.mjs';

const ROUNDS = 8;
const WRITERS = 6;
const PER_ROUND = 80; // writer loops started per round, at most (each: up to 3 writes)
const KILL_AT = [5, 60]; // the crash comes after a random number of acknowledged writes in this window

let server, admin;
const acked = { groups: new Map(), users: new Map(), members: [] }; // id -> name; [groupId, userId]

before(async () => {
  server = await startServer();
  admin = await server.clientToken('Master Admin'); // a token is stored: it outlives restarts
});
after(() => disposeChecked(server));

const sqlite = (sql) => execFileSync('sqlite3', [dbFile(server), sql], { encoding: 'utf8' }).trim();

/** One write; resolves to the answer, or null when the crash cut it off. */
async function attempt(fn) {
  try { return await fn(); } catch { return null; }
}

/** Notes one acknowledged write of this round; the crash comes at state.killAt. */
function ack(state) {
  if (++state.acknowledged === state.killAt) state.reached();
}

/** Writer w of round r: creates a group, a user, then puts the user in the group; repeats. */
async function writer(r, w, budget, state) {
  for (let i = 0; !state.killed && budget.left-- > 0; i++) {
    const tag = `r${r}-w${w}-${i}`;
    state.inflight++;
    const g = await attempt(() => admin.post('/api/v2/groups', { name: `crash group ${tag}`, type: 'official' }));
    if (g?.status === 200) acked.groups.set(g.body.id, g.body.name), ack(state);
    const u = await attempt(() => admin.post('/api/v2/users', { name: `crash user ${tag}`, email: `${tag}@crash.example` }));
    if (u?.status === 200) acked.users.set(u.body.id, u.body.name), ack(state);
    if (g?.status === 200 && u?.status === 200) {
      const m = await attempt(() => admin.post(`/api/v2/groups/${g.body.id}/members`, { memberIds: [u.body.id] }));
      if (m?.status === 202) acked.members.push([g.body.id, u.body.id]), ack(state);
    }
    state.inflight--;
    for (const res of [g, u]) if (res && res.status !== 200) state.refused.push(`${res.status} ${JSON.stringify(res.body)}`);
  }
  if (budget.left <= 0) state.reached(); // out of budget before the crash: crash now
}

/** Every entity of a paged listing, by id. */
async function listAll(path) {
  const ids = new Map();
  for (let page = 1; page <= 50; page++) {
    const res = await admin.get(`${path}${path.includes('?') ? '&' : '?'}pageSize=500&pageNumber=${page}`);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    for (const e of res.body.entities) ids.set(e.id, e.name);
    if (!res.body.nextUri) return ids;
  }
  assert.fail(`${path}: more pages than expected`);
}

async function assertAckedPresent(round) {
  const groups = await listAll('/api/v2/groups');
  const users = await listAll('/api/v2/users');
  for (const [id, name] of acked.groups) assert.equal(groups.get(id), name, `round ${round}: acknowledged group ${name} lost`);
  for (const [id, name] of acked.users) assert.equal(users.get(id), name, `round ${round}: acknowledged user ${name} lost`);
  const byGroup = new Map();
  for (const [g, u] of acked.members) byGroup.set(g, [...(byGroup.get(g) || []), u]);
  for (const [g, want] of byGroup) {
    const res = await admin.get(`/api/v2/groups/${g}/members?pageSize=500`);
    assert.equal(res.status, 200);
    const have = new Set(res.body.entities.map((e) => e.id));
    for (const u of want) assert.ok(have.has(u), `round ${round}: acknowledged membership of ${u} in ${g} lost`);
  }
}

function assertDatabaseSound(round) {
  if (usingPostgres()) return; // PostgreSQL checks itself; the file checks are SQLite's
  assert.equal(sqlite('PRAGMA integrity_check;'), 'ok', `round ${round}: integrity_check after the crash`);
  assert.equal(sqlite('PRAGMA foreign_key_check;'), '', `round ${round}: foreign_key_check after the crash`);
}

test(`every acknowledged write survives ${ROUNDS} SIGKILLs at random moments, and the database stays sound`, async () => {
  const timeline = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const killAt = KILL_AT[0] + Math.floor(Math.random() * (KILL_AT[1] - KILL_AT[0]));
    const state = { killed: false, inflight: 0, acknowledged: 0, killAt, refused: [] };
    const reached = new Promise((res) => { state.reached = res; });
    const budget = { left: PER_ROUND };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(r, w, budget, state));
    let timer;
    await Promise.race([reached, new Promise((res) => { timer = setTimeout(res, 10000); })]);
    clearTimeout(timer);
    const inflightAtKill = state.inflight;
    state.killed = true;
    await server.stop('SIGKILL');
    await Promise.all(writers);
    timeline.push({ round: r, killAt, inflightAtKill, acknowledged: state.acknowledged });
    assert.deepEqual(state.refused, [], `round ${r}: writes were refused before the crash`);
    assert.ok(inflightAtKill > 0, `round ${r}: the crash should come while writes are in flight: ${JSON.stringify(timeline)}`);
    assertDatabaseSound(r);
    await server.start();
    await assertAckedPresent(r);
  }
  // The test only means something when writes were acknowledged along the way.
  assert.ok(acked.groups.size >= ROUNDS && acked.users.size >= ROUNDS, `too few writes acknowledged: ${JSON.stringify(timeline)}`);
  assert.ok(acked.members.length > 0, `no membership acknowledged: ${JSON.stringify(timeline)}`);
  // And the server still takes writes after the last crash.
  const last = await admin.post('/api/v2/groups', { name: 'after the crashes', type: 'social' });
  assert.equal(last.status, 200);
});
