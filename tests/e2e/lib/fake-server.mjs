// A stand-in for `portico serve`, for developing the admin UI while the C
// server is being written: it serves web/ with the same CSP and answers the
// API calls the admin UI makes, in the documented shapes. It is NOT the
// product and proves nothing about the server; the browser tests run against
// the real binary unless PORTICO_FAKE=1 is set.
import http from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Session } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WEB = resolve(here, '../../../web');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
const SANDBOX = ['allow-forms', 'allow-modals', 'allow-popups', 'allow-presentation', 'allow-same-origin', 'allow-scripts', 'allow-downloads'];

function err(status, code, message, fieldName) {
  return { status, body: { message, code, status, contextId: randomUUID(), details: fieldName ? [{ errorCode: code, fieldName }] : [], errors: [] } };
}

export class FakeServer {
  constructor() {
    this.orgs = [{ id: randomUUID(), name: 'Default', level: 3 }];
    const org = this.orgs[0].id;
    const master = { id: randomUUID(), org, name: 'Master Admin', description: 'All permissions', permissionPolicies: [{ domain: '*', entityName: '*', actionSet: ['*'] }] };
    this.roles = [master];
    this.users = [{ id: randomUUID(), org, name: 'Ada Admin', email: ADMIN_EMAIL, password: ADMIN_PASSWORD, roles: [master.id] }];
    this.groups = []; this.members = new Map(); this.integrations = []; this.sessions = new Map();
  }

  cli(args) {
    const opt = (n) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : undefined; };
    const orgOf = (name) => (name ? this.orgs.find((o) => o.name === name) : this.orgs[0]);
    if (args[0] === 'org' && args[1] === 'create') {
      const o = { id: randomUUID(), name: opt('--name'), level: Number(opt('--level') || 3) };
      this.orgs.push(o);
      this.roles.push({ id: randomUUID(), org: o.id, name: 'Master Admin', description: '', permissionPolicies: [{ domain: '*', entityName: '*', actionSet: ['*'] }] });
      return { status: 0, stdout: JSON.stringify({ id: o.id }), stderr: '' };
    }
    if (args[0] === 'user' && args[1] === 'add') {
      const o = orgOf(opt('--org'));
      const role = opt('--role') && this.roles.find((r) => r.org === o.id && r.name === opt('--role'));
      const u = { id: randomUUID(), org: o.id, name: opt('--name'), email: opt('--email'), password: opt('--password') || 'pw', roles: role ? [role.id] : [] };
      this.users.push(u);
      return { status: 0, stdout: JSON.stringify({ id: u.id }), stderr: '' };
    }
    return { status: 2, stdout: '', stderr: 'fake: unsupported command' };
  }

  async start() {
    this.http = http.createServer((req, res) => this.handle(req, res).catch((e) => { res.writeHead(500); res.end(String(e)); }));
    await new Promise((r) => this.http.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${this.http.address().port}`;
    return this;
  }

  async dispose() { await new Promise((r) => this.http.close(r)); this.http.closeAllConnections?.(); }
  fetch(path, init = {}) { return fetch(this.url + path, { redirect: 'manual', ...init }); }

  async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
    const res = await this.fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const { csrfToken } = await res.json();
    return new Session(this, { cookie: res.headers.get('set-cookie').split(';')[0], csrfToken });
  }

  async handle(req, res) {
    const url = new URL(req.url, 'http://x');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString();
    let body;
    try { body = raw ? JSON.parse(raw) : undefined; } catch { body = undefined; }
    const send = (status, obj, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(obj === undefined ? '' : JSON.stringify(obj));
    };
    const p = url.pathname;
    if (req.method === 'GET' && (p === '/admin' || p.startsWith('/admin/') || p.startsWith('/common/'))) {
      let file = p === '/admin' || p === '/admin/' || !extname(p) ? join(WEB, 'admin/index.html') : join(WEB, p);
      if (!file.startsWith(WEB) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(readFileSync(file));
      return;
    }
    if (p === '/login' && req.method === 'POST') {
      const u = this.users.find((x) => x.email === body?.email && x.password === body?.password);
      if (!u) return send(401, err(401, 'bad.credentials', 'The email or password is not correct.').body);
      const sid = randomUUID(); const csrf = randomUUID();
      this.sessions.set(sid, { user: u, csrf });
      return send(200, { csrfToken: csrf }, { 'set-cookie': `portico_session=${sid}; HttpOnly; SameSite=Lax; Path=/` });
    }
    const sid = /portico_session=([^;]+)/.exec(req.headers.cookie || '')?.[1];
    const sess = sid && this.sessions.get(sid);
    if (!sess) return send(401, err(401, 'authentication.required', 'You need to sign in.').body);
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return send(403, err(403, 'csrf.token.missing', 'Missing CSRF token.').body);
    if (p === '/logout') { this.sessions.delete(sid); return send(204); }
    const r = this.api(req.method, p, url.searchParams, body, sess);
    return send(r.status, r.body);
  }

  api(method, p, q, body, sess) {
    const me = sess.user; const org = me.org;
    const O = this.orgs.find((o) => o.id === org);
    const ok = (b) => ({ status: 200, body: b });
    const list = (entities) => ok({ entities, pageSize: entities.length, pageNumber: 1, total: entities.length, pageCount: 1 });
    let m;
    const userOut = (u) => ({ id: u.id, name: u.name, email: u.email });
    if (p === '/api/v2/users/me') return ok({ ...userOut(me), csrfToken: sess.csrf, organization: { id: org, name: O.name }, permissions: ['*:*:*'] });
    if (p === '/api/v2/users' && method === 'GET') return list(this.users.filter((u) => u.org === org).map(userOut));
    if (p === '/api/v2/users' && method === 'POST') {
      if (!body?.name) return err(400, 'missing.value', 'Enter a name.', 'name');
      if (!/^[^@\s]+@[^@\s]+$/.test(body.email || '')) return err(400, 'invalid.value', 'Enter a valid email address.', 'email');
      if (this.users.some((u) => u.org === org && u.email === body.email)) return err(400, 'invalid.value', 'Someone in this organization already has this email.', 'email');
      const u = { id: randomUUID(), org, name: body.name, email: body.email, password: body.password, roles: [] };
      this.users.push(u); return ok(userOut(u));
    }
    if (p === '/api/v2/authorization/permissions') return ok({ entities: [
      { domain: 'integrations', entityName: 'integration', actions: ['view', 'add', 'edit', 'delete'] },
      { domain: 'directory', entityName: 'user', actions: ['view', 'add', 'edit'] },
      { domain: 'directory', entityName: 'group', actions: ['view', 'add', 'edit'] },
      { domain: 'authorization', entityName: 'role', actions: ['view', 'add', 'edit'] }] });
    const roleOut = (r) => ({ id: r.id, name: r.name, description: r.description, permissionPolicies: r.permissionPolicies });
    if (p === '/api/v2/authorization/roles' && method === 'GET') return list(this.roles.filter((r) => r.org === org).map(roleOut));
    if (p === '/api/v2/authorization/roles' && method === 'POST') {
      if (!body?.name?.trim()) return err(400, 'missing.value', 'Enter a name for the role.', 'name');
      if (this.roles.some((r) => r.org === org && r.name === body.name)) return err(400, 'invalid.value', `A role named "${body.name}" already exists.`, 'name');
      const r = { id: randomUUID(), org, name: body.name, description: body.description || '', permissionPolicies: body.permissionPolicies || [] };
      this.roles.push(r); return ok(roleOut(r));
    }
    if ((m = /^\/api\/v2\/authorization\/roles\/([^/]+)\/users(\/add)?$/.exec(p))) {
      const role = this.roles.find((r) => r.id === m[1] && r.org === org);
      if (!role) return err(404, 'not.found', 'No such role.');
      if (m[2]) { for (const id of body) { const u = this.users.find((x) => x.id === id); if (u && !u.roles.includes(role.id)) u.roles.push(role.id); } return { status: 204 }; }
      return list(this.users.filter((u) => u.roles.includes(role.id)).map(userOut));
    }
    const groupOut = (g) => ({ id: g.id, name: g.name, type: g.type, description: g.description, memberCount: (this.members.get(g.id) || new Set()).size });
    if (p === '/api/v2/groups' && method === 'GET') return list(this.groups.filter((g) => g.org === org).map(groupOut));
    if (p === '/api/v2/groups' && method === 'POST') {
      if (!body?.name?.trim()) return err(400, 'missing.value', 'Enter a name for the group.', 'name');
      if (!['official', 'social', 'distribution'].includes(body.type)) return err(400, 'invalid.value', 'type must be official, social or distribution.', 'type');
      const g = { id: randomUUID(), org, name: body.name, type: body.type, description: body.description || '' };
      this.groups.push(g); this.members.set(g.id, new Set()); return ok(groupOut(g));
    }
    if ((m = /^\/api\/v2\/groups\/([^/]+)(\/members)?$/.exec(p))) {
      const g = this.groups.find((x) => x.id === m[1] && x.org === org);
      if (!g) return err(404, 'not.found', 'No such group.');
      if (!m[2]) return ok(groupOut(g));
      const set = this.members.get(g.id);
      if (method === 'POST') { (body.memberIds || []).forEach((id) => set.add(id)); return ok({}); }
      if (method === 'DELETE') { (body?.memberIds || q.get('ids')?.split(',') || []).forEach((id) => set.delete(id)); return ok({}); }
      return list(this.users.filter((u) => set.has(u.id)).map(userOut));
    }
    const installable = O.level >= 2;
    const type = { id: 'embedded-client-app', name: 'Custom Client Application', description: 'Embeds third-party webapps via iframe', vendorName: 'Portico', provider: 'clientapps', category: 'Client Apps', images: [],
      installable, ...(installable ? {} : { installBlockedReason: `Your organization needs subscription level 2 or higher (it has level ${O.level}). Contact your sales representative.` }) };
    if (p === '/api/v2/integrations/types') return list([type]);
    if (p === '/api/v2/integrations/types/embedded-client-app/configschemas/properties') return ok({ type: 'object', properties: {
      url: { title: 'Application URL', type: 'string' }, displayType: { title: 'Application Type', type: 'string', enum: ['standalone', 'widget'] },
      featureCategory: { title: 'Application Category', type: 'string', enum: ['', 'directory', 'contactCenterInsights'] },
      sandbox: { title: 'Iframe Sandbox Options', type: 'string' }, permissions: { title: 'Iframe Permissions', type: ['string', 'null'] },
      groups: { title: 'Groups', type: 'array', items: { type: 'string' } } } });
    const intOut = (i) => ({ id: i.id, name: i.name, integrationType: { id: type.id, name: type.name }, intendedState: i.state, reportedState: { code: i.state === 'ENABLED' ? 'ACTIVE' : 'INACTIVE' }, roles: i.roles.map((id) => ({ id, name: this.roles.find((r) => r.id === id)?.name })) });
    const cfgOut = (i) => ({ name: i.name, version: i.version, properties: i.properties, advanced: {}, notes: '', credentials: {} });
    if (p === '/api/v2/integrations' && method === 'GET') return list(this.integrations.filter((i) => i.org === org).map(intOut));
    if (p === '/api/v2/integrations' && method === 'POST') {
      if (!installable) return err(403, 'license.required', type.installBlockedReason);
      const i = { id: randomUUID(), org, name: body.name || type.name, state: 'DISABLED', roles: [], version: 1, properties: {} };
      this.integrations.push(i); return ok(intOut(i));
    }
    if ((m = /^\/api\/v2\/integrations\/([^/]+)(\/config\/current)?$/.exec(p))) {
      const i = this.integrations.find((x) => x.id === m[1] && x.org === org);
      if (!i) return err(404, 'not.found', 'No such integration.');
      if (m[2] && method === 'GET') return ok(cfgOut(i));
      if (m[2] && method === 'PUT') {
        if (body.version !== i.version) return err(409, 'conflict', `The version ${body.version} does not match the current version ${i.version}; someone else saved first.`, 'version');
        const pr = body.properties || {};
        if (pr.url !== undefined) {
          let u; try { u = new URL(pr.url); } catch { return err(400, 'invalid.value', 'Application URL must be a full URL, including https: at the beginning.', 'properties.url'); }
          if (u.protocol !== 'https:' && !(u.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(u.hostname))) return err(400, 'invalid.value', 'Application URL must start with https:.', 'properties.url');
        }
        if (pr.sandbox) { const bad = pr.sandbox.split(',').map((s) => s.trim()).filter((s) => !SANDBOX.includes(s)); if (bad.length) return err(400, 'invalid.value', `Iframe Sandbox Options: "${bad[0]}" is not an allowed option.`, 'properties.sandbox'); }
        for (const gid of pr.groups || []) { const g = this.groups.find((x) => x.id === gid && x.org === org); if (!g || g.type !== 'official') return err(400, 'invalid.value', `Group ${g ? g.name : gid} is not an official group.`, 'properties.groups'); }
        if (!body.name?.trim()) return err(400, 'missing.value', 'Name cannot be empty.', 'name');
        i.properties = pr; i.name = body.name; i.version += 1; return ok(cfgOut(i));
      }
      if (method === 'GET') return ok(intOut(i));
      if (method === 'PATCH') {
        if (body.intendedState === 'ENABLED' && !i.properties.url) return err(400, 'invalid.value', 'Set the Application URL before activating the app.', 'properties.url');
        if (body.intendedState) i.state = body.intendedState;
        if (body.roles) i.roles = body.roles.map((r) => r.id);
        if (body.name) i.name = body.name;
        return ok(intOut(i));
      }
      if (method === 'DELETE') { this.integrations = this.integrations.filter((x) => x !== i); return { status: 204 }; }
    }
    return err(404, 'not.found', `No route ${method} ${p}`);
  }
}

export async function startFakeServer() { return new FakeServer().start(); }
