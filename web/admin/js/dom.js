// Tiny DOM helpers. Every piece of text goes in through textContent (or a
// text node), never through innerHTML, so data from the server is never
// parsed as markup.

/**
 * h('button', {class: 'btn', onclick: fn, type: 'button'}, 'Save')
 * attrs: class, text, dataset, on<event> (addEventListener), hidden/disabled/…
 * (booleans), anything else via setAttribute. Children: nodes, strings
 * (text nodes), arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { el.replaceChildren(); return el; }

let idCounter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'id') { idCounter += 1; return `${prefix}-${idCounter}`; }

/** Only URLs the page's CSP allows for images (https:, data:, same origin). */
export function safeImageUrl(uri) {
  if (typeof uri !== 'string' || !uri) return null;
  try {
    const u = new URL(uri, location.origin);
    if (u.protocol === 'https:' || u.protocol === 'data:') return u.href;
    if (u.origin === location.origin) return u.href;
  } catch { /* not a URL */ }
  return null;
}

/** Initials for an avatar or a card without an image. */
export function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => w[0]).join('') || '?').toUpperCase();
}
