// One integration: tabs "Details" (Name, Permissions, Inactive/Active) and
// "Configuration" (the type's properties), one Save for both tabs.
import { h, uid, clear } from '../dom.js';
import { get, put, patch, post, del, listAll, enc, ApiError } from '../api.js';
import { navigate, setLeaveGuard, replacePath } from '../router.js';
import { pageHeader, field, group, alertBox, warning, loading, errorState, dialog, toast, badge, busy } from '../ui.js';
import { isActive, SANDBOX_OPTIONS, ALLOW_FEATURES, splitList } from '../labels.js';

const FEATURED_ROLES = 5;
const KNOWN_ORDER = ['url', 'displayType', 'featureCategory', 'sandbox', 'permissions', 'groups'];

export async function renderIntegration(view, id, tab) {
  const body = h('div', {}, loading());
  view.append(body);
  let data;
  try {
    data = await load(id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      body.replaceChildren(pageHeader({ crumbs: crumbs(), title: 'Integration not found' }),
        h('p', {}, 'This integration does not exist or was deleted. ', h('a', { href: '/admin/integrations' }, 'Back to Integrations')));
      return;
    }
    body.replaceChildren(errorState(err, () => { view.replaceChildren(); renderIntegration(view, id, tab); }));
    return;
  }
  body.remove();
  new IntegrationEditor(view, data, tab).render();
}

function crumbs(name) {
  return [{ label: 'Admin', href: '/admin/' }, { label: 'Integrations', href: '/admin/integrations' }, ...(name ? [{ label: name }] : [])];
}

async function load(id) {
  const integration = await get(`/api/v2/integrations/${enc(id)}`);
  const typeId = (integration.integrationType && integration.integrationType.id) || 'embedded-client-app';
  const [config, roles, groups, schema] = await Promise.all([
    get(`/api/v2/integrations/${enc(id)}/config/current`),
    listAll('/api/v2/authorization/roles?pageSize=500').catch((e) => ({ error: e })),
    listAll('/api/v2/groups?pageSize=500').catch((e) => ({ error: e })),
    get(`/api/v2/integrations/types/${enc(typeId)}/configschemas/properties`).catch(() => null),
  ]);
  return { integration, config, roles, groups, schema, typeId };
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

class IntegrationEditor {
  constructor(view, data, tab) {
    this.view = view;
    this.integration = data.integration;
    this.config = data.config || {};
    this.roles = Array.isArray(data.roles) ? data.roles.slice().sort((a, b) => String(a.name).localeCompare(String(b.name))) : [];
    this.rolesError = data.roles && data.roles.error;
    this.groups = Array.isArray(data.groups) ? data.groups : [];
    this.groupsError = data.groups && data.groups.error;
    this.schema = data.schema;
    this.typeId = data.typeId;
    this.tab = tab === 'configuration' ? 'configuration' : 'details';
    this.fields = {};          // property key -> field wrapper (has .read(), .setError)
    this.selectedGroups = [];  // group ids
    this.resetSaved();
  }

  get id() { return this.integration.id; }
  get typeName() { return (this.integration.integrationType && this.integration.integrationType.name) || 'Custom Client Application'; }

  resetSaved() {
    const props = (this.config && this.config.properties) || {};
    this.saved = {
      name: this.integration.name || this.config.name || '',
      roles: (this.integration.roles || []).map((r) => r.id),
      props: JSON.parse(JSON.stringify(props)),
    };
  }

  // ---- layout --------------------------------------------------------------

  render() {
    const v = this.view;
    clear(v);
    this.titleEl = null;
    const header = pageHeader({ crumbs: crumbs(this.saved.name), title: this.saved.name || this.typeName,
      sub: this.saved.name && this.saved.name !== this.typeName ? this.typeName : null });
    this.titleEl = header.querySelector('h1');
    this.headerBadge = h('span', { class: 'header-badge' });
    this.titleEl.after(this.headerBadge);
    this.banner = h('div', { class: 'banner-slot' });
    this.summary = h('div', { class: 'summary-slot' });

    const tabs = [['details', 'Details'], ['configuration', 'Configuration']];
    this.tabButtons = {};
    this.panels = {};
    const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Integration settings' });
    for (const [key, label] of tabs) {
      const btn = h('button', { type: 'button', role: 'tab', id: `tab-${key}`, 'aria-controls': `panel-${key}`, class: 'tab' },
        h('span', {}, label), h('span', { class: 'tab-dot', 'aria-hidden': 'true' }));
      btn.addEventListener('click', () => this.selectTab(key, true));
      btn.addEventListener('keydown', (e) => {
        if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
          e.preventDefault();
          const i = tabs.findIndex(([k]) => k === key);
          const n = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
          this.selectTab(tabs[n][0], true);
          this.tabButtons[tabs[n][0]].focus();
        }
      });
      this.tabButtons[key] = btn;
      tablist.append(btn);
    }
    this.panels.details = h('div', { role: 'tabpanel', id: 'panel-details', 'aria-labelledby': 'tab-details', class: 'panel' }, ...this.detailsPanel());
    this.panels.configuration = h('div', { role: 'tabpanel', id: 'panel-configuration', 'aria-labelledby': 'tab-configuration', class: 'panel' }, ...this.configPanel());

    this.saveBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save');
    this.discardBtn = h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => this.discard() }, 'Discard changes');
    this.saveState = h('p', { class: 'save-state', role: 'status' });
    const actions = h('div', { class: 'form-actions' }, this.saveState, h('div', { class: 'form-actions-buttons' }, this.discardBtn, this.saveBtn));

    this.form = h('form', { class: 'integration-form', novalidate: true, 'aria-labelledby': this.titleEl.id || undefined },
      this.summary, tablist, this.panels.details, this.panels.configuration, actions);
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.save(); });
    this.form.addEventListener('input', () => this.refresh());
    this.form.addEventListener('change', () => this.refresh());

    v.append(header, this.banner, this.form);
    this.selectTab(this.tab, false);
    this.updateStatus();
    this.refresh();
    setLeaveGuard(() => this.isDirty());
  }

  selectTab(key, fromUser) {
    this.tab = key;
    for (const [k, btn] of Object.entries(this.tabButtons)) {
      const on = k === key;
      btn.setAttribute('aria-selected', on ? 'true' : 'false');
      btn.tabIndex = on ? 0 : -1;
      this.panels[k].hidden = !on;
    }
    if (fromUser) replacePath(`/admin/integrations/${enc(this.id)}${key === 'configuration' ? '/configuration' : ''}`);
  }

  // ---- Details tab ----------------------------------------------------------

  detailsPanel() {
    const nameInput = h('input', { type: 'text', name: 'name', value: this.saved.name, autocomplete: 'off', maxlength: '200' });
    this.nameField = field({ label: 'Name', control: nameInput, name: 'name',
      hint: `Optional. Give the app a different name; people see this name. Defaults to “${this.typeName}”.` });

    // Status switch (seed: "Click the Inactive switch to make the application Active").
    this.switchLabel = h('span', { class: 'switch-label' });
    this.switchBtn = h('button', { type: 'button', role: 'switch', class: 'switch', id: 'status-switch', 'aria-describedby': 'status-help' },
      h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })), this.switchLabel);
    this.switchBtn.addEventListener('click', () => this.toggleActive());
    this.switchError = h('div', { class: 'switch-error' });
    const statusBox = h('div', { class: 'field status-field' },
      h('p', { class: 'field-label', id: 'status-heading' }, 'Status'),
      this.switchBtn,
      h('p', { class: 'field-hint', id: 'status-help' }, 'Only active apps are shown, and only to people who have one of its roles and are in one of its groups.'),
      this.switchError);

    const permissions = this.permissionsGroup();
    const danger = h('section', { class: 'danger-zone', 'aria-labelledby': 'danger-title' },
      h('h2', { id: 'danger-title', class: 'section-title' }, 'Delete integration'),
      h('p', { class: 'field-hint' }, 'Removes the app for everyone. Its history stays in the audit log.'),
      h('button', { type: 'button', class: 'btn btn-danger-outline', onclick: (e) => this.remove(e.currentTarget) }, 'Delete integration'));
    return [h('div', { class: 'panel-grid' }, h('div', { class: 'panel-main' }, this.nameField, permissions), h('aside', { class: 'panel-side' }, statusBox)), danger];
  }

  permissionsGroup() {
    this.roleBoxes = new Map(); // role id -> checkbox
    this.roleItems = new Map(); // role id -> li
    this.roleList = h('ul', { class: 'chip-list role-list', id: 'role-list' });
    this.otherOpen = false;
    this.roleFilter = h('input', { type: 'search', class: 'role-filter', placeholder: 'Filter roles', 'aria-label': 'Filter roles', hidden: true, autocomplete: 'off' });
    this.roleFilter.addEventListener('input', () => this.layoutRoles());
    this.otherBtn = h('button', { type: 'button', class: 'btn btn-link', 'aria-expanded': 'false', 'aria-controls': 'role-list' }, 'Other');
    this.otherBtn.addEventListener('click', () => { this.otherOpen = !this.otherOpen; this.layoutRoles(); if (this.otherOpen) this.roleFilter.focus(); });
    for (const role of this.roles) this.addRoleItem(role, this.saved.roles.includes(role.id));
    // Roles held by the integration that the list did not return.
    for (const r of this.integration.roles || []) if (!this.roleBoxes.has(r.id)) this.addRoleItem(r, true);

    // "Add new role" in place.
    const newName = h('input', { type: 'text', autocomplete: 'off', maxlength: '200' });
    const newField = field({ label: 'New role name', control: newName, hint: 'The new role is available for use with all people in your organization.' });
    const createBtn = h('button', { type: 'button', class: 'btn btn-primary btn-small' }, 'Create role');
    const cancelBtn = h('button', { type: 'button', class: 'btn btn-secondary btn-small' }, 'Cancel');
    const addBox = h('div', { class: 'inline-add', hidden: true, id: 'add-role-box' }, newField, h('div', { class: 'inline-actions' }, createBtn, cancelBtn));
    const addBtn = h('button', { type: 'button', class: 'btn btn-link', 'aria-expanded': 'false', 'aria-controls': 'add-role-box' }, 'Add new role');
    const closeAdd = () => { addBox.hidden = true; addBtn.setAttribute('aria-expanded', 'false'); newField.setError(null); newName.value = ''; addBtn.focus(); };
    addBtn.addEventListener('click', () => {
      addBox.hidden = !addBox.hidden;
      addBtn.setAttribute('aria-expanded', String(!addBox.hidden));
      if (!addBox.hidden) newName.focus();
    });
    cancelBtn.addEventListener('click', closeAdd);
    const create = () => busy(createBtn, 'Creating…', async () => {
      newField.setError(null);
      const name = newName.value.trim();
      if (!name) { newField.setError('Enter a name for the new role.'); newName.focus(); return; }
      try {
        const role = await post('/api/v2/authorization/roles', { name, description: `Can use ${this.saved.name || this.typeName}`, permissionPolicies: [] });
        this.roles.push(role);
        this.addRoleItem(role, true);
        this.layoutRoles();
        closeAdd();
        this.roleBoxes.get(role.id).focus();
        this.refresh();
        toast(`Role “${role.name}” created and selected.`);
      } catch (err) {
        const fe = err.fieldErrors ? err.fieldErrors() : [];
        newField.setError(fe.length ? fe[0].text : err.message);
        newName.focus();
      }
    });
    createBtn.addEventListener('click', create);
    newName.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); create(); }
      if (e.key === 'Escape') { e.preventDefault(); closeAdd(); }
    });

    this.roleWarning = warning();
    const empty = this.roles.length ? null : h('p', { class: 'field-hint' }, this.rolesError ? `Roles could not be loaded: ${this.rolesError.message}` : 'There are no roles yet. Add a new role.');
    this.permGroup = group({
      legend: 'Permissions', name: 'roles',
      hint: 'A user must have one of these roles in order to use the app.',
      content: [empty, this.roleList, this.roleFilter, h('div', { class: 'inline-actions' }, this.otherBtn, addBtn), addBox, this.roleWarning],
    });
    this.layoutRoles();
    return this.permGroup;
  }

  addRoleItem(role, checked) {
    const box = h('input', { type: 'checkbox', value: role.id, checked });
    const li = h('li', { class: 'chip-item' }, h('label', { class: 'chip' }, box, h('span', {}, role.name || role.id)));
    li.dataset.name = String(role.name || '').toLowerCase();
    this.roleBoxes.set(role.id, box);
    this.roleItems.set(role.id, li);
    this.roleList.append(li);
  }

  layoutRoles() {
    const q = this.roleFilter.value.trim().toLowerCase();
    let featured = 0;
    for (const [id, li] of this.roleItems) {
      const checked = this.roleBoxes.get(id).checked;
      let show;
      if (this.otherOpen) show = !q || li.dataset.name.includes(q);
      else { show = checked || featured < FEATURED_ROLES; if (!checked && show) featured += 1; }
      li.hidden = !show;
    }
    const hiddenCount = [...this.roleItems.values()].filter((li) => li.hidden).length;
    this.roleFilter.hidden = !this.otherOpen || this.roleItems.size <= 8;
    this.otherBtn.setAttribute('aria-expanded', String(this.otherOpen));
    this.otherBtn.textContent = this.otherOpen ? 'Show fewer roles' : (hiddenCount ? `Other (${hiddenCount} more)` : 'Other');
    this.otherBtn.setAttribute('aria-label', this.otherOpen ? 'Show fewer roles' : 'Other');
  }

  selectedRoles() { return [...this.roleBoxes].filter(([, b]) => b.checked).map(([id]) => id); }

  // ---- Configuration tab ----------------------------------------------------

  configPanel() {
    const schemaProps = (this.schema && this.schema.properties) || {};
    const keys = this.typeId === 'embedded-client-app' || !Object.keys(schemaProps).length
      ? [...KNOWN_ORDER, ...Object.keys(schemaProps).filter((k) => !KNOWN_ORDER.includes(k))]
      : Object.keys(schemaProps);
    const props = this.saved.props;
    const out = [h('p', { class: 'panel-intro' }, 'How and where the app appears, and who sees it.')];
    for (const key of keys) {
      const sch = schemaProps[key] || {};
      const f = this.propertyField(key, sch, props[key]);
      if (f) { this.fields[key] = f; out.push(f); }
    }
    return [h('div', { class: 'config-fields' }, ...out)];
  }

  propertyField(key, sch, value) {
    const enumOf = (fallback) => (Array.isArray(sch.enum) && sch.enum.length ? sch.enum : fallback);
    switch (key) {
      case 'url': {
        const input = h('input', { type: 'url', name: 'url', value: value || '', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://apps.example.com/my-app', inputmode: 'url' });
        const f = field({ label: 'Application URL', control: input, name: 'properties.url',
          hint: 'The full URL of the web application, including the https: at the beginning. It may contain {{gcHostOrigin}}, {{gcTargetEnv}} and {{gcLangTag}}.' });
        f.read = () => input.value.trim();
        return f;
      }
      case 'displayType': {
        const values = enumOf(['standalone', 'widget']);
        const select = h('select', { name: 'displayType' }, ...values.map((v) => h('option', { value: v }, v)));
        select.value = values.includes(value) ? value : values[0];
        const f = field({ label: 'Application Type', control: select, name: 'properties.displayType', hint: ' ' });
        const hint = f.querySelector('.field-hint');
        const describe = () => { hint.textContent = select.value === 'widget'
          ? 'widget: shown in the sidebar. People open it with the Apps icon on the sidebar, then its tab.'
          : 'standalone: shown full-frame in the main window. People open it from the Apps, Directory or Performance menu (see Application Category).'; };
        select.addEventListener('change', describe);
        describe();
        f.read = () => select.value;
        return f;
      }
      case 'featureCategory': {
        const labels = { '': '(none: Apps menu)', directory: 'Directory', contactCenterInsights: 'ContactCenterInsights' };
        const values = enumOf(['', 'directory', 'contactCenterInsights']);
        if (!values.includes('')) values.unshift('');
        const select = h('select', { name: 'featureCategory' }, ...values.map((v) => h('option', { value: v }, labels[v] !== undefined ? labels[v] : v)));
        select.value = values.includes(value) ? value : '';
        const f = field({ label: 'Application Category', control: select, name: 'properties.featureCategory', hint: ' ' });
        const hint = f.querySelector('.field-hint');
        const describe = () => { hint.textContent = select.value === 'directory' ? 'Directory: a menu option for the app appears under the Directory menu.'
          : select.value === 'contactCenterInsights' ? 'ContactCenterInsights: a menu option for the app appears under the Performance menu.'
            : 'No category: the app appears under the Apps menu.'; };
        select.addEventListener('change', describe);
        describe();
        f.read = () => select.value;
        return f;
      }
      case 'sandbox': return this.sandboxField(value);
      case 'permissions': {
        const input = h('input', { type: 'text', name: 'permissions', value: value || '', autocomplete: 'off', spellcheck: 'false', placeholder: 'camera,microphone' });
        const f = field({ label: 'Iframe Permissions', control: input, name: 'properties.permissions',
          hint: `Optional. Comma-separated browser features the app may use: ${ALLOW_FEATURES.join(', ')}.` });
        f.read = () => input.value.split(',').map((s) => s.trim()).filter(Boolean).join(',');
        f.optional = true;
        return f;
      }
      case 'groups': return this.groupsField(Array.isArray(value) ? value : []);
      default: return this.genericField(key, sch, value);
    }
  }

  sandboxField(value) {
    const input = h('input', { type: 'text', name: 'sandbox', value: value || '', autocomplete: 'off', spellcheck: 'false', placeholder: 'allow-scripts,allow-forms' });
    const chips = SANDBOX_OPTIONS.map(([opt, desc]) => {
      const b = h('button', { type: 'button', class: 'token', 'aria-pressed': 'false', title: desc }, opt);
      b.addEventListener('click', () => {
        const list = splitList(input.value);
        const i = list.indexOf(opt);
        if (i >= 0) list.splice(i, 1); else list.push(opt);
        input.value = list.join(',');
        this.refresh();
      });
      return b;
    });
    const chipsBox = h('div', { class: 'token-list', role: 'group', 'aria-label': 'Available sandbox options' }, ...chips);
    const f = field({ label: 'Iframe Sandbox Options', control: input, name: 'properties.sandbox',
      hint: 'Comma-separated list of limited HTML5 iframe sandbox options that control what the app may do. Click an option to add or remove it. Leave empty for the default.' });
    f.insertBefore(chipsBox, f.querySelector('.field-error'));
    this.sandboxWarning = warning();
    f.append(this.sandboxWarning);
    f.read = () => splitList(input.value).join(',');
    f.optional = true;
    f.syncChips = () => {
      const list = splitList(input.value);
      chips.forEach((b) => b.setAttribute('aria-pressed', String(list.includes(b.textContent))));
    };
    return f;
  }

  groupsField(ids) {
    this.selectedGroups = ids.slice();
    const official = this.groups.filter((g) => g.type === 'official').sort((a, b) => String(a.name).localeCompare(String(b.name)));
    this.officialGroups = official;
    const chosen = h('ul', { class: 'chip-list selected-groups', 'aria-label': 'Selected groups' });
    const search = h('input', { type: 'search', id: uid('group-search'), autocomplete: 'off', placeholder: 'Type part of a group name' });
    const results = h('ul', { class: 'picker-results', 'aria-label': 'Official groups' });
    const picker = h('div', { class: 'picker', id: 'group-picker', hidden: true },
      h('label', { for: search.id, class: 'field-label' }, 'Search official groups'), search, results,
      h('p', { class: 'field-hint' }, 'Only official groups are offered. An administrator makes a group official when creating it under Groups; social and distribution groups cannot be used.'));
    const openBtn = h('button', { type: 'button', class: 'btn btn-secondary', 'aria-expanded': 'false', 'aria-controls': 'group-picker' }, 'Select Groups');
    const doneBtn = h('button', { type: 'button', class: 'btn btn-secondary btn-small' }, 'Done');
    picker.append(h('div', { class: 'inline-actions' }, doneBtn));
    const setOpen = (open) => {
      picker.hidden = !open;
      openBtn.setAttribute('aria-expanded', String(open));
      if (open) { drawResults(); search.focus(); }
    };
    openBtn.addEventListener('click', () => setOpen(picker.hidden));
    doneBtn.addEventListener('click', () => { setOpen(false); openBtn.focus(); });
    picker.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); setOpen(false); openBtn.focus(); } });

    const nameOf = (id) => { const g = this.groups.find((x) => x.id === id); return g ? g.name : id; };
    const drawChosen = () => {
      clear(chosen);
      for (const gid of this.selectedGroups) {
        const g = this.groups.find((x) => x.id === gid);
        const name = nameOf(gid);
        const note = !g ? ' (unknown group)' : g.type !== 'official' ? ` (${g.type} group: not allowed)` : '';
        chosen.append(h('li', { class: 'chip chip-removable' }, h('span', {}, name + note),
          h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${name}`, onclick: () => {
            this.selectedGroups = this.selectedGroups.filter((x) => x !== gid);
            drawChosen(); drawResults(); this.refresh(); openBtn.focus();
          } }, '×')));
      }
      chosen.hidden = !this.selectedGroups.length;
    };
    const drawResults = () => {
      clear(results);
      const q = search.value.trim().toLowerCase();
      const matches = official.filter((g) => !q || String(g.name).toLowerCase().includes(q));
      if (!official.length) {
        results.append(h('li', { class: 'picker-empty' }, this.groupsError ? `Groups could not be loaded: ${this.groupsError.message}`
          : 'There are no official groups yet. Create one under Admin › Groups.'));
        return;
      }
      if (!matches.length) { results.append(h('li', { class: 'picker-empty' }, 'No official group matches your search.')); return; }
      for (const g of matches) {
        const box = h('input', { type: 'checkbox', value: g.id, checked: this.selectedGroups.includes(g.id) });
        box.addEventListener('change', () => {
          if (box.checked) { if (!this.selectedGroups.includes(g.id)) this.selectedGroups.push(g.id); } else this.selectedGroups = this.selectedGroups.filter((x) => x !== g.id);
          drawChosen(); this.refresh();
        });
        const count = typeof g.memberCount === 'number' ? ` · ${g.memberCount} ${g.memberCount === 1 ? 'member' : 'members'}` : '';
        results.append(h('li', {}, h('label', { class: 'picker-option' }, box, h('span', { class: 'picker-name' }, g.name), h('span', { class: 'picker-meta' }, count ? count.slice(3) : ''))));
      }
    };
    search.addEventListener('input', (e) => { e.stopPropagation(); drawResults(); });
    this.groupWarning = warning();
    const fs = group({ legend: 'Groups', name: 'properties.groups',
      hint: 'Custom client applications are visible only to members of an official group. Only people in the selected groups see the application.',
      content: [chosen, h('div', { class: 'inline-actions' }, openBtn), picker, this.groupWarning] });
    drawChosen();
    fs.read = () => this.selectedGroups.slice();
    fs.redraw = () => { drawChosen(); drawResults(); };
    return fs;
  }

  genericField(key, sch, value) {
    const label = sch.title || key;
    let control; let read;
    if (Array.isArray(sch.enum)) {
      control = h('select', {}, ...sch.enum.map((v) => h('option', { value: String(v) }, String(v))));
      control.value = value !== undefined ? String(value) : String(sch.default !== undefined ? sch.default : sch.enum[0]);
      read = () => control.value;
    } else if (sch.type === 'boolean') {
      control = h('input', { type: 'checkbox', checked: value !== undefined ? !!value : !!sch.default });
      read = () => control.checked;
    } else if (sch.type === 'integer' || sch.type === 'number') {
      control = h('input', { type: 'number', value: value !== undefined ? String(value) : '' });
      read = () => (control.value === '' ? undefined : Number(control.value));
    } else if (sch.type === 'array') {
      control = h('input', { type: 'text', value: Array.isArray(value) ? value.join(', ') : '' });
      read = () => splitList(control.value);
    } else {
      control = h('input', { type: 'text', value: value !== undefined && value !== null ? String(value) : '' });
      read = () => control.value;
    }
    const f = field({ label, control, name: `properties.${key}`, hint: sch.description || null });
    f.read = read;
    f.optional = true;
    return f;
  }

  // ---- state ----------------------------------------------------------------

  readProps() {
    const props = { ...this.saved.props };
    for (const [key, f] of Object.entries(this.fields)) {
      const v = f.read();
      if (f.optional && (v === '' || v === undefined) && !(key in this.saved.props)) { delete props[key]; continue; }
      if (v === undefined) delete props[key]; else props[key] = v;
    }
    return props;
  }

  readName() { return this.nameField.control.value.trim(); }

  isDirty() {
    if (!this.form || !this.form.isConnected) return false;
    if (this.readName() !== this.saved.name && this.readName() !== '') return true;
    if (!sameSet(this.selectedRoles(), this.saved.roles)) return true;
    return this.propsDirty();
  }

  propsDirty() {
    const now = this.readProps();
    const was = this.saved.props;
    const keys = new Set([...Object.keys(now), ...Object.keys(was)]);
    for (const k of keys) {
      const a = now[k]; const b = was[k];
      if (Array.isArray(a) || Array.isArray(b)) { if (!sameSet(a || [], b || [])) return true; } else if ((a ?? '') !== (b ?? '')) {
        // A default the form shows for a key that was never stored is not a change.
        if (b === undefined && ((k === 'displayType' && a === 'standalone') || (k === 'featureCategory' && a === ''))) continue;
        return true;
      }
    }
    return false;
  }

  refresh() {
    const dirty = this.isDirty();
    this.saveState.textContent = dirty ? 'You have unsaved changes.' : 'All changes saved.';
    this.saveState.classList.toggle('is-dirty', dirty);
    this.discardBtn.hidden = !dirty;
    if (this.fields.sandbox && this.fields.sandbox.syncChips) this.fields.sandbox.syncChips();
    if (!this.otherOpen) { /* keep newly checked roles visible */ }
    // Warnings.
    const roles = this.selectedRoles();
    this.roleWarning.show(roles.length ? null : 'No role is selected, so nobody will see this app.',
      'Choose at least one role. A user must have one of the selected roles in order to use the app.');
    if (this.groupWarning) {
      this.groupWarning.show(this.selectedGroups.length ? null : 'No group is selected, so nobody will see this app.',
        'Click Select Groups and choose the official groups whose members should see it.');
    }
    if (this.sandboxWarning) {
      const list = splitList(this.fields.sandbox.read());
      this.sandboxWarning.show(list.includes('allow-scripts') && list.includes('allow-same-origin')
        ? 'allow-scripts together with allow-same-origin lets the app remove its own sandbox.' : null,
      'If the app is served from the same origin as Portico, it can reach into this page and lift every restriction. Use both only for apps you trust, served from another origin.');
    }
  }

  updateStatus() {
    const active = isActive(this.integration);
    this.switchBtn.setAttribute('aria-checked', String(active));
    this.switchLabel.textContent = active ? 'Active' : 'Inactive';
    clear(this.headerBadge).append(active ? badge('Active', 'active') : badge('Inactive', 'inactive'));
  }

  clearErrors() {
    clear(this.summary);
    this.nameField.setError(null);
    this.permGroup.setError(null);
    for (const f of Object.values(this.fields)) f.setError(null);
    Object.values(this.tabButtons).forEach((b) => b.classList.remove('has-error'));
  }

  /** Shows each field problem next to its field; returns whether all found a place. */
  showErrors(err) {
    const problems = err.fieldErrors();
    let first = null;
    for (const p of problems) {
      const f = this.fieldFor(p.field);
      if (!f) continue;
      f.setError(p.text);
      const tab = this.panels.details.contains(f) ? 'details' : 'configuration';
      this.tabButtons[tab].classList.add('has-error');
      if (!first) first = { f, tab };
    }
    const items = problems.length ? problems : [{ message: err.message }];
    this.summary.append(alertBox('error', problems.length > 1 ? 'The changes were not saved. Fix these problems:' : 'The changes were not saved.',
      h('ul', {}, ...items.map((p) => {
        const f = p.field && this.fieldFor(p.field);
        const label = f && f.querySelector('.field-label');
        const name = label ? label.textContent.replace(/\s*\*$/, '') : '';
        const text = f && name && !p.text.toLowerCase().startsWith(name.toLowerCase()) ? `${name}: ${p.text}` : p.text;
        return h('li', {}, f ? h('a', { href: '#', class: 'error-link', onclick: (e) => { e.preventDefault(); this.focusField(f); } }, text) : text);
      }))));
    const alert = this.summary.querySelector('.alert');
    alert.setAttribute('tabindex', '-1');
    if (first) this.focusField(first.f); else alert.focus();
  }

  fieldFor(name) {
    if (!name) return null;
    const n = String(name).replace(/\[\d+\]$/, '');
    if (n === 'name') return this.nameField;
    if (n === 'roles' || n.startsWith('roles')) return this.permGroup;
    const m = /^(?:properties\.)?([A-Za-z0-9_]+)/.exec(n);
    if (m && this.fields[m[1]]) return this.fields[m[1]];
    return null;
  }

  focusField(f) {
    const tab = this.panels.details.contains(f) ? 'details' : 'configuration';
    if (tab !== this.tab) this.selectTab(tab, true);
    const target = f.querySelector('input:not([type=hidden]), select, textarea, button');
    if (target) target.focus();
    f.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  // ---- actions --------------------------------------------------------------

  async save() {
    if (this.saving) return;
    this.saving = true;
    clear(this.banner);
    this.clearErrors();
    const name = this.readName() || this.saved.name || this.typeName;
    const props = this.readProps();
    const roles = this.selectedRoles();
    const rolesChanged = !sameSet(roles, this.saved.roles);
    const body = {
      name,
      version: this.config.version,
      properties: props,
      advanced: this.config.advanced || {},
      notes: this.config.notes || '',
      credentials: this.config.credentials || {},
    };
    const propsChanged = name !== this.saved.name || this.propsDirty();
    await busy(this.saveBtn, 'Saving…', async () => {
      try {
        if (!propsChanged && !rolesChanged) { toast('There are no changes to save.', 'info'); return; }
        if (propsChanged) {
          this.config = await put(`/api/v2/integrations/${enc(this.id)}/config/current`, body);
          // The configuration is stored: from here on it is the saved state.
          this.saved.name = this.config.name || name;
          this.saved.props = JSON.parse(JSON.stringify(this.config.properties || props));
          this.integration.name = this.saved.name;
        }
        if (rolesChanged) {
          const updated = await patch(`/api/v2/integrations/${enc(this.id)}`, { roles: roles.map((id) => ({ id })) });
          this.integration = { ...this.integration, ...updated };
          this.saved.roles = (this.integration.roles || roles.map((id) => ({ id }))).map((r) => r.id);
        }
        toast('Saved.');
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.isConflict) this.showStale(err);
        else if (err.status === 400 || err.status === 422) this.showErrors(err);
        else this.summary.append(alertBox('error', 'The changes were not saved.', h('p', {}, err.message)));
      } finally {
        this.showName();
      }
    });
    this.saving = false;
    this.refresh();
  }

  showName() {
    if (this.nameField.control.value.trim() === '' || this.nameField.control.value.trim() === this.saved.name) this.nameField.control.value = this.saved.name;
    this.titleEl.textContent = this.saved.name;
    const crumb = this.view.querySelector('.crumbs li:last-child span');
    if (crumb) crumb.textContent = this.saved.name;
    document.title = `${this.saved.name} · Portico Admin`;
  }

  discard() {
    this.resetSaved();
    this.render();
    toast('Changes discarded.', 'info');
  }

  showStale() {
    const reload = h('button', { type: 'button', class: 'btn btn-primary btn-small' }, 'Reload');
    reload.addEventListener('click', async () => {
      setLeaveGuard(null);
      const data = await load(this.id).catch((e) => { toast(e.message, 'error'); return null; });
      if (!data) return;
      Object.assign(this, new IntegrationEditor(this.view, data, this.tab));
      this.render();
      toast('Loaded the latest version.');
    });
    this.banner.append(alertBox('error', 'Someone else saved this integration after you opened it.',
      h('p', {}, 'Your changes were not saved, and what you typed is still in the form. Reload to get the latest version (this discards your changes), then make them again.'),
      h('div', { class: 'inline-actions' }, reload)));
    this.banner.querySelector('.alert').setAttribute('tabindex', '-1');
    this.banner.querySelector('.alert').focus();
  }

  async toggleActive() {
    clear(this.switchError);
    const active = isActive(this.integration);
    const name = this.saved.name || this.typeName;
    const notes = [];
    if (!active) {
      if (!this.saved.roles.length || !(Array.isArray(this.saved.props.groups) && this.saved.props.groups.length)) {
        notes.push(h('p', { class: 'dialog-warning' }, 'No role or no group is saved for this app yet, so nobody will see it even when it is active.'));
      }
      if (this.isDirty()) notes.push(h('p', { class: 'dialog-warning' }, 'You have unsaved changes. Activating uses the last saved configuration.'));
    }
    const yes = await dialog({
      title: active ? `Deactivate ${name}?` : `Activate ${name}?`,
      body: [active ? 'People will no longer see this app.' : 'The app becomes active: usable by persons who have permission to access it.', ...notes],
      buttons: [{ label: 'Yes', value: true, kind: 'primary', autofocus: true }, { label: 'No', value: false }],
    });
    if (!yes) { this.switchBtn.focus(); return; }
    this.switchBtn.disabled = true;
    try {
      const updated = await patch(`/api/v2/integrations/${enc(this.id)}`, { intendedState: active ? 'DISABLED' : 'ENABLED' });
      this.integration = { ...this.integration, ...updated, name: this.integration.name, roles: updated.roles || this.integration.roles };
      this.updateStatus();
      toast(active ? `${name} is inactive.` : `${name} is active.`);
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors() : [];
      const urlProblem = fe.find((p) => /url/i.test(p.field));
      const go = urlProblem ? h('button', { type: 'button', class: 'btn btn-link', onclick: () => this.focusField(this.fields.url) }, 'Go to Application URL') : null;
      this.switchError.append(alertBox('error', active ? 'The app was not deactivated.' : 'The app was not activated.', h('p', {}, err.message), go));
    } finally {
      this.switchBtn.disabled = false;
      this.switchBtn.focus();
    }
  }

  async remove(button) {
    const name = this.saved.name || this.typeName;
    const yes = await dialog({
      title: `Delete ${name}?`,
      body: 'The app is removed for everyone. This cannot be undone.',
      buttons: [{ label: 'Cancel', value: false, autofocus: true }, { label: 'Delete', value: true, kind: 'danger' }],
    });
    if (!yes) return;
    await busy(button, 'Deleting…', async () => {
      try {
        await del(`/api/v2/integrations/${enc(this.id)}`);
        setLeaveGuard(null);
        toast(`${name} was deleted.`);
        navigate('/admin/integrations');
      } catch (err) {
        toast(err.message, 'error');
      }
    });
  }
}
