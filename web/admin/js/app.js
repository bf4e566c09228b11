// Entry point of the admin UI: session, top bar, routes.
import { h } from './dom.js';
import { get, post, setCsrfToken, onUnauthorized, ApiError } from './api.js';
import * as router from './router.js';
import { confirmLeave, field, alertBox, loading, errorState, pageHeader } from './ui.js';
import { renderIntegrations, renderCatalog } from './pages/integrations.js';
import { renderIntegration } from './pages/integration.js';
import { renderRoles, renderRole } from './pages/roles.js';
import { renderGroups, renderGroup } from './pages/groups.js';
import { renderPeople } from './pages/people.js';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
export const session = { me: null };

router.route(/^\/admin\/?$/, renderHome);
router.route(/^\/admin\/integrations\/?$/, renderIntegrations);
router.route(/^\/admin\/integrations\/new\/?$/, renderCatalog);
router.route(/^\/admin\/integrations\/([^/]+)\/?$/, (view, [id]) => renderIntegration(view, id, 'details'));
router.route(/^\/admin\/integrations\/([^/]+)\/(details|configuration)\/?$/, (view, [id, tab]) => renderIntegration(view, id, tab));
router.route(/^\/admin\/roles\/?$/, renderRoles);
router.route(/^\/admin\/roles\/([^/]+)\/?$/, (view, [id]) => renderRole(view, id));
router.route(/^\/admin\/groups\/?$/, renderGroups);
router.route(/^\/admin\/groups\/([^/]+)\/?$/, (view, [id]) => renderGroup(view, id));
router.route(/^\/admin\/people\/?$/, renderPeople);

function render(path) {
  if (!session.me) return;
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  const m = router.match(path.split('?')[0]);
  document.querySelectorAll('.topnav a').forEach((a) => a.removeAttribute('aria-current'));
  if (path.startsWith('/admin')) document.getElementById('nav-admin').setAttribute('aria-current', 'page');
  const done = m ? m.handler(view, m.params) : renderNotFound(view);
  Promise.resolve(done).catch((err) => { view.replaceChildren(errorState(err)); }).finally(() => {
    const title = view.querySelector('h1');
    document.title = `${title ? title.textContent : 'Admin'} · Portico Admin`;
  });
  // Move focus to the new page for keyboard and screen-reader users (not on first load).
  if (started) requestAnimationFrame(() => { const t = view.querySelector('h1') || main; t.focus({ preventScroll: false }); });
  started = true;
}
let started = false;

function renderNotFound(view) {
  view.append(pageHeader({ crumbs: [{ label: 'Admin', href: '/admin/' }], title: 'Page not found' }),
    h('p', {}, 'There is nothing at this address. ', h('a', { href: '/admin/' }, 'Go to Admin')));
}

function section(title, links, text) {
  const id = `sec-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return h('section', { class: 'home-section', 'aria-labelledby': id },
    h('h2', { id, class: 'home-section-title' }, title),
    text ? h('p', { class: 'home-section-text' }, text) : null,
    h('ul', { class: 'home-links' }, ...links.map(([label, href, desc]) => {
      const descId = `${id}-${label.toLowerCase()}`;
      return h('li', { class: 'home-item' }, h('a', { href, class: 'home-link', 'aria-describedby': descId }, label),
        h('p', { class: 'home-link-desc', id: descId }, desc));
    })));
}

function renderHome(view) {
  const org = session.me.organization && session.me.organization.name;
  view.append(
    pageHeader({ title: 'Admin', sub: org ? `Organization: ${org}` : null }),
    h('div', { class: 'home-grid' },
      section('Integrations', [['Integrations', '/admin/integrations', 'Install, configure and activate apps for your organization']]),
      section('People & Permissions', [
        ['Roles', '/admin/roles', 'Create roles, choose their permissions and assign people'],
        ['Groups', '/admin/groups', 'Official groups decide who sees each custom client application'],
        ['People', '/admin/people', 'Add people to your organization'],
      ])));
}

function renderLogin(message) {
  topbar.hidden = true;
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const errorSlot = h('div', { class: 'login-error' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Sign in');
  const form = h('form', { class: 'login-form', novalidate: true },
    errorSlot,
    field({ label: 'Email', control: email }),
    field({ label: 'Password', control: password }),
    submit);
  if (message) errorSlot.append(alertBox('info', null, h('p', {}, message)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorSlot.replaceChildren();
    if (!email.value.trim() || !password.value) {
      errorSlot.append(alertBox('error', null, h('p', {}, 'Enter your email and password.')));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    try {
      const res = await post('/login', { email: email.value.trim(), password: password.value });
      setCsrfToken(res && res.csrfToken);
      await startSession();
    } catch (err) {
      const msg = err instanceof ApiError && err.status === 401 ? 'The email or password is not correct.' : err.message;
      errorSlot.append(alertBox('error', null, h('p', {}, msg)));
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(h('div', { class: 'login-wrap' },
    h('div', { class: 'login-card' },
      h('div', { class: 'login-brand' }, h('img', { src: '/admin/img/logo.svg', alt: '', width: '32', height: '32' }), h('span', {}, 'Portico')),
      h('h1', { class: 'login-title' }, 'Sign in to Portico Admin'),
      form)));
  document.title = 'Sign in · Portico Admin';
  email.focus();
}

async function startSession() {
  let me;
  try {
    me = await get('/api/v2/users/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { session.me = null; renderLogin(); return; }
    main.replaceChildren(errorState(err, () => startSession()));
    return;
  }
  session.me = me;
  if (me.csrfToken) setCsrfToken(me.csrfToken);
  document.getElementById('user-name').textContent = me.name || me.email || '';
  topbar.hidden = false;
  if (!routerStarted) { routerStarted = true; router.start(render, confirmLeave); } else render(router.currentRoute());
}
let routerStarted = false;

document.getElementById('sign-out').addEventListener('click', async () => {
  if (!(await router.mayLeave())) return;
  router.setLeaveGuard(null);
  try { await post('/logout'); } catch { /* the session may be gone already */ }
  session.me = null;
  setCsrfToken(null);
  renderLogin('You are signed out.');
});

onUnauthorized(() => {
  if (!session.me) return;
  session.me = null;
  router.setLeaveGuard(null);
  renderLogin('Your session has ended. Sign in again to continue.');
});

main.replaceChildren(loading());
startSession();
