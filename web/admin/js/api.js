// JSON calls to the Portico API with the session cookie and CSRF header.

let csrfToken = null;
const listeners = new Set();

export function setCsrfToken(token) { csrfToken = token || null; }

/** fn() is called when any call answers 401 (the session ended). */
export function onUnauthorized(fn) { listeners.add(fn); return () => listeners.delete(fn); }

export class ApiError extends Error {
  constructor(status, body) {
    const message = (body && typeof body === 'object' && body.message) ||
      (status === 0 ? 'The server could not be reached. Check your connection and try again.'
        : `The server answered ${status}.`);
    super(message);
    this.status = status;
    this.body = body && typeof body === 'object' ? body : {};
    this.code = this.body.code || '';
    this.details = Array.isArray(this.body.details) ? this.body.details : [];
  }

  /** A stale configuration version (someone else saved first). */
  get isConflict() {
    return this.status === 409 || (this.status === 400 && /does not match the current version/i.test(this.message));
  }

  /**
   * Field problems as [{field, message}]. The ErrorBody's `details` name the
   * fields; the person-readable text comes from the detail itself, from a
   * matching entry of `errors`, or (for the first field) from `message`.
   */
  fieldErrors() {
    const out = [];
    const nested = Array.isArray(this.body.errors) ? this.body.errors : [];
    this.details.forEach((d, i) => {
      if (!d || !d.fieldName) return;
      let msg = d.message;
      // Portico sends `errors` parallel to `details`, one message per field.
      if (!msg && nested.length === this.details.length && nested[i] && nested[i].message) msg = nested[i].message;
      if (!msg) {
        const match = nested.find((e) => Array.isArray(e.details) && e.details.some((x) => x.fieldName === d.fieldName));
        if (match) msg = match.message;
      }
      if (!msg && (i === 0 || this.details.length === 1)) msg = this.message;
      if (!msg) msg = 'This value was not accepted.';
      out.push({ field: d.fieldName, message: msg, text: withoutField(msg, d.fieldName) });
    });
    return out;
  }
}

/** "properties.url: must start with https:" -> "Must start with https:" (the label already names the field). */
export function withoutField(message, field) {
  const m = String(message);
  if (field && m.startsWith(`${field}: `)) {
    const rest = m.slice(field.length + 2);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return m;
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
  if (!res.ok) {
    const err = new ApiError(res.status, parsed);
    if (res.status === 401 && path !== '/login') listeners.forEach((fn) => fn(err));
    throw err;
  }
  return parsed;
}

export const get = (p) => api('GET', p);
export const post = (p, b = {}) => api('POST', p, b);
export const put = (p, b) => api('PUT', p, b);
export const patch = (p, b) => api('PATCH', p, b);
export const del = (p) => api('DELETE', p);

/** All entities of a listing (follows pages while `nextUri` is there). */
export async function listAll(path) {
  const out = [];
  let next = path;
  for (let i = 0; next && i < 50; i++) {
    const page = await get(next);
    const entities = (page && page.entities) || [];
    out.push(...entities);
    if (!page || !page.nextUri || !entities.length) break;
    next = page.nextUri.startsWith('/') ? page.nextUri : null;
  }
  return out;
}

export const enc = encodeURIComponent;
