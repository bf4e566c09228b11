// Pure helpers of the workspace shell: no DOM, no network, so node can test them too.

export const PROTOCOL = 'purecloud-client-apps';

/** The menus of the top bar, in order, and the featureCategory each one shows. */
export const MENUS = [
  { id: 'apps', label: 'Apps', category: '' },
  { id: 'directory', label: 'Directory', category: 'directory' },
  { id: 'performance', label: 'Performance', category: 'contactCenterInsights' },
];

/** The menu id a standalone app belongs to; unknown categories go to Apps. */
export function menuOf(category) {
  const m = MENUS.find((x) => x.category === (category || ''));
  return m ? m.id : 'apps';
}

/**
 * Fills the `{{token}}`s of an app URL. Each value is URL-encoded; unknown tokens stay as they are.
 * ctx: {origin, host, languageTag}
 */
export function fillUrlTokens(url, ctx) {
  const lang = ctx.languageTag || 'en-us';
  const values = {
    gcHostOrigin: ctx.origin,
    gcTargetEnv: 'prod',
    gcLangTag: lang,
    pcLangTag: lang,
    pcEnvironment: ctx.host,
  };
  return String(url).replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? encodeURIComponent(values[name]) : whole);
}

/** The origin of an app URL (after its tokens were filled), or null when it is not http(s). */
export function originOf(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** Splits a comma- (or space-) separated list into its trimmed, non-empty, unique parts. */
export function splitList(value) {
  if (Array.isArray(value)) value = value.join(',');
  if (typeof value !== 'string') return [];
  const out = [];
  for (const part of value.split(/[\s,]+/)) {
    if (part && !out.includes(part)) out.push(part);
  }
  return out;
}

/** The iframe `sandbox` attribute: exactly the configured tokens, space-separated. */
export function sandboxAttr(sandbox) {
  return splitList(sandbox).join(' ');
}

/** The iframe `allow` attribute: each configured feature for the app's origin. */
export function allowAttr(permissions, origin) {
  return splitList(permissions).map((f) => `${f} ${origin}`).join('; ');
}

/** The app's name in the user's language: exact tag, then its base language, then `name`. */
export function localizedName(app, languageTag) {
  const i10n = app?.config?.effective?.advanced?.i10n;
  const fallback = typeof app?.name === 'string' && app.name ? app.name : 'Untitled app';
  if (!i10n || typeof i10n !== 'object' || !languageTag) return fallback;
  const keys = Object.keys(i10n);
  const lookup = (tag) => {
    const k = keys.find((key) => key.toLowerCase() === tag.toLowerCase());
    const entry = k !== undefined ? i10n[k] : undefined;
    return entry && typeof entry.name === 'string' && entry.name.trim() ? entry.name : null;
  };
  const tag = String(languageTag).replace(/_/g, '-');
  return lookup(tag) || lookup(tag.split('-')[0]) || fallback;
}

/**
 * The URL of the app's icon that the shell may load under its CSP (img-src 'self' https: data:),
 * or null. Prefers a vector, then the sizes nearest to the 24 px it is drawn at.
 */
export function iconUrl(app, shellOrigin) {
  const adv = app?.config?.effective?.advanced || {};
  const icon = adv.icon || adv.monochromicIcon;
  if (!icon || typeof icon !== 'object') return null;
  for (const key of ['vector', '24x24', '36x36', '48x48', '72x72']) {
    const v = icon[key];
    if (typeof v !== 'string' || !v) continue;
    if (/^data:image\//i.test(v)) return v;
    try {
      const u = new URL(v, shellOrigin);
      if (u.protocol === 'https:' || u.origin === shellOrigin) return u.href;
    } catch { /* not a URL */ }
  }
  return null;
}

/** Which lifecycle hooks an app opted into. */
export function hooksOf(app) {
  const h = app?.config?.effective?.advanced?.lifecycle?.hooks || {};
  return { bootstrap: h.bootstrap === true, focus: h.focus === true, blur: h.blur === true, stop: h.stop === true };
}

/**
 * Normalizes one ClientApp of the API into what the shell works with; null when it can't be shown
 * (no usable URL).
 */
export function describeApp(app, ctx) {
  const props = app?.config?.effective?.properties || {};
  if (typeof app?.id !== 'string' || typeof props.url !== 'string') return null;
  const src = fillUrlTokens(props.url, ctx);
  const origin = originOf(src);
  if (!origin) return null;
  const displayType = props.displayType === 'widget' ? 'widget' : 'standalone';
  return {
    id: app.id,
    name: localizedName(app, ctx.languageTag),
    displayType,
    menu: menuOf(props.featureCategory),
    src,
    origin,
    sandbox: sandboxAttr(props.sandbox),
    allow: allowAttr(props.permissions, origin),
    hooks: hooksOf(app),
    ephemeral: app?.config?.effective?.advanced?.lifecycle?.ephemeral === true,
    icon: iconUrl(app, ctx.origin),
  };
}

/** Whether two described apps need different frames (anything the frame was built from changed). */
export function frameChanged(a, b) {
  return a.src !== b.src || a.sandbox !== b.sandbox || a.allow !== b.allow || a.displayType !== b.displayType;
}

/** Sorts described apps by name, the way people read them. */
export function byName(a, b) {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
}

/** A route parsed from location.hash. */
export function parseRoute(hash) {
  const path = String(hash || '').replace(/^#\/?/, '').split('?')[0];
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  if (parts[0] === 'apps' && parts[1]) return { view: 'app', id: parts[1] };
  if (parts[0] === 'directory') {
    if (parts[1] === 'groups') return parts[2] ? { view: 'group', id: parts[2] } : { view: 'groups' };
    if (parts[1] === 'people' || !parts[1]) return parts[2] ? { view: 'person', id: parts[2] } : { view: 'people' };
  }
  return { view: 'home' };
}

/** A count for a badge: a whole number from 0, shown as "99+" past 99. */
export function badgeText(count) {
  return count > 99 ? '99+' : String(count);
}

/** Normalizes an attention count sent by an app; null when it is not a usable number. */
export function attentionCount(value) {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  return Math.max(0, Math.min(1e6, Math.floor(n)));
}

/** An http(s) URL for openWindow, or null. */
export function safeWindowUrl(value) {
  if (typeof value !== 'string' || value.length > 8192) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Cuts a string sent by an app to a sane length. */
export function clip(value, max) {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'string' ? value : String(value);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
