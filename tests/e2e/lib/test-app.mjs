// A tiny client app for the browser tests, built on the unmodified npm purecloud-client-app-sdk.
// Served by a node http server on 127.0.0.1 (a port of its own, so its own origin). The page
// records what it receives (lifecycle hooks, its URL) and POSTs each record back here, so a test
// can read it even after the shell removed the frame.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SDK_FILE = require.resolve('purecloud-client-app-sdk/dist/purecloud-client-app-sdk.js');

/** The page's URL as configured in Portico: the SDK finds its host through these two tokens. */
export const APP_QUERY = 'gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portico test app</title>
<link rel="stylesheet" href="/app.css">
<script src="/sdk.js"></script>
<script src="/app.js" defer></script>
</head><body>
<h1 id="title">Test app</h1>
<p>Instance <code id="instance"></code> · SDK environment <code id="env"></code></p>
<div class="row">
  <input id="arg" aria-label="Argument" placeholder="id or URL">
  <button id="toast">Toast</button>
  <button id="badge">Badge</button>
  <button id="profile">Show user</button>
  <button id="profile2">Show profile</button>
  <button id="group">Show group</button>
  <button id="open">Open window</button>
  <button id="help">Help</button>
  <button id="nohelp">Hide help</button>
  <button id="embed">Embed foreign</button>
  <button id="away">Go foreign</button>
</div>
<ol id="log"></ol>
</body></html>`;

const CSS = `body{font:14px system-ui,sans-serif;margin:16px;color:#1b2231;background:#fff}
h1{font-size:18px;margin:0 0 6px}.row{display:flex;flex-wrap:wrap;gap:6px;margin:10px 0}
button,input{font:inherit;padding:4px 8px}iframe{width:240px;height:60px;border:1px dashed #aaa}
#log{color:#5d6678;font-size:12px}`;

const APP_JS = `(function () {
  var params = new URLSearchParams(location.search);
  var name = params.get('app') || 'app';
  var instance = Math.random().toString(36).slice(2, 10);
  window.received = [];
  function record(type, data) {
    var ev = Object.assign({ type: type, app: name, instance: instance, at: Date.now() }, data || {});
    window.received.push(ev);
    var li = document.createElement('li');
    li.textContent = type + ' ' + JSON.stringify(data || {});
    document.getElementById('log').appendChild(li);
    try { return fetch('/event', { method: 'POST', body: JSON.stringify(ev), keepalive: true }).catch(function () {}); } catch (e) { return Promise.resolve(); }
  }
  document.getElementById('title').textContent = 'Test app ' + name;
  document.getElementById('instance').textContent = instance;
  var app;
  try {
    app = new window.purecloud.apps.ClientApp({ gcHostOriginQueryParam: 'gcHostOrigin', gcTargetEnvQueryParam: 'gcTargetEnv' });
  } catch (e) {
    record('sdk-error', { message: String(e && e.message) });
    return;
  }
  window.app = app;
  document.getElementById('env').textContent = String(app.gcEnvironment);
  var answer = params.get('answer') !== 'no';
  app.lifecycle.addBootstrapListener(function () { record('hook', { hook: 'bootstrap' }); if (answer) app.lifecycle.bootstrapped(); });
  app.lifecycle.addFocusListener(function () { record('hook', { hook: 'focus' }); });
  app.lifecycle.addBlurListener(function () { record('hook', { hook: 'blur' }); });
  // Like a real app, finish its work (here: reporting the hook) before answering stopped.
  app.lifecycle.addStopListener(function () { record('hook', { hook: 'stop' }).then(function () { if (answer) app.lifecycle.stopped(); }); });

  function arg() { return document.getElementById('arg').value; }
  // Tests set window.toastArgs = [title, message, options] before clicking "Toast".
  function on(id, fn) { document.getElementById(id).addEventListener('click', fn); }
  on('toast', function () { var a = window.toastArgs || ['Hello', 'From the test app']; app.alerting.showToastPopup(a[0], a[1], a[2]); });
  on('badge', function () { app.alerting.setAttentionCount(Number(arg() || 0)); });
  on('profile', function () { app.directory.showUser(arg()); });
  on('profile2', function () { app.users.showProfile(arg()); });
  on('group', function () { app.directory.showGroup(arg()); });
  on('open', function () { app.coreUi.openWindow(arg()); });
  on('help', function () { app.coreUi.showHelp(); });
  on('nohelp', function () { app.coreUi.hideHelp(); });
  // A frame at another origin inside this app, posting to the shell (window.top).
  on('embed', function () {
    var f = document.createElement('iframe');
    f.src = arg() + '/foreign.html?target=top';
    document.body.appendChild(f);
  });
  // This frame itself navigates to another origin, which then posts to its parent (the shell).
  on('away', function () { location.href = arg() + '/foreign.html?target=parent'; });
  record('loaded', { search: location.search, env: app.gcEnvironment, sandboxed: window.origin === 'null' });
})();`;

// Posts protocol messages to the shell from a frame the shell did not create (or at the wrong origin).
const FOREIGN_HTML = `<!doctype html><meta charset="utf-8"><title>foreign</title><body>foreign<script src="/foreign.js"></script>`;
const FOREIGN_JS = `(function () {
  var target = new URLSearchParams(location.search).get('target') === 'top' ? window.top : window.parent;
  var base = { protocol: 'purecloud-client-apps', protocolAgentName: 'purecloud-client-app-sdk', protocolAgentVersion: '2.6.10' };
  target.postMessage(Object.assign({ action: 'showToast', title: 'FOREIGN', message: 'must be ignored', type: 'error' }, base), '*');
  target.postMessage(Object.assign({ action: 'setAttentionCount', count: 42 }, base), '*');
  target.postMessage(Object.assign({ action: 'showProfile', profileId: 'foreign-profile' }, base), '*');
  target.postMessage(Object.assign({ action: 'bootstrapped' }, base), '*');
  fetch('/event', { method: 'POST', body: JSON.stringify({ type: 'foreign-posted', target: new URLSearchParams(location.search).get('target') }), keepalive: true });
})();`;

export class TestApp {
  constructor() {
    this.events = [];
    this.waiters = [];
  }

  async start() {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  /** The URL to configure in Portico for one named instance of the app (extra: more query text). */
  url(name, extra = '') {
    return `${this.origin}/app.html?${APP_QUERY}&app=${encodeURIComponent(name)}${extra ? `&${extra}` : ''}`;
  }

  handle(req, res) {
    const path = new URL(req.url, this.origin).pathname;
    const send = (type, body) => { res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
    if (req.method === 'POST' && path === '/event') {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        try { this.push(JSON.parse(body)); } catch { /* ignore */ }
        res.writeHead(204, { 'access-control-allow-origin': '*' });
        res.end();
      });
      return;
    }
    if (path === '/app.html') return send('text/html; charset=utf-8', PAGE);
    if (path === '/app.css') return send('text/css', CSS);
    if (path === '/app.js') return send('text/javascript', APP_JS);
    if (path === '/sdk.js') return send('text/javascript', readFileSync(SDK_FILE));
    if (path === '/foreign.html') return send('text/html; charset=utf-8', FOREIGN_HTML);
    if (path === '/foreign.js') return send('text/javascript', FOREIGN_JS);
    if (path === '/opened.html') return send('text/html; charset=utf-8', '<!doctype html><title>opened</title><p>opened</p>');
    if (path === '/favicon.ico') { res.writeHead(204); return res.end(); }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  push(ev) {
    this.events.push(ev);
    for (const w of [...this.waiters]) {
      if (w.pred(ev)) { this.waiters.splice(this.waiters.indexOf(w), 1); clearTimeout(w.timer); w.resolve(ev); }
    }
  }

  /** Events matching `pred` so far (pred gets each event; an object matches by equal fields). */
  find(pred) { return this.events.filter(matcher(pred)); }

  /** Resolves with the first event (past or future) matching `pred`; rejects after `timeoutMs`. */
  waitFor(pred, timeoutMs = 5000) {
    const m = matcher(pred);
    const seen = this.events.find(m);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { pred: m, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`test app ${this.origin}: no event matching ${JSON.stringify(pred)} within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(-15))}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  async close() {
    this.server.closeAllConnections?.();
    await new Promise((r) => this.server.close(r));
  }
}

function matcher(pred) {
  if (typeof pred === 'function') return pred;
  return (ev) => Object.entries(pred).every(([k, v]) => ev[k] === v);
}

/** Starts one test app server on its own port. */
export async function startTestApp() {
  return new TestApp().start();
}
