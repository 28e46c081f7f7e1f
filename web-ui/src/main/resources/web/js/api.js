// Talking to this node's REST API: the token, JSON errors, and URLs for <img>, links and EventSource.
const TOKEN_KEY = 'rendermesh.token';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// A token given as ?token=T is kept for this node's origin and taken out of the address bar,
// so it does not end up in bookmarks, screenshots or the history.
export function adoptTokenFromUrl() {
  const params = new URLSearchParams(location.search);
  if (!params.has('token')) return;
  setToken(params.get('token'));
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
}

export function token() { return localStorage.getItem(TOKEN_KEY) || ''; }
export function setToken(t) { if (t) localStorage.setItem(TOKEN_KEY, t); else localStorage.removeItem(TOKEN_KEY); }

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }
let onConnection = () => {};
export function whenConnectionChanges(fn) { onConnection = fn; }

/** A URL for elements that cannot send headers (img, a, EventSource). */
export function url(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) q.set(k, v);
  if (token()) q.set('token', token());
  const s = q.toString();
  return '/api/v1' + path + (s ? '?' + s : '');
}

export async function api(path, { method = 'GET', json, body } = {}) {
  const headers = {};
  if (token()) headers.Authorization = 'Bearer ' + token();
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers, body });
  } catch (e) {
    onConnection(false);
    throw new ApiError(0, 'cannot reach this node (' + e.message + ')');
  }
  onConnection(true);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || ('HTTP ' + res.status));
  return data;
}

export const control = (jobId, action, extra = {}) =>
  api('/jobs/' + encodeURIComponent(jobId) + '/control', { method: 'POST', json: { action, ...extra } });

export const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
