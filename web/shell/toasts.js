// Toast notifications. Everything an app sends is shown as plain text.
import { h, icon, ICONS } from './dom.js';
import { clip } from './lib.js';

const MAX_VISIBLE = 5;
const TYPES = ['info', 'error', 'success'];

let container = null;
const byKey = new Map(); // `${appId}\n${id}` -> toast record

export function initToasts(el) { container = el; }

function remove(rec) {
  clearTimeout(rec.timer);
  rec.el.remove();
  if (rec.key) byKey.delete(rec.key);
}

/**
 * Shows (or, for a known id of the same app, replaces) a toast.
 * opts: {appId, source, title, message, type, timeout (s), showCloseButton, id}
 */
export function showToast(opts) {
  if (!container) return null;
  const type = TYPES.includes(opts.type) ? opts.type : 'info';
  const title = clip(opts.title, 200);
  const message = clip(opts.message, 2000);
  let timeout = Number(opts.timeout);
  if (opts.timeout === undefined || opts.timeout === null || !Number.isFinite(timeout) || timeout < 0) timeout = 7;
  timeout = Math.min(timeout, 3600);
  const closable = opts.showCloseButton === true || timeout === 0;
  const key = typeof opts.id === 'string' || typeof opts.id === 'number' ? `${opts.appId}\n${clip(opts.id, 200)}` : null;

  const old = key ? byKey.get(key) : null;
  const rec = { key, timer: null };
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification', onclick: () => remove(rec) }, icon(ICONS.close));
  rec.el = h('div', { class: `toast toast-${type}`, role: type === 'error' ? 'alert' : 'status', dataset: { type, appId: opts.appId || '' } },
    h('div', { class: 'toast-body' },
      title ? h('div', { class: 'toast-title', text: title }) : null,
      message ? h('div', { class: 'toast-message', text: message }) : null,
      opts.source ? h('div', { class: 'toast-source', text: opts.source }) : null),
    closable ? close : null);

  if (old) {
    clearTimeout(old.timer);
    old.el.replaceWith(rec.el);
  } else {
    container.appendChild(rec.el);
    while (container.children.length > MAX_VISIBLE) {
      const first = container.firstElementChild;
      const stale = [...byKey.values()].find((r) => r.el === first);
      if (stale) remove(stale); else first.remove();
    }
  }
  if (key) byKey.set(key, rec);
  if (timeout > 0) rec.timer = setTimeout(() => remove(rec), timeout * 1000);
  return rec.el;
}

/** Removes every toast an app showed (when the app goes away). */
export function clearToastsOf(appId) {
  for (const el of [...container.querySelectorAll('.toast')]) {
    if (el.dataset.appId === appId) {
      const rec = [...byKey.values()].find((r) => r.el === el);
      if (rec) remove(rec); else el.remove();
    }
  }
}
