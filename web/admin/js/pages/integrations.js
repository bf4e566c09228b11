// Integrations list and the catalog of app types ("Add Integration").
import { h, safeImageUrl, initials } from '../dom.js';
import { get, post, listAll, enc, ApiError } from '../api.js';
import { navigate } from '../router.js';
import { pageHeader, emptyState, loading, errorState, badge, alertBox, busy } from '../ui.js';
import { categoryLabel, isActive } from '../labels.js';

const crumbsList = [{ label: 'Admin', href: '/admin/' }, { label: 'Integrations' }];

export async function renderIntegrations(view) {
  const addLink = h('a', { href: '/admin/integrations/new', class: 'btn btn-primary' }, 'Add Integration');
  const header = pageHeader({ crumbs: crumbsList, title: 'Integrations', actions: [addLink],
    sub: 'Apps installed for your organization. Only active apps are shown to people.' });
  const body = h('div', {}, loading());
  view.append(header, body);

  let list;
  try {
    list = await listAll('/api/v2/integrations?pageSize=100&expand=config.current');
  } catch (err) {
    body.replaceChildren(errorState(err, () => { view.replaceChildren(); renderIntegrations(view); }));
    return;
  }
  if (!list.length) {
    addLink.textContent = 'Add New Integration';
    body.replaceChildren(emptyState('No integrations yet',
      'Add an integration to install an app, such as a custom client application, for the people in your organization.',
      h('a', { href: '/admin/integrations/new', class: 'btn btn-secondary' }, 'Browse available apps')));
    return;
  }
  // Configs for the category column (the list may not expand them).
  await Promise.all(list.map(async (it) => {
    if (it.config && it.config.current && it.config.current.properties) return;
    try { it.config = { current: await get(`/api/v2/integrations/${enc(it.id)}/config/current`) }; } catch { /* shown as unknown */ }
  }));
  list.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const rows = list.map((it) => {
    const props = it.config && it.config.current ? it.config.current.properties || {} : null;
    const groups = props && Array.isArray(props.groups) ? props.groups : null;
    const roles = Array.isArray(it.roles) ? it.roles : null;
    const nobody = (roles && !roles.length) || (groups && !groups.length);
    return h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/admin/integrations/${enc(it.id)}` }, it.name || '(no name)'),
        nobody ? h('span', { class: 'row-note' }, 'Nobody can see this app yet') : null),
      h('td', { 'data-label': 'Type' }, (it.integrationType && (it.integrationType.name || it.integrationType.id)) || ''),
      h('td', { 'data-label': 'Category' }, props ? categoryLabel(props) : '—'),
      h('td', { 'data-label': 'Status' }, isActive(it) ? badge('Active', 'active') : badge('Inactive', 'inactive')));
  });
  body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
    h('caption', { class: 'sr-only' }, 'Installed integrations'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'Status'))),
    h('tbody', {}, ...rows))));
}

const SALES = 'Contact your sales representative';

function imageOf(type) {
  const images = Array.isArray(type.images) ? type.images : [];
  for (const img of images) {
    const url = safeImageUrl(img && img.imageUri);
    if (url) return url;
  }
  return null;
}

function card(type) {
  const headingId = `type-${type.id}`;
  const img = imageOf(type);
  const errorSlot = h('div', { class: 'card-error' });
  let footer;
  if (type.installable === false) {
    const reason = type.installBlockedReason || 'Your organization cannot install this app.';
    footer = h('div', { class: 'card-blocked' },
      h('p', { class: 'card-reason' }, reason.replace(/\s*Contact your (PureCloud )?sales representative\.?\s*$/i, '')),
      h('p', { class: 'card-sales' }, SALES));
  } else {
    const install = h('button', { type: 'button', class: 'btn btn-primary' }, 'Install');
    install.addEventListener('click', () => busy(install, 'Installing…', async () => {
      errorSlot.replaceChildren();
      try {
        const created = await post('/api/v2/integrations', { integrationType: { id: type.id } });
        await navigate(`/admin/integrations/${enc(created.id)}`);
      } catch (err) {
        errorSlot.append(alertBox('error', null, h('p', {}, err.message)));
      }
    }));
    footer = h('div', { class: 'card-actions' }, install);
  }
  return h('article', { class: 'card', 'aria-labelledby': headingId, dataset: { name: String(type.name || '').toLowerCase() } },
    h('div', { class: 'card-top' },
      img ? h('img', { class: 'card-img', src: img, alt: '', width: '48', height: '48' })
        : h('div', { class: 'card-img card-img-placeholder', 'aria-hidden': 'true' }, initials(type.name)),
      h('div', { class: 'card-titles' },
        h('h2', { class: 'card-title', id: headingId }, type.name || type.id),
        type.vendorName ? h('p', { class: 'card-vendor' }, `by ${type.vendorName}`) : null)),
    h('p', { class: 'card-desc' }, type.description || ''),
    errorSlot, footer);
}

export async function renderCatalog(view) {
  view.append(pageHeader({
    crumbs: [{ label: 'Admin', href: '/admin/' }, { label: 'Integrations', href: '/admin/integrations' }, { label: 'Add Integration' }],
    title: 'Add Integration', sub: 'Choose an app to install. It is added inactive, so you can configure it before anyone sees it.',
  }));
  const body = h('div', {}, loading());
  view.append(body);
  let types;
  try {
    types = await listAll('/api/v2/integrations/types?pageSize=100');
  } catch (err) {
    body.replaceChildren(errorState(err));
    return;
  }
  types.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const search = h('input', { type: 'search', id: 'catalog-search', placeholder: 'Type all or part of a name', autocomplete: 'off', 'aria-controls': 'catalog-cards' });
  const count = h('p', { class: 'catalog-count', role: 'status', 'aria-live': 'polite' });
  const cards = types.map(card);
  const grid = h('div', { class: 'card-grid', id: 'catalog-cards' }, ...cards);
  const none = h('p', { class: 'empty-inline', hidden: true }, 'No app matches your search.');
  const update = () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    cards.forEach((c) => { const on = !q || c.dataset.name.includes(q); c.hidden = !on; if (on) shown += 1; });
    none.hidden = shown > 0;
    count.textContent = q ? `${shown} of ${types.length} apps match “${search.value.trim()}”` : `${types.length} ${types.length === 1 ? 'app' : 'apps'} available`;
  };
  search.addEventListener('input', update);
  update();
  body.replaceChildren(
    h('div', { class: 'catalog-search' },
      h('label', { for: 'catalog-search', class: 'field-label' }, 'Search'),
      search, count),
    types.length ? grid : emptyState('No apps available', 'Your operator has not registered any app types.'),
    none);
}

export { ApiError };
