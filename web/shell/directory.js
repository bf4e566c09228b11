// Directory pages: the people and the groups of the organization.
import { api, listAll, ApiError } from './api.js';
import { h, replace, initials, icon, ICONS } from './dom.js';

const enc = encodeURIComponent;

function pageHeader(title, subtitle, extra) {
  return h('div', { class: 'page-header' },
    h('div', {},
      h('h1', { class: 'page-title', text: title }),
      subtitle ? h('p', { class: 'page-subtitle', text: subtitle }) : null),
    extra || null);
}

function tabs(active) {
  return h('nav', { class: 'subnav', 'aria-label': 'Directory' },
    h('a', { href: '#/directory/people', class: 'subnav-link', 'aria-current': active === 'people' ? 'page' : null }, icon(ICONS.people), 'People'),
    h('a', { href: '#/directory/groups', class: 'subnav-link', 'aria-current': active === 'groups' ? 'page' : null }, icon(ICONS.group), 'Groups'));
}

function loading(text) {
  return h('div', { class: 'state-msg', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { text }));
}

function problem(err, what) {
  const msg = err instanceof ApiError && err.status === 404 ? `This ${what} could not be found. It may have been removed.` : err.message || String(err);
  return h('div', { class: 'state-msg state-error', role: 'alert' }, h('span', { text: msg }));
}

function avatar(name, cls = '') {
  return h('span', { class: `avatar ${cls}`.trim(), 'aria-hidden': 'true', text: initials(name) });
}

function searchBox(label, onInput) {
  const input = h('input', { type: 'search', class: 'search-input', placeholder: label, 'aria-label': label, autocomplete: 'off' });
  input.addEventListener('input', () => onInput(input.value.trim().toLowerCase()));
  return h('div', { class: 'search' }, icon(ICONS.search), input);
}

function typeLabel(type) {
  return { official: 'Official', social: 'Social', distribution: 'Distribution' }[type] || (type ? String(type) : 'Group');
}

/** Renders one directory route into `root`; `isCurrent()` tells whether the route is still shown. */
export async function renderDirectory(root, route, isCurrent) {
  if (route.view === 'people') return people(root, isCurrent);
  if (route.view === 'person') return person(root, route.id, isCurrent);
  if (route.view === 'groups') return groups(root, isCurrent);
  if (route.view === 'group') return group(root, route.id, isCurrent);
  return undefined;
}

async function people(root, isCurrent) {
  const body = h('div', { class: 'page-body' }, loading('Loading people…'));
  replace(root, h('div', { class: 'page' }, tabs('people'), pageHeader('People', 'Everyone in your organization.'), body));
  let users;
  try { users = await listAll('/api/v2/users'); } catch (e) { if (isCurrent()) replace(body, problem(e, 'list')); return; }
  if (!isCurrent()) return;
  users.sort((a, b) => String(a.name || '').localeCompare(String(b.name || ''), undefined, { sensitivity: 'base' }));
  const list = h('ul', { class: 'entity-list', 'aria-label': 'People' });
  const empty = h('p', { class: 'state-msg', hidden: true, text: 'No one matches your search.' });
  const rows = users.map((u) => {
    const name = String(u.name || u.email || 'Unnamed');
    const li = h('li', { class: 'entity-row' },
      h('a', { class: 'entity-link', href: `#/directory/people/${enc(u.id)}` },
        avatar(name),
        h('span', { class: 'entity-main' },
          h('span', { class: 'entity-name', text: name }),
          u.email ? h('span', { class: 'entity-sub', text: String(u.email) }) : null),
        u.title ? h('span', { class: 'entity-meta', text: String(u.title) }) : null));
    li.dataset.search = `${name} ${u.email || ''} ${u.title || ''}`.toLowerCase();
    return li;
  });
  rows.forEach((r) => list.appendChild(r));
  const count = h('p', { class: 'list-count', text: `${users.length} ${users.length === 1 ? 'person' : 'people'}` });
  const search = searchBox('Search people by name or email', (q) => {
    let shown = 0;
    for (const r of rows) { const hit = !q || r.dataset.search.includes(q); r.hidden = !hit; if (hit) shown++; }
    empty.hidden = shown !== 0;
  });
  replace(body, h('div', { class: 'list-tools' }, search, count), users.length ? list : h('p', { class: 'state-msg', text: 'No people yet.' }), empty);
}

async function person(root, id, isCurrent) {
  const body = h('div', { class: 'page-body' }, loading('Loading profile…'));
  replace(root, h('div', { class: 'page' }, tabs('people'),
    h('a', { class: 'back-link', href: '#/directory/people' }, icon(ICONS.back), 'All people'), body));
  let u;
  try { ({ body: u } = await api('GET', `/api/v2/users/${enc(id)}`)); } catch (e) { if (isCurrent()) replace(body, problem(e, 'person')); return; }
  if (!isCurrent()) return;
  const name = String(u.name || u.email || 'Unnamed');
  const facts = [
    ['Email', u.email],
    ['Title', u.title],
    ['Department', u.department],
    ['Language', u.languageTag],
  ].filter(([, v]) => typeof v === 'string' && v);
  replace(body, h('section', { class: 'profile card', 'aria-labelledby': 'profile-name', dataset: { userId: String(u.id || id) } },
    h('div', { class: 'profile-head' },
      avatar(name, 'avatar-lg'),
      h('div', {},
        h('h1', { class: 'page-title', id: 'profile-name', text: name }),
        u.title ? h('p', { class: 'page-subtitle', text: String(u.title) }) : null)),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })]))));
}

async function groups(root, isCurrent) {
  const body = h('div', { class: 'page-body' }, loading('Loading groups…'));
  replace(root, h('div', { class: 'page' }, tabs('groups'), pageHeader('Groups', 'The groups of your organization.'), body));
  let list;
  try { list = await listAll('/api/v2/groups'); } catch (e) { if (isCurrent()) replace(body, problem(e, 'list')); return; }
  if (!isCurrent()) return;
  list.sort((a, b) => String(a.name || '').localeCompare(String(b.name || ''), undefined, { sensitivity: 'base' }));
  const ul = h('ul', { class: 'entity-list', 'aria-label': 'Groups' });
  const empty = h('p', { class: 'state-msg', hidden: true, text: 'No group matches your search.' });
  const rows = list.map((g) => {
    const name = String(g.name || 'Unnamed group');
    const members = Number.isFinite(g.memberCount) ? `${g.memberCount} ${g.memberCount === 1 ? 'member' : 'members'}` : null;
    const li = h('li', { class: 'entity-row' },
      h('a', { class: 'entity-link', href: `#/directory/groups/${enc(g.id)}` },
        avatar(name, 'avatar-group'),
        h('span', { class: 'entity-main' },
          h('span', { class: 'entity-name', text: name }),
          g.description ? h('span', { class: 'entity-sub', text: String(g.description) }) : null),
        members ? h('span', { class: 'entity-meta', text: members }) : null,
        h('span', { class: `tag tag-${g.type === 'official' ? 'official' : 'other'}`, text: typeLabel(g.type) })));
    li.dataset.search = `${name} ${g.description || ''}`.toLowerCase();
    return li;
  });
  rows.forEach((r) => ul.appendChild(r));
  const search = searchBox('Search groups', (q) => {
    let shown = 0;
    for (const r of rows) { const hit = !q || r.dataset.search.includes(q); r.hidden = !hit; if (hit) shown++; }
    empty.hidden = shown !== 0;
  });
  const count = h('p', { class: 'list-count', text: `${list.length} ${list.length === 1 ? 'group' : 'groups'}` });
  replace(body, h('div', { class: 'list-tools' }, search, count), list.length ? ul : h('p', { class: 'state-msg', text: 'No groups yet.' }), empty);
}

async function group(root, id, isCurrent) {
  const body = h('div', { class: 'page-body' }, loading('Loading group…'));
  replace(root, h('div', { class: 'page' }, tabs('groups'),
    h('a', { class: 'back-link', href: '#/directory/groups' }, icon(ICONS.back), 'All groups'), body));
  let g; let members;
  try {
    ({ body: g } = await api('GET', `/api/v2/groups/${enc(id)}`));
    members = await listAll(`/api/v2/groups/${enc(id)}/members`);
  } catch (e) {
    if (isCurrent()) replace(body, problem(e, 'group'));
    return;
  }
  if (!isCurrent()) return;
  const name = String(g.name || 'Unnamed group');
  members.sort((a, b) => String(a.name || '').localeCompare(String(b.name || ''), undefined, { sensitivity: 'base' }));
  const ul = h('ul', { class: 'entity-list', 'aria-label': 'Members' },
    members.map((u) => {
      const n = String(u.name || u.email || 'Unnamed');
      return h('li', { class: 'entity-row' },
        h('a', { class: 'entity-link', href: `#/directory/people/${enc(u.id)}` },
          avatar(n),
          h('span', { class: 'entity-main' },
            h('span', { class: 'entity-name', text: n }),
            u.email ? h('span', { class: 'entity-sub', text: String(u.email) }) : null)));
    }));
  replace(body, h('section', { class: 'profile card', 'aria-labelledby': 'group-name', dataset: { groupId: String(g.id || id) } },
    h('div', { class: 'profile-head' },
      avatar(name, 'avatar-lg avatar-group'),
      h('div', {},
        h('h1', { class: 'page-title', id: 'group-name', text: name }),
        h('p', { class: 'page-subtitle' }, h('span', { class: `tag tag-${g.type === 'official' ? 'official' : 'other'}`, text: typeLabel(g.type) })),
        g.description ? h('p', { class: 'group-description', text: String(g.description) }) : null))),
  h('h2', { class: 'section-title', text: `Members (${members.length})` }),
  members.length ? ul : h('p', { class: 'state-msg', text: 'This group has no members yet.' }));
}
