// The shell's calls to the Portico API. Errors carry the server's ErrorBody.

let csrfToken = null;
export function setCsrfToken(token) { csrfToken = token || null; }

export class ApiError extends Error {
  constructor(status, body) {
    const msg = body && typeof body.message === 'string' && body.message ? body.message : `The server answered ${status}.`;
    super(msg);
    this.status = status;
    this.body = body;
  }
}

/** One API call; resolves {status, body, headers}; rejects with ApiError unless the status is accepted. */
export async function api(method, path, { body, headers = {}, accept = [] } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    const err = new ApiError(0, { message: 'The server could not be reached. Check your connection.' });
    err.cause = e;
    throw err;
  }
  let parsed;
  const text = res.status === 204 || res.status === 304 ? '' : await res.text();
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  }
  if ((res.status >= 200 && res.status < 300) || accept.includes(res.status)) {
    return { status: res.status, body: parsed, headers: res.headers };
  }
  throw new ApiError(res.status, parsed);
}

/** Every entity of a paged listing (follows pages while they are full, up to `max`). */
export async function listAll(path, max = 5000) {
  const out = [];
  const pageSize = 500;
  for (let page = 1; out.length < max; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const { body } = await api('GET', `${path}${sep}pageSize=${pageSize}&pageNumber=${page}`);
    const entities = Array.isArray(body?.entities) ? body.entities : [];
    out.push(...entities);
    if (entities.length < pageSize || !body?.nextUri) break;
  }
  return out;
}
