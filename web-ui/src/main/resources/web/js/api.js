// Talking to this node's REST API: the session, JSON errors, and URLs for <img>, links and EventSource.
const OLD_TOKEN_KEY = 'rendermesh.token';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// The page is opened once as /?token=T. The token leaves the address bar at once (bookmarks,
// history, screenshots) and is traded for an HttpOnly cookie, which the browser then sends with
// every request, image and event stream; page scripts never keep the token.
export async function adoptTokenFromUrl() {
  localStorage.removeItem(OLD_TOKEN_KEY); // older pages kept it here
  const params = new URLSearchParams(location.search);
  if (!params.has('token')) return;
  const t = params.get('token');
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
  try { await startSession(t); } catch { /* a wrong token: the token bar asks again */ }
}

/** Trades the token for the session cookie; throws ApiError when it is wrong. */
export function startSession(t) {
  return api('/session', { method: 'POST', json: { token: t } });
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }
let onConnection = () => {};
export function whenConnectionChanges(fn) { onConnection = fn; }

/** A URL for elements that cannot send headers (img, a, EventSource). */
export function url(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) q.set(k, v);
  const s = q.toString();
  return '/api/v1' + path + (s ? '?' + s : '');
}

export async function api(path, { method = 'GET', json, body } = {}) {
  const headers = {};
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers, body, credentials: 'same-origin' });
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
