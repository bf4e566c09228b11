// Path router for /admin/…: the server answers every extension-less
// /admin/… path with index.html, so each route can be reloaded or bookmarked.
// A page may set a leave guard (unsaved changes); in-app navigation asks it first.

const routes = [];
let guard = null;        // () => boolean: true while there are unsaved changes
let confirmLeave = async () => true;
let currentPath = null;
let renderFn = null;

export const BASE = '/admin';

export function route(pattern, handler) { routes.push({ pattern, handler }); }

/** isDirty: () => true while the page has unsaved changes. Cleared on every navigation. */
export function setLeaveGuard(isDirty) { guard = isDirty; }

export function match(path) {
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) return { handler: r.handler, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

export async function mayLeave() {
  if (!guard || !guard()) return true;
  const ok = await confirmLeave();
  if (ok) guard = null;
  return ok;
}

export async function navigate(path, { replace = false, force = false } = {}) {
  if (!force && path === currentPath) return;
  if (!force && !(await mayLeave())) return;
  guard = null;
  if (replace) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  currentPath = path;
  renderFn(path);
}

export function currentRoute() { return location.pathname + location.search; }

/** render(path) draws a route; ask() resolves true when the person agrees to lose changes. */
export function start(render, ask) {
  renderFn = render;
  if (ask) confirmLeave = ask;
  currentPath = currentRoute();
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(BASE + '/'))) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', async () => {
    const target = currentRoute();
    if (target === currentPath) return;
    if (guard && guard()) {
      // The URL has already changed: put it back while we ask.
      const wanted = target;
      history.pushState({}, '', currentPath);
      if (!(await mayLeave())) return;
      history.replaceState({}, '', wanted);
    }
    guard = null;
    currentPath = target;
    renderFn(target);
  });
  window.addEventListener('beforeunload', (e) => {
    if (guard && guard()) { e.preventDefault(); e.returnValue = ''; }
  });
  renderFn(currentPath);
}

/** Changes the address without drawing the page again (e.g. a tab change). */
export function replacePath(path) {
  if (path === currentPath) return;
  history.replaceState({}, '', path);
  currentPath = path;
}
