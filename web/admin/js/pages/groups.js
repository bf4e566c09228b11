// Groups: list, create (official by default), members.
import { h, clear } from '../dom.js';
import { get, post, api, listAll, enc } from '../api.js';
import { setLeaveGuard } from '../router.js';
import { pageHeader, field, loading, errorState, emptyState, alertBox, toast, busy, badge } from '../ui.js';
import { createPanel } from './common.js';

const crumbs = (extra) => [{ label: 'Admin', href: '/admin/' }, ...(extra ? [{ label: 'Groups', href: '/admin/groups' }, { label: extra }] : [{ label: 'Groups' }])];
const TYPE_LABEL = { official: 'Official', social: 'Social', distribution: 'Distribution' };
const typeBadge = (t) => badge(TYPE_LABEL[t] || t || '—', t === 'official' ? 'official' : 'neutral');

export async function renderGroups(view) {
  const addBtn = h('button', { type: 'button', class: 'btn btn-primary' }, 'Create group');
  view.append(pageHeader({ crumbs: crumbs(), title: 'Groups', actions: [addBtn],
    sub: 'Custom client applications are visible only to members of the official groups they are set up for.' }));
  const body = h('div', {}, loading());
  view.append(body);
  let groups;
  try { groups = await listAll('/api/v2/groups?pageSize=500'); } catch (err) { body.replaceChildren(errorState(err)); return; }

  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: '200' });
  const type = h('select', {}, h('option', { value: 'official' }, 'Official'), h('option', { value: 'social' }, 'Social'), h('option', { value: 'distribution' }, 'Distribution'));
  const description = h('input', { type: 'text', autocomplete: 'off', maxlength: '500' });
  const fields = [
    { key: 'name', wrap: field({ label: 'Group name', control: name }) },
    { key: 'type', wrap: field({ label: 'Group type', control: type, hint: 'Only official groups can be chosen for custom client applications.' }) },
    { key: 'description', wrap: field({ label: 'Description', control: description, hint: 'Optional.' }) },
  ];
  const panel = createPanel({ id: 'create-group', title: 'Create group', fields, submitLabel: 'Create group', opener: addBtn,
    onSubmit: async () => {
      const g = await post('/api/v2/groups', { name: name.value.trim(), type: type.value, description: description.value.trim() });
      toast(`Group “${g.name}” created.`);
      groups.push(g);
      draw();
    } });
  setLeaveGuard(() => panel.isDirty());
  const tableSlot = h('div');
  const draw = () => {
    groups.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    tableSlot.replaceChildren(groups.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, 'Groups'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Members'), h('th', { scope: 'col' }, 'Description'))),
      h('tbody', {}, ...groups.map((g) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `/admin/groups/${enc(g.id)}` }, g.name)),
        h('td', { 'data-label': 'Type' }, typeBadge(g.type)),
        h('td', { 'data-label': 'Members' }, typeof g.memberCount === 'number' ? String(g.memberCount) : '—'),
        h('td', { 'data-label': 'Description' }, g.description || ''))))))
      : emptyState('No groups yet', 'Create an official group, then add its members.'));
  };
  draw();
  body.replaceChildren(panel, tableSlot);
}

export async function renderGroup(view, id) {
  const body = h('div', {}, loading());
  view.append(body);
  let group; let members; let users;
  try {
    [group, members, users] = await Promise.all([
      get(`/api/v2/groups/${enc(id)}`).catch(async () => (await listAll('/api/v2/groups?pageSize=500')).find((g) => g.id === id)),
      listAll(`/api/v2/groups/${enc(id)}/members?pageSize=500`),
      listAll('/api/v2/users?pageSize=500'),
    ]);
    if (!group) throw new Error('This group does not exist.');
  } catch (err) { body.replaceChildren(pageHeader({ crumbs: crumbs('Group'), title: 'Group' }), errorState(err)); return; }

  const memberList = h('ul', { class: 'people-list' });
  const select = h('select', {});
  const addBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add member');
  const personField = field({ label: 'Person', control: select });
  const errSlot = h('div');
  const draw = () => {
    clear(memberList);
    const ids = new Set(members.map((m) => m.id));
    if (!members.length) memberList.append(h('li', { class: 'muted' }, 'This group has no members yet.'));
    for (const m of members.slice().sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
      const remove = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'aria-label': `Remove ${m.name || m.email}` }, 'Remove');
      remove.addEventListener('click', () => busy(remove, null, async () => {
        errSlot.replaceChildren();
        try {
          await api('DELETE', `/api/v2/groups/${enc(id)}/members?ids=${enc(m.id)}`, { memberIds: [m.id] });
          members = members.filter((x) => x.id !== m.id);
          toast(`${m.name} was removed from ${group.name}.`);
          draw();
          select.focus();
        } catch (err) { errSlot.append(alertBox('error', null, h('p', {}, err.message))); }
      }));
      memberList.append(h('li', { class: 'person' }, h('span', { class: 'person-name' }, m.name || m.id), h('span', { class: 'person-email' }, m.email || ''), remove));
    }
    clear(select);
    const candidates = users.filter((u) => !ids.has(u.id)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    select.append(h('option', { value: '' }, candidates.length ? 'Choose a person…' : 'Everyone is already a member'),
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
      if (!select.value) { personField.setError('Choose a person to add.'); select.focus(); return; }
      try {
        await post(`/api/v2/groups/${enc(id)}/members`, { memberIds: [select.value] });
        const u = users.find((x) => x.id === select.value);
        members.push(u);
        toast(`${u.name} was added to ${group.name}.`);
        draw();
        select.focus();
      } catch (err) { errSlot.append(alertBox('error', null, h('p', {}, err.message))); }
    });
  });
  body.replaceChildren(
    pageHeader({ crumbs: crumbs(group.name), title: group.name, sub: group.description || null, actions: [typeBadge(group.type)] }),
    group.type !== 'official' ? alertBox('info', null, h('p', {}, 'This group is not official, so it cannot be chosen for custom client applications.')) : null,
    h('section', { class: 'card-section', 'aria-labelledby': 'members-title' },
      h('h2', { class: 'section-title', id: 'members-title' }, 'Members'), memberList, form));
}
