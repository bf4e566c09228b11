// People: list and add.
import { h } from '../dom.js';
import { post, put, listAll, enc } from '../api.js';
import { setLeaveGuard } from '../router.js';
import { pageHeader, field, loading, errorState, emptyState, toast } from '../ui.js';
import { createPanel } from './common.js';

export async function renderPeople(view) {
  const addBtn = h('button', { type: 'button', class: 'btn btn-primary' }, 'Add person');
  view.append(pageHeader({ crumbs: [{ label: 'Admin', href: '/admin/' }, { label: 'People' }], title: 'People', actions: [addBtn],
    sub: 'Everyone who can sign in to your organization.' }));
  const body = h('div', {}, loading());
  view.append(body);
  let users; let roles;
  try {
    [users, roles] = await Promise.all([listAll('/api/v2/users?pageSize=500'), listAll('/api/v2/authorization/roles?pageSize=500').catch(() => [])]);
  } catch (err) { body.replaceChildren(errorState(err)); return; }

  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: '200' });
  const email = h('input', { type: 'email', autocomplete: 'off', maxlength: '254' });
  const password = h('input', { type: 'password', autocomplete: 'new-password' });
  const role = h('select', {}, h('option', { value: '' }, 'No role'),
    ...roles.slice().sort((a, b) => String(a.name).localeCompare(String(b.name))).map((r) => h('option', { value: r.id }, r.name)));
  const fields = [
    { key: 'name', wrap: field({ label: 'Full name', control: name }) },
    { key: 'email', wrap: field({ label: 'Email', control: email }) },
    { key: 'password', wrap: field({ label: 'Initial password', control: password, hint: 'Give it to the person so they can sign in.' }) },
    { key: 'role', wrap: field({ label: 'Role', control: role, hint: 'Optional. You can assign roles later under Roles.' }) },
  ];
  const panel = createPanel({ id: 'add-person', title: 'Add person', fields, submitLabel: 'Add person', opener: addBtn,
    onSubmit: async () => {
      const u = await post('/api/v2/users', { name: name.value.trim(), email: email.value.trim(), password: password.value });
      if (role.value) {
        try { await put(`/api/v2/authorization/roles/${enc(role.value)}/users/add`, [u.id]); } catch (err) { toast(`${u.name} was added, but the role was not assigned: ${err.message}`, 'error'); }
      }
      toast(`${u.name} was added.`);
      users.push(u);
      draw();
    } });
  setLeaveGuard(() => panel.isDirty());
  const tableSlot = h('div');
  const draw = () => {
    users.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    tableSlot.replaceChildren(users.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, 'People'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Email'))),
      h('tbody', {}, ...users.map((u) => h('tr', {}, h('th', { scope: 'row' }, u.name || ''), h('td', { 'data-label': 'Email' }, u.email || ''))))))
      : emptyState('Nobody here yet', 'Add the people of your organization.'));
  };
  draw();
  body.replaceChildren(panel, tableSlot);
}
