// Talking to the API: JSON in and out, the signed-in key as a bearer token, problems as ApiError.

const KEY = 'provenance.apiKey';

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** "field: message" lines from a validation problem's `errors`. */
  get fieldErrors() {
    const errors = this.problem.errors ?? {};
    return Object.entries(errors).flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages : [messages]).map((m) => `${field}: ${m}`));
  }
}

export const auth = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
    this.me = null;
  },
  /** {contributorId, name, roles} of the signed-in key, or null. */
  me: null,
  has(role) {
    const roles = this.me?.roles ?? [];
    return roles.includes(role) || roles.includes('admin');
  },
};

/** fetch with the key; returns the Response after turning non-2xx answers into ApiError. */
export async function request(path, { method = 'GET', json, body, headers = {}, accept = 'application/json' } = {}) {
  const init = { method, headers: { Accept: accept, ...headers } };
  if (auth.key) init.headers.Authorization = `Bearer ${auth.key}`;
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      try { problem = await response.json(); } catch { problem = null; }
    }
    const fallback = response.status === 401 ? 'Sign in with an API key first.'
      : response.status === 403 ? 'Your key does not allow this.'
        : response.status === 404 ? 'Not found.' : response.statusText;
    throw new ApiError(response.status, problem, fallback);
  }
  return response;
}

export async function getJson(path) {
  const response = await request(path);
  return response.status === 204 ? null : response.json();
}

export async function sendJson(method, path, json) {
  const response = await request(path, { method, json });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function getText(path, accept = '*/*') {
  const response = await request(path, { accept });
  return { text: await response.text(), type: response.headers.get('Content-Type') ?? 'text/plain' };
}

/** Loads who the stored key belongs to; forgets a key the server no longer accepts. */
export async function loadMe() {
  if (!auth.key) {
    auth.me = null;
    return null;
  }
  try {
    auth.me = await getJson('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) auth.key = null;
    auth.me = null;
  }
  return auth.me;
}

export const qs = (params) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, v);
  }
  const s = search.toString();
  return s ? `?${s}` : '';
};
