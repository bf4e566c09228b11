// Roles: list, create with permissions, and assign people.
import { h, clear } from '../dom.js';
import { get, post, put, listAll, enc } from '../api.js';
import { navigate, setLeaveGuard } from '../router.js';
import { pageHeader, field, group, loading, errorState, emptyState, alertBox, toast, busy } from '../ui.js';
import { createPanel } from './common.js';

const crumbs = (extra) => [{ label: 'Admin', href: '/admin/' }, ...(extra ? [{ label: 'Roles', href: '/admin/roles' }, { label: extra }] : [{ label: 'Roles' }])];

export function policyText(p) {
  const actions = Array.isArray(p.actionSet) ? p.actionSet : [];
  return `${p.domain}:${p.entityName}:${actions.length === 1 ? actions[0] : `{${actions.join(',')}}`}`;
}

function permissionPicker(permissions) {
  // One row per domain:entity with a checkbox for each action and for "all".
  const rows = permissions.map((p) => {
    const key = `${p.domain}:${p.entityName}`;
    const actions = (p.actions || []).map((a) => h('label', { class: 'perm-action' }, h('input', { type: 'checkbox', value: a, dataset: { key } }), h('span', {}, a)));
    const all = h('input', { type: 'checkbox', value: '*', dataset: { key, all: '1' } });
    all.addEventListener('change', () => actions.forEach((l) => { const b = l.querySelector('input'); b.checked = all.checked; b.disabled = all.checked; }));
    return h('div', { class: 'perm-row', role: 'group', 'aria-label': key },
      h('span', { class: 'perm-name' }, key),
      h('div', { class: 'perm-actions' }, h('label', { class: 'perm-action perm-all' }, all, h('span', {}, 'All')), ...actions));
  });
  const box = h('div', { class: 'perm-grid' }, ...rows);
  box.read = () => {
    const out = new Map();
    box.querySelectorAll('input[type=checkbox]:checked').forEach((b) => {
      const [domain, entityName] = b.dataset.key.split(':');
      if (!out.has(b.dataset.key)) out.set(b.dataset.key, { domain, entityName, actionSet: [] });
      const pol = out.get(b.dataset.key);
      if (b.dataset.all) pol.actionSet = ['*']; else if (!pol.actionSet.includes('*')) pol.actionSet.push(b.value);
    });
    return [...out.values()];
  };
  return box;
}

export async function renderRoles(view) {
  const addBtn = h('button', { type: 'button', class: 'btn btn-primary' }, 'Create role');
  view.append(pageHeader({ crumbs: crumbs(), title: 'Roles', actions: [addBtn],
    sub: 'A role holds permissions. An app is usable only by people who hold one of its roles.' }));
  const body = h('div', {}, loading());
  view.append(body);
  let roles; let permissions;
  try {
    [roles, permissions] = await Promise.all([
      listAll('/api/v2/authorization/roles?pageSize=500'),
      get('/api/v2/authorization/permissions?pageSize=500').then((r) => (r && r.entities) || []).catch(() => []),
    ]);
  } catch (err) { body.replaceChildren(errorState(err)); return; }

  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: '200' });
  const description = h('input', { type: 'text', autocomplete: 'off', maxlength: '500' });
  const picker = permissionPicker(permissions);
  const fields = [
    { key: 'name', wrap: field({ label: 'Role name', control: name }) },
    { key: 'description', wrap: field({ label: 'Description', control: description, hint: 'Optional.' }) },
    { key: 'permissionPolicies', wrap: group({ legend: 'Permissions', hint: 'What holders of this role may do. A role used only to give people access to an app needs no permissions.', content: permissions.length ? picker : h('p', { class: 'field-hint' }, 'No permissions are listed by the server.') }) },
  ];
  const panel = createPanel({ id: 'create-role', title: 'Create role', fields, submitLabel: 'Create role', opener: addBtn,
    onSubmit: async () => {
      const role = await post('/api/v2/authorization/roles', { name: name.value.trim(), description: description.value.trim(), permissionPolicies: picker.read() });
      toast(`Role “${role.name}” created. Now assign people to it.`);
      setLeaveGuard(null);
      navigate(`/admin/roles/${enc(role.id)}`);
    } });
  setLeaveGuard(() => panel.isDirty());
  roles.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const table = roles.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
    h('caption', { class: 'sr-only' }, 'Roles'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, 'Permissions'))),
    h('tbody', {}, ...roles.map((r) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/admin/roles/${enc(r.id)}` }, r.name)),
      h('td', { 'data-label': 'Description' }, r.description || ''),
      h('td', { 'data-label': 'Permissions' }, (r.permissionPolicies || []).length
        ? h('ul', { class: 'plain-list mono' }, ...(r.permissionPolicies || []).map((p) => h('li', {}, policyText(p)))) : h('span', { class: 'muted' }, 'None')))))))
    : emptyState('No roles yet', 'Create a role, then give it to people.');
  body.replaceChildren(panel, table);
}

export async function renderRole(view, id) {
  const body = h('div', {}, loading());
  view.append(body);
  let role; let members; let users;
  try {
    const roles = await listAll('/api/v2/authorization/roles?pageSize=500');
    role = roles.find((r) => r.id === id);
    if (!role) role = await get(`/api/v2/authorization/roles/${enc(id)}`);
    [members, users] = await Promise.all([
      listAll(`/api/v2/authorization/roles/${enc(id)}/users?pageSize=500`),
      listAll('/api/v2/users?pageSize=500'),
    ]);
  } catch (err) { body.replaceChildren(pageHeader({ crumbs: crumbs('Role'), title: 'Role' }), errorState(err)); return; }

  const memberList = h('ul', { class: 'people-list' });
  const select = h('select', {});
  const addBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Assign role');
  const personField = field({ label: 'Person', control: select });
  const errSlot = h('div');
  const draw = () => {
    clear(memberList);
    const ids = new Set(members.map((m) => m.id));
    if (!members.length) memberList.append(h('li', { class: 'muted' }, 'Nobody has this role yet.'));
    for (const m of members.slice().sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
      const remove = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'aria-label': `Remove the role from ${m.name || m.email}` }, 'Remove');
      remove.addEventListener('click', () => busy(remove, null, async () => {
        errSlot.replaceChildren();
        try {
          await put(`/api/v2/authorization/roles/${enc(id)}/users/remove`, [m.id]);
          members = members.filter((x) => x.id !== m.id);
          toast(`${m.name} no longer has the role “${role.name}”.`);
          draw();
          select.focus();
        } catch (err) { errSlot.append(alertBox('error', null, h('p', {}, err.message))); }
      }));
      memberList.append(h('li', { class: 'person' }, h('span', { class: 'person-name' }, m.name || m.email || m.id), h('span', { class: 'person-email' }, m.email || ''), remove));
    }
    clear(select);
    const candidates = users.filter((u) => !ids.has(u.id)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    select.append(h('option', { value: '' }, candidates.length ? 'Choose a person…' : 'Everyone already has this role'),
      ...candidates.map((u) => h('option', { value: u.id }, `${u.name} (${u.email})`)));
    select.disabled = !candidates.length;
    addBtn.disabled = !candidates.length;
  };
  draw();
  const form = h('form', { class: 'assign-form', novalidate: true }, errSlot, personField, addBtn);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(addBtn, null, async () => {
      errSlot.replaceChildren(); personField.setError(null);
      if (!select.value) { personField.setError('Choose a person to give this role to.'); select.focus(); return; }
      try {
        await put(`/api/v2/authorization/roles/${enc(id)}/users/add`, [select.value]);
        const u = users.find((x) => x.id === select.value);
        members.push(u);
        toast(`${u.name} now has the role “${role.name}”.`);
        draw();
        select.focus();
      } catch (err) { errSlot.append(alertBox('error', null, h('p', {}, err.message))); }
    });
  });
  body.replaceChildren(
    pageHeader({ crumbs: crumbs(role.name), title: role.name, sub: role.description || null }),
    h('div', { class: 'two-col' },
      h('section', { class: 'card-section', 'aria-labelledby': 'people-title' },
        h('h2', { class: 'section-title', id: 'people-title' }, 'People with this role'), memberList, form),
      h('section', { class: 'card-section', 'aria-labelledby': 'perm-title' },
        h('h2', { class: 'section-title', id: 'perm-title' }, 'Permissions'),
        (role.permissionPolicies || []).length
          ? h('ul', { class: 'plain-list mono' }, ...role.permissionPolicies.map((p) => h('li', {}, policyText(p))))
          : h('p', { class: 'muted' }, 'This role holds no permissions. It can still be used to give people access to apps.'))));
}
