// Shared UI pieces: dialogs, toasts, form fields with inline errors, alerts.
import { h, uid, clear } from './dom.js';

/**
 * A modal dialog. buttons: [{label, value, kind}]; resolves with the value of
 * the button pressed, or `cancelValue` on Escape.
 */
export function dialog({ title, body = [], buttons, cancelValue = false }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg-title');
    const bodyId = uid('dlg-body');
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': bodyId });
    const done = (value) => { dlg.close(); dlg.remove(); resolve(value); };
    const btns = buttons.map((b) => h('button', {
      type: 'button', class: `btn ${b.kind === 'primary' ? 'btn-primary' : b.kind === 'danger' ? 'btn-danger' : 'btn-secondary'}`,
      onclick: () => done(b.value),
    }, b.label));
    dlg.append(
      h('h2', { id: titleId, class: 'dialog-title' }, title),
      h('div', { id: bodyId, class: 'dialog-body' }, ...[].concat(body).map((p) => (typeof p === 'string' ? h('p', {}, p) : p))),
      h('div', { class: 'dialog-actions' }, ...btns),
    );
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); done(cancelValue); });
    document.body.append(dlg);
    dlg.showModal();
    const focus = buttons.findIndex((b) => b.autofocus);
    btns[focus >= 0 ? focus : 0].focus();
  });
}

export function confirmLeave() {
  return dialog({
    title: 'Leave without saving?',
    body: 'You have changes that are not saved. If you leave this page, they will be lost.',
    buttons: [
      { label: 'Stay on this page', value: false, kind: 'secondary', autofocus: true },
      { label: 'Leave without saving', value: true, kind: 'danger' },
    ],
  });
}

export function toast(message, kind = 'success') {
  const region = document.getElementById('toasts');
  const el = h('div', { class: `toast toast-${kind}` }, message);
  region.append(el);
  setTimeout(() => el.classList.add('toast-leaving'), 3600);
  setTimeout(() => el.remove(), 4000);
}

/**
 * A labelled form field. control: an input/select/textarea element (its id is
 * set here). Returns the wrapper; wrapper.control, wrapper.setError(msg).
 */
export function field({ label, control, hint, required = false, name }) {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const described = [];
  const hintEl = hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null;
  if (hintEl) described.push(hintId);
  const errEl = h('p', { class: 'field-error', id: errId, hidden: true });
  described.push(errId);
  control.setAttribute('aria-describedby', described.join(' '));
  const wrap = h('div', { class: 'field', dataset: name ? { field: name } : {} },
    h('label', { for: id, class: 'field-label' }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control, hintEl, errEl);
  wrap.control = control;
  wrap.setError = (msg) => setError(wrap, errEl, control, msg);
  return wrap;
}

function setError(wrap, errEl, control, msg) {
  if (msg) {
    errEl.textContent = msg;
    errEl.hidden = false;
    wrap.classList.add('has-error');
    control.setAttribute('aria-invalid', 'true');
  } else {
    errEl.textContent = '';
    errEl.hidden = true;
    wrap.classList.remove('has-error');
    control.removeAttribute('aria-invalid');
  }
}

/** A fieldset-style group (legend + content) with its own error line. */
export function group({ legend, hint, content, name }) {
  const errEl = h('p', { class: 'field-error', hidden: true, id: uid('gerr') });
  const hintEl = hint ? h('p', { class: 'field-hint' }, hint) : null;
  const fs = h('fieldset', { class: 'field fieldset', dataset: name ? { field: name } : {}, 'aria-describedby': errEl.id },
    h('legend', { class: 'field-label' }, legend), hintEl, ...[].concat(content), errEl);
  fs.setError = (msg) => {
    errEl.textContent = msg || '';
    errEl.hidden = !msg;
    fs.classList.toggle('has-error', !!msg);
  };
  return fs;
}

export function alertBox(kind, title, ...content) {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'note' },
    title ? h('p', { class: 'alert-title' }, title) : null, ...content);
}

/** A warning that updates in place; show(text|null). */
export function warning(className = '') {
  const el = h('div', { class: `alert alert-warning ${className}`, role: 'status', hidden: true });
  el.show = (title, text) => {
    clear(el);
    if (!title) { el.hidden = true; return; }
    el.append(h('p', { class: 'alert-title' }, title));
    if (text) el.append(h('p', {}, text));
    el.hidden = false;
  };
  return el;
}

export function pageHeader({ crumbs = [], title, actions = [], sub }) {
  return h('div', { class: 'page-header' },
    crumbs.length ? h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('ol', {}, ...crumbs.map((c) => h('li', {}, c.href ? h('a', { href: c.href }, c.label) : h('span', { 'aria-current': 'page' }, c.label))))) : null,
    h('div', { class: 'page-title-row' },
      h('div', { class: 'page-title-text' }, h('h1', { class: 'page-title', tabindex: '-1' }, title), sub ? h('p', { class: 'page-sub' }, sub) : null),
      actions.length ? h('div', { class: 'page-actions' }, ...actions) : null));
}

export function emptyState(title, text, action) {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, title), text ? h('p', {}, text) : null, action || null);
}

export function loading(text = 'Loading…') { return h('p', { class: 'loading', role: 'status' }, text); }

export function errorState(err, retry) {
  return alertBox('error', 'Something went wrong', h('p', {}, err && err.message ? err.message : String(err)),
    retry ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', onclick: retry }, 'Try again') : null);
}

export function badge(text, kind) { return h('span', { class: `badge badge-${kind}` }, text); }

/** Sets a button busy (disabled + label) while fn runs. */
export async function busy(button, label, fn) {
  const old = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (label) button.textContent = label;
  try { return await fn(); } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = old;
  }
}
