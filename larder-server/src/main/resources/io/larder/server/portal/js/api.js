// The portal's calls to the management API. The session cookie (HttpOnly) goes with every request;
// state-changing requests also carry the CSRF token given at sign-in.

let csrfToken = null;

/** A refused or failed request: status and the problem's detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function request(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached. Is it running?');
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : `${response.status} ${response.statusText}`;
    if (response.status === 401 && path.startsWith('/api/')) {
      csrfToken = null;
      window.dispatchEvent(new CustomEvent('larder:signed-out', {detail}));
    }
    throw new ApiError(response.status, detail);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  delete: (path) => request('DELETE', path),
};

/** The path of a cache's resource: /api/caches/NAME/rest. */
export function cachePath(name, rest) {
  return `/api/caches/${encodeURIComponent(name)}${rest || ''}`;
}

/** Signs in with the admin token; the server sets the session cookie. */
export async function signIn(token) {
  const session = await request('POST', '/portal/session', {token});
  csrfToken = session.csrfToken;
}

/** Resumes the session of a reloaded page; false when there is none. */
export async function resume() {
  try {
    const session = await request('GET', '/portal/session');
    csrfToken = session.csrfToken;
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

export async function signOut() {
  try {
    await request('DELETE', '/portal/session');
  } finally {
    csrfToken = null;
  }
}
