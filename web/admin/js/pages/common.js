// Pieces shared by the Roles, Groups and People pages.
import { h } from '../dom.js';
import { alertBox, toast, busy } from '../ui.js';
import { ApiError } from '../api.js';

/**
 * A "create" panel opened by a button in the page header.
 * fields: [{key, wrap}] (wrap from ui.field/group); submit(values) -> Promise.
 */
export function createPanel({ id, title, fields, submitLabel, onSubmit, opener }) {
  const summary = h('div');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, 'Cancel');
  const form = h('form', { class: 'create-form', novalidate: true },
    summary, ...fields.map((f) => f.wrap), h('div', { class: 'inline-actions' }, submit, cancel));
  const titleId = `${id}-title`;
  const panel = h('section', { class: 'create-panel', id, hidden: true, 'aria-labelledby': titleId },
    h('h2', { class: 'section-title', id: titleId }, title), form);
  const setOpen = (open) => {
    panel.hidden = !open;
    opener.setAttribute('aria-expanded', String(open));
    if (open) { const first = form.querySelector('input, select, textarea'); if (first) first.focus(); } else opener.focus();
  };
  opener.setAttribute('aria-controls', id);
  opener.setAttribute('aria-expanded', 'false');
  opener.addEventListener('click', () => setOpen(panel.hidden));
  cancel.addEventListener('click', () => { form.reset(); clearErrors(); setOpen(false); });
  const clearErrors = () => { summary.replaceChildren(); fields.forEach((f) => f.wrap.setError && f.wrap.setError(null)); };
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel.click(); } });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, null, async () => {
      clearErrors();
      try {
        await onSubmit();
        form.reset();
        setOpen(false);
      } catch (err) {
        showFieldErrors(err, fields, summary);
      }
    });
  });
  panel.isDirty = () => !panel.hidden && [...form.querySelectorAll('input[type=text], input[type=email], input[type=password], textarea')].some((i) => i.value.trim() !== '');
  return panel;
}

/** Puts each problem next to its field (fieldName = key), the rest in `summary`. */
export function showFieldErrors(err, fields, summary) {
  if (!(err instanceof ApiError)) { summary.append(alertBox('error', null, h('p', {}, String(err.message || err)))); return; }
  const problems = err.fieldErrors();
  let focused = false;
  const rest = [];
  for (const p of problems) {
    const f = fields.find((x) => x.key === p.field || p.field.startsWith(`${x.key}.`) || p.field.startsWith(`${x.key}[`));
    if (f && f.wrap.setError) {
      f.wrap.setError(p.text);
      if (!focused) { const c = f.wrap.querySelector('input, select, textarea'); if (c) c.focus(); focused = true; }
    } else rest.push(p.message);
  }
  if (!problems.length || rest.length) summary.append(alertBox('error', null, h('p', {}, rest.length ? rest.join(' ') : err.message)));
}

export { toast };
