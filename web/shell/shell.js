// The Portico workspace shell: login, top menus, side panel of widget apps, app frames, directory,
// and live updates of the apps this user may see.
import { api, setCsrfToken, ApiError } from './api.js';
import { h, replace, initials, icon, ICONS } from './dom.js';
import { AppFrame, listen } from './frames.js';
import { initToasts, showToast, clearToastsOf } from './toasts.js';
import { renderDirectory } from './directory.js';
import {
  MENUS, describeApp, frameChanged, byName, parseRoute, badgeText, attentionCount, safeWindowUrl,
} from './lib.js';

const $ = (id) => document.getElementById(id);
const CLIENTAPPS = '/api/v2/integrations/clientapps?pageSize=500';
const POLL_MS = 1000;

const state = {
  me: null,
  apps: new Map(),        // id -> described app (lib.describeApp)
  loaded: false,          // the first list of apps arrived
  frames: new Map(),      // id -> AppFrame
  badges: new Map(),      // id -> attention count
  baselineOrigins: null,  // app origins when this page was served (its CSP frame-src)
  route: parseRoute(location.hash),
  routeSeq: 0,
  widgetOpen: false,
  widgetTab: null,
  etag: null,
  pollTimer: null,
  failures: 0,
  leaving: false,
};

// ---------------------------------------------------------------- boot

async function boot() {
  let me;
  try {
    ({ body: me } = await api('GET', '/api/v2/users/me'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin();
    return bootFailed(e);
  }
  state.me = me || {};
  setCsrfToken(state.me.csrfToken);
  restorePanelState();
  showWorkspace();
  await poll();
}

function bootFailed(e) {
  $('boot-text').textContent = e.message || 'The workspace could not be loaded.';
  $('boot').classList.add('boot-error');
  $('boot').querySelector('.spinner').hidden = true;
  const retry = $('boot-retry');
  retry.hidden = false;
  retry.onclick = () => location.reload();
}

// ---------------------------------------------------------------- login / logout

function showLogin() {
  $('boot').hidden = true;
  $('login').hidden = false;
  document.title = 'Sign in · Portico';
  const form = $('login-form');
  const err = $('login-error');
  $('login-email').focus();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const email = $('login-email').value.trim();
    const password = $('login-password').value;
    err.hidden = true;
    if (!email || !password) {
      err.textContent = 'Enter your email and your password.';
      err.hidden = false;
      (email ? $('login-password') : $('login-email')).focus();
      return;
    }
    const button = $('login-submit');
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      await api('POST', '/login', { body: { email, password } });
      // Reload: the server computes this user's Content-Security-Policy when it serves the page.
      location.reload();
    } catch (e) {
      let msg = e.message;
      if (e.status === 401 && !(e.body && e.body.message)) msg = 'The email or password is not correct.';
      err.textContent = msg;
      err.hidden = false;
      button.disabled = false;
      button.textContent = 'Sign in';
      $('login-password').select();
    }
  });
}

/** Stops every frame (stop hooks answered or timed out). */
function stopAll() {
  const all = [...state.frames.keys()].map((id) => stopFrame(id));
  return Promise.all(all);
}

async function leave(how) {
  if (state.leaving) return;
  state.leaving = true;
  clearTimeout(state.pollTimer);
  await stopAll();
  how();
}

async function logout() {
  const button = $('logout-button');
  button.disabled = true;
  button.textContent = 'Signing out…';
  await leave(async () => {
    try { await api('POST', '/logout'); } catch { /* the session may be gone already */ }
    location.replace('/');
  });
}

// ---------------------------------------------------------------- workspace chrome

function permits(perms, needed) {
  if (!Array.isArray(perms)) return false;
  const want = needed.split(':');
  return perms.some((p) => {
    const have = String(p).split(':');
    return have.length === 3 && have.every((part, i) => part === '*' || part === want[i]);
  });
}

function showWorkspace() {
  $('boot').hidden = true;
  $('workspace').hidden = false;
  const me = state.me;
  const name = String(me.name || me.email || 'You');
  $('user-name').textContent = name;
  $('user-avatar').textContent = initials(name);
  $('user-card-name').textContent = name;
  $('user-card-email').textContent = me.email ? String(me.email) : '';
  $('user-card-org').textContent = me.organization && me.organization.name ? String(me.organization.name) : '';
  $('admin-link').hidden = !permits(me.permissions, 'integrations:integration:view');
  $('logout-button').addEventListener('click', logout);

  buildMenus();
  initToasts($('toasts'));
  setupMenuDismissal();

  $('widgets-button').addEventListener('click', () => setWidgetPanel(!state.widgetOpen));
  $('widget-close').addEventListener('click', () => { setWidgetPanel(false); $('widgets-button').focus(); });
  $('help-button').addEventListener('click', () => setHelp($('help-panel').hidden));
  $('help-item').addEventListener('click', () => setHelp(true));
  $('help-close').addEventListener('click', () => { setHelp(false); $('help-button').focus(); });

  window.addEventListener('hashchange', render);
  document.addEventListener('securitypolicyviolation', onCspViolation);
  listen(hostHandlers);
  render();
}

// Menus: disclosure buttons, each with a list of links.
function buildMenus() {
  const nav = $('menus');
  for (const m of MENUS) {
    const btn = h('button', {
      type: 'button', class: 'menu-button', id: `menu-button-${m.id}`,
      'aria-expanded': 'false', 'aria-controls': `menu-${m.id}`, 'aria-haspopup': 'true',
    }, h('span', { class: 'menu-label', text: m.label }), h('span', { class: 'badge', hidden: true }), icon(ICONS.chevron, 'icon chevron'));
    const panel = h('div', { class: 'menu-panel', id: `menu-${m.id}`, hidden: true, 'aria-label': m.label },
      h('ul', { class: 'menu-list' }));
    const wrap = h('div', { class: 'menu', dataset: { menu: m.id } }, btn, panel);
    btn.addEventListener('click', () => toggleMenu(wrap));
    btn.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { e.preventDefault(); toggleMenu(wrap, true); focusItem(wrap, 0); }
    });
    panel.addEventListener('keydown', (e) => menuKeys(e, wrap));
    nav.appendChild(wrap);
  }
  const user = document.querySelector('.user-menu');
  $('user-button').addEventListener('click', () => toggleMenu(user));
  $('user-panel').addEventListener('keydown', (e) => menuKeys(e, user));
}

function menuItems(wrap) { return [...wrap.querySelectorAll('.menu-panel a.menu-item, .menu-panel button.menu-item')].filter((x) => !x.hidden); }
function focusItem(wrap, i) { const items = menuItems(wrap); if (items.length) items[(i + items.length) % items.length].focus(); }

function menuKeys(e, wrap) {
  const items = menuItems(wrap);
  const i = items.indexOf(document.activeElement);
  if (e.key === 'ArrowDown') { e.preventDefault(); focusItem(wrap, i + 1); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); focusItem(wrap, i - 1); }
  else if (e.key === 'Home') { e.preventDefault(); focusItem(wrap, 0); }
  else if (e.key === 'End') { e.preventDefault(); focusItem(wrap, -1); }
}

function toggleMenu(wrap, open) {
  const btn = wrap.querySelector('button');
  const panel = wrap.querySelector('.menu-panel');
  const willOpen = open === undefined ? panel.hidden : open;
  closeMenus(wrap);
  panel.hidden = !willOpen;
  btn.setAttribute('aria-expanded', String(willOpen));
  wrap.classList.toggle('open', willOpen);
}

function closeMenus(except) {
  for (const wrap of document.querySelectorAll('.menu')) {
    if (wrap === except) continue;
    wrap.querySelector('.menu-panel').hidden = true;
    wrap.querySelector('button').setAttribute('aria-expanded', 'false');
    wrap.classList.remove('open');
  }
}

function setupMenuDismissal() {
  document.addEventListener('click', (e) => {
    const inMenu = e.target.closest('.menu');
    if (!inMenu) closeMenus();
    else if (e.target.closest('.menu-panel a, .menu-panel button')) closeMenus();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = document.querySelector('.menu.open');
    if (open) { closeMenus(); open.querySelector('button').focus(); return; }
    if (!$('help-panel').hidden) { setHelp(false); $('help-button').focus(); return; }
    if (state.widgetOpen && window.matchMedia('(max-width: 760px)').matches) { setWidgetPanel(false); $('widgets-button').focus(); }
  });
  // A click into an app frame does not reach this document; the window loses focus instead.
  window.addEventListener('blur', () => closeMenus());
}

function appIcon(app, cls = 'app-icon') {
  if (app.icon) return h('img', { class: cls, src: app.icon, alt: '', width: 20, height: 20, referrerpolicy: 'no-referrer' });
  return h('span', { class: `${cls} app-icon-fallback`, 'aria-hidden': 'true', text: initials(app.name).slice(0, 1) });
}

function badge(count, extraClass = '') {
  const b = h('span', { class: `badge ${extraClass}`.trim(), hidden: !(count > 0) });
  if (count > 0) {
    b.textContent = badgeText(count);
    b.setAttribute('aria-label', `${count} new`);
  }
  return b;
}

function sortedApps(filter) { return [...state.apps.values()].filter(filter).sort(byName); }

function renderMenus() {
  for (const m of MENUS) {
    const wrap = document.querySelector(`.menu[data-menu="${m.id}"]`);
    const list = wrap.querySelector('.menu-list');
    const apps = sortedApps((a) => a.displayType === 'standalone' && a.menu === m.id);
    const items = [];
    if (m.id === 'directory') {
      items.push(h('li', {}, h('a', { class: 'menu-item', href: '#/directory/people', dataset: { route: 'people' } }, icon(ICONS.people, 'icon menu-item-icon'), h('span', { class: 'menu-item-label', text: 'People' }))));
      items.push(h('li', {}, h('a', { class: 'menu-item', href: '#/directory/groups', dataset: { route: 'groups' } }, icon(ICONS.group, 'icon menu-item-icon'), h('span', { class: 'menu-item-label', text: 'Groups' }))));
      if (apps.length) items.push(h('li', { class: 'menu-sep', role: 'separator' }));
    }
    for (const app of apps) {
      items.push(h('li', {}, h('a', { class: 'menu-item', href: `#/apps/${encodeURIComponent(app.id)}`, dataset: { appId: app.id } },
        appIcon(app), h('span', { class: 'menu-item-label', text: app.name }), badge(state.badges.get(app.id) || 0))));
    }
    if (!apps.length && m.id !== 'directory') items.push(h('li', { class: 'menu-empty', text: 'No apps here yet' }));
    replace(list, items);
    const total = apps.reduce((n, a) => n + (state.badges.get(a.id) || 0), 0);
    const b = wrap.querySelector('.menu-button .badge');
    b.hidden = total === 0;
    b.textContent = total ? badgeText(total) : '';
  }
  markCurrent();
}

function markCurrent() {
  const r = state.route;
  for (const a of document.querySelectorAll('.menu-item[data-app-id]')) {
    if (r.view === 'app' && r.id === a.dataset.appId) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const a of document.querySelectorAll('.menu-item[data-route]')) {
    const cur = (a.dataset.route === 'people' && (r.view === 'people' || r.view === 'person')) || (a.dataset.route === 'groups' && (r.view === 'groups' || r.view === 'group'));
    if (cur) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const wrap of document.querySelectorAll('.menus .menu')) {
    wrap.classList.toggle('current', !!wrap.querySelector('[aria-current="page"]'));
  }
}

// ---------------------------------------------------------------- widget panel

function restorePanelState() {
  try {
    state.widgetOpen = sessionStorage.getItem('porticoWidgetsOpen') === '1';
    state.widgetTab = sessionStorage.getItem('porticoWidgetTab') || null;
  } catch { /* storage may be off */ }
}

function savePanelState() {
  try {
    sessionStorage.setItem('porticoWidgetsOpen', state.widgetOpen ? '1' : '0');
    if (state.widgetTab) sessionStorage.setItem('porticoWidgetTab', state.widgetTab);
  } catch { /* storage may be off */ }
}

function widgets() { return sortedApps((a) => a.displayType === 'widget'); }

function setWidgetPanel(open, tab) {
  state.widgetOpen = open;
  if (tab) state.widgetTab = tab;
  $('widget-panel').hidden = !open;
  $('widgets-button').setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('widgets-open', open);
  renderWidgets();
  savePanelState();
}

function renderWidgets() {
  const list = widgets();
  if (!list.some((a) => a.id === state.widgetTab)) state.widgetTab = list.length ? list[0].id : null;
  const tabs = list.map((app) => {
    const selected = app.id === state.widgetTab;
    const tab = h('button', {
      type: 'button', role: 'tab', class: 'widget-tab', id: `widget-tab-${app.id}`,
      'aria-selected': String(selected), tabindex: selected ? '0' : '-1', dataset: { appId: app.id },
    }, appIcon(app), h('span', { class: 'widget-tab-label', text: app.name }), badge(state.badges.get(app.id) || 0));
    tab.addEventListener('click', () => { state.widgetTab = app.id; savePanelState(); renderWidgets(); });
    tab.addEventListener('keydown', (e) => {
      const i = list.indexOf(app);
      let j = null;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') j = (i + 1) % list.length;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') j = (i - 1 + list.length) % list.length;
      if (j === null) return;
      e.preventDefault();
      state.widgetTab = list[j].id;
      savePanelState();
      renderWidgets();
      const next = document.getElementById(`widget-tab-${list[j].id}`);
      if (next) next.focus();
    });
    return tab;
  });
  replace($('widget-tabs'), tabs);
  $('widget-tabs').hidden = list.length === 0;
  $('widget-empty').hidden = list.length !== 0;
  const total = list.reduce((n, a) => n + (state.badges.get(a.id) || 0), 0);
  const rb = $('widgets-badge');
  rb.hidden = total === 0;
  rb.textContent = total ? badgeText(total) : '';
  if (state.widgetOpen && state.widgetTab) ensureFrame(state.apps.get(state.widgetTab));
  updateVisibility();
}

// ---------------------------------------------------------------- frames

function ensureFrame(app) {
  if (!app) return null;
  let f = state.frames.get(app.id);
  if (!f) {
    const container = app.displayType === 'widget' ? $('widget-frames') : $('app-stage');
    f = new AppFrame(app, container);
    f.el.id = `frame-${app.id}`;
    if (app.displayType === 'widget') {
      f.el.setAttribute('role', 'tabpanel');
      f.el.setAttribute('aria-labelledby', `widget-tab-${app.id}`);
    }
    state.frames.set(app.id, f);
  }
  return f;
}

function stopFrame(id) {
  const f = state.frames.get(id);
  if (!f) return Promise.resolve();
  state.frames.delete(id);
  return f.stop();
}

/** Shows exactly the frame of the current route and the selected widget; hides the others. */
function updateVisibility() {
  for (const [id, f] of [...state.frames]) {
    const app = f.app;
    const visible = app.displayType === 'standalone'
      ? state.route.view === 'app' && state.route.id === id
      : state.widgetOpen && state.widgetTab === id;
    f.setVisible(visible);
    if (!visible && app.ephemeral && f.everShown) stopFrame(id);
  }
  for (const tab of document.querySelectorAll('.widget-tab')) {
    const f = state.frames.get(tab.dataset.appId);
    if (f) tab.setAttribute('aria-controls', f.el.id); else tab.removeAttribute('aria-controls');
  }
}

// ---------------------------------------------------------------- routing and views

function render() {
  state.route = parseRoute(location.hash);
  const seq = ++state.routeSeq;
  const route = state.route;
  closeMenus();
  markCurrent();
  const view = $('view');
  const stage = $('app-stage');

  if (route.view === 'app') {
    const app = state.apps.get(route.id);
    if (app && app.displayType === 'standalone') {
      ensureFrame(app);
      view.hidden = true;
      stage.hidden = false;
      document.title = `${app.name} · Portico`;
      updateVisibility();
      return;
    }
    stage.hidden = true;
    view.hidden = false;
    if (!state.loaded) {
      replace(view, h('div', { class: 'state-msg', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { text: 'Loading…' })));
      updateVisibility();
      return;
    }
    if (app && app.displayType === 'widget') {
      if (!state.widgetOpen || state.widgetTab !== app.id) setWidgetPanel(true, app.id);
      renderHome(view);
      updateVisibility();
      return;
    }
    document.title = 'App not available · Portico';
    replace(view, h('div', { class: 'page' }, h('div', { class: 'notice card', role: 'alert' },
      h('h1', { class: 'page-title', text: 'This app isn’t available' }),
      h('p', { class: 'page-subtitle', text: 'It may have been turned off, or it is not shared with you. Ask your administrator if you need it.' }),
      h('a', { class: 'btn', href: '#/' }, 'Back to your workspace'))));
    updateVisibility();
    return;
  }

  stage.hidden = true;
  view.hidden = false;
  updateVisibility();
  if (route.view === 'home') {
    document.title = 'Workspace · Portico';
    renderHome(view);
    return;
  }
  document.title = `${route.view === 'groups' || route.view === 'group' ? 'Groups' : 'People'} · Portico`;
  renderDirectory(view, route, () => seq === state.routeSeq);
}

function renderHome(view) {
  const first = String(state.me.name || '').trim().split(/\s+/)[0];
  const sections = [];
  if (!state.loaded) {
    sections.push(h('div', { class: 'state-msg', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { text: 'Loading your apps…' })));
  } else {
    const dirCards = [
      h('li', {}, h('a', { class: 'app-card', href: '#/directory/people' }, icon(ICONS.people, 'icon app-card-icon app-card-glyph'), h('span', { class: 'app-card-name', text: 'People' }))),
      h('li', {}, h('a', { class: 'app-card', href: '#/directory/groups' }, icon(ICONS.group, 'icon app-card-icon app-card-glyph'), h('span', { class: 'app-card-name', text: 'Groups' }))),
    ];
    const anyApps = state.apps.size > 0;
    if (!anyApps) {
      sections.push(h('div', { class: 'empty card' },
        h('h2', { class: 'section-title', text: 'No apps yet' }),
        h('p', { text: 'Your administrator hasn’t shared any apps with you yet. When they do, they appear here and in the menus above, without reloading.' })));
    }
    for (const m of MENUS) {
      const apps = sortedApps((a) => a.displayType === 'standalone' && a.menu === m.id);
      if (!apps.length && m.id !== 'directory') continue;
      sections.push(h('section', { class: 'home-section', dataset: { menu: m.id } },
        h('h2', { class: 'section-title', text: m.label }),
        h('ul', { class: 'card-grid' }, m.id === 'directory' ? dirCards : null, apps.map((app) => h('li', {},
          h('a', { class: 'app-card', href: `#/apps/${encodeURIComponent(app.id)}`, dataset: { appId: app.id } },
            appIcon(app, 'app-card-icon'), h('span', { class: 'app-card-name', text: app.name }),
            badge(state.badges.get(app.id) || 0)))))));
    }
    const w = widgets();
    if (w.length) {
      sections.push(h('section', { class: 'home-section', dataset: { menu: 'widgets' } },
        h('h2', { class: 'section-title', text: 'In the side panel' }),
        h('ul', { class: 'card-grid' }, w.map((app) => h('li', {},
          h('button', { type: 'button', class: 'app-card', dataset: { appId: app.id }, onclick: () => setWidgetPanel(true, app.id) },
            appIcon(app, 'app-card-icon'), h('span', { class: 'app-card-name', text: app.name }),
            badge(state.badges.get(app.id) || 0)))))));
    }
  }
  replace(view, h('div', { class: 'page' },
    h('div', { class: 'page-header' }, h('div', {},
      h('h1', { class: 'page-title', text: first ? `Welcome, ${first}` : 'Welcome' }),
      h('p', { class: 'page-subtitle', text: state.me.organization && state.me.organization.name ? String(state.me.organization.name) : 'Your workspace' }))),
    sections));
}

// ---------------------------------------------------------------- help panel

function setHelp(open, fromApp) {
  $('help-panel').hidden = !open;
  $('help-button').setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('help-open', open);
  const from = $('help-from');
  if (open && fromApp) {
    from.textContent = `Opened by ${fromApp.name}`;
    from.hidden = false;
  } else if (!open) {
    from.hidden = true;
  }
}

// ---------------------------------------------------------------- host protocol

function setBadge(id, count) {
  if (!state.apps.has(id)) return;
  if (count === 0) state.badges.delete(id); else state.badges.set(id, count);
  renderMenus();
  renderWidgets();
  if (state.route.view === 'home') renderHome($('view'));
}

const hostHandlers = {
  showToast(frame, d) {
    showToast({
      appId: frame.app.id,
      source: frame.app.name,
      title: d.title,
      message: d.message, // markdownMessage is ignored: the text is shown as it is
      type: typeof d.type === 'string' ? d.type.trim().toLowerCase() : 'info',
      timeout: d.timeout,
      showCloseButton: d.showCloseButton,
      id: d.id,
    });
  },
  setAttentionCount(frame, d) {
    const n = attentionCount(d.count);
    if (n !== null) setBadge(frame.app.id, n);
  },
  openWindow(frame, d) {
    const url = safeWindowUrl(d.targetUrl);
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
  },
  showProfile(frame, d) {
    const id = typeof d.profileId === 'string' ? d.profileId.trim() : '';
    if (id && id.length <= 200) location.hash = `#/directory/people/${encodeURIComponent(id)}`;
  },
  showGroup(frame, d) {
    const id = typeof d.groupId === 'string' ? d.groupId.trim() : '';
    if (id && id.length <= 200) location.hash = `#/directory/groups/${encodeURIComponent(id)}`;
  },
  showHelp(frame) { setHelp(true, frame.app); },
  hideHelp() { setHelp(false); },
};

// ---------------------------------------------------------------- live updates

function appContext() {
  return { origin: location.origin, host: location.host, languageTag: state.me.languageTag || navigator.language || 'en-us' };
}

function apply(entities) {
  const ctx = appContext();
  const next = new Map();
  for (const raw of Array.isArray(entities) ? entities : []) {
    const app = describeApp(raw, ctx);
    if (app && !next.has(app.id)) next.set(app.id, app);
  }
  const origins = new Set([...next.values()].map((a) => a.origin));
  if (!state.baselineOrigins) {
    state.baselineOrigins = origins;
  } else if ([...origins].some((o) => !state.baselineOrigins.has(o))) {
    // A new origin is not in this page's frame-src: get a page whose CSP allows it (same route).
    leave(() => location.reload());
    return;
  }

  for (const id of state.apps.keys()) {
    if (next.has(id)) continue;
    state.badges.delete(id);
    clearToastsOf(id);
    stopFrame(id);
  }
  for (const [id, app] of next) {
    const old = state.apps.get(id);
    const f = state.frames.get(id);
    if (!old || !f) continue;
    if (frameChanged(old, app)) {
      state.badges.delete(id);
      stopFrame(id);
    } else {
      f.app = app;
      if (old.name !== app.name) f.rename(app.name);
    }
  }
  const firstLoad = !state.loaded;
  state.apps = next;
  state.loaded = true;
  renderMenus();
  renderWidgets();
  if (firstLoad || state.route.view === 'app' || state.route.view === 'home') render();
  else updateVisibility();
}

async function poll() {
  if (state.leaving) return;
  try {
    const headers = state.etag ? { 'if-none-match': state.etag } : {};
    const res = await api('GET', CLIENTAPPS, { headers, accept: [304] });
    if (res.status !== 304) {
      state.etag = res.headers.get('etag');
      apply(res.body && res.body.entities);
    }
    state.failures = 0;
    $('live-status').hidden = true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      leave(() => location.reload()); // the session ended: sign in again
      return;
    }
    state.failures++;
    if (state.failures >= 3) $('live-status').hidden = false;
    if (!state.loaded && state.failures === 1) {
      showToast({ appId: '', title: 'Your apps could not be loaded', message: e.message, type: 'error', timeout: 10 });
    }
  }
  if (state.leaving) return;
  const delay = state.failures ? Math.min(POLL_MS * 2 ** state.failures, 15000) : POLL_MS;
  state.pollTimer = setTimeout(poll, delay);
}

/** A frame was blocked by this page's frame-src although its app is visible: the page is older than the app. */
function onCspViolation(e) {
  const directive = String(e.effectiveDirective || e.violatedDirective || '');
  if (!/^(frame-src|child-src|default-src)/.test(directive)) return;
  let origin;
  try { origin = new URL(e.blockedURI).origin; } catch { return; }
  if (![...state.apps.values()].some((a) => a.origin === origin)) return;
  try {
    const last = Number(sessionStorage.getItem('porticoCspReloadAt') || 0);
    if (Date.now() - last < 60000) return;
    sessionStorage.setItem('porticoCspReloadAt', String(Date.now()));
  } catch { return; }
  leave(() => location.reload());
}

// Exposed for tests and debugging: read-only facts, never used by the page itself.
Object.defineProperty(window, 'porticoShell', {
  value: Object.freeze({
    apps: () => [...state.apps.values()].map((a) => ({ ...a })),
    frameStates: () => Object.fromEntries([...state.frames].map(([id, f]) => [id, { state: f.state, visible: f.visible }])),
  }),
});

boot();
