// The one module that knows the API's URLs. Everything else calls these functions.
// Auth is the session cookie (same origin), so fetch needs no extra credentials setup.

const BASE = '/api/v1';

/** An HTTP error turned into something a screen can show: a message and per-field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem && (problem.detail || problem.title);
    super(detail || (status ? `The server answered ${status}.` : 'The server could not be reached.'));
    this.status = status;
    this.problem = problem || {};
    // field name -> message; a field is the last string in the error's `loc`
    // (["body", "interviewers", 0, "notes"] → "notes"; the full path is also kept).
    this.fields = {};
    for (const e of this.problem.errors || []) {
      const loc = (e.loc || []).filter((p) => p !== 'body' && p !== 'query');
      const name = [...loc].reverse().find((p) => typeof p === 'string') || '_';
      const msg = e.msg || 'Invalid value.';
      this.fields[name] = this.fields[name] ? `${this.fields[name]} ${msg}` : msg;
      this.fields[loc.join('.')] = msg;
    }
  }
}

// The session cookie is HttpOnly, so the page cannot see it; this flag remembers that a log-in
// happened in this browser, so a fresh visit by a logged-out user goes straight to the log-in
// screen instead of asking /me for a 401.
const HINT = 'followup.session';
export function hasSessionHint() {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}
export function setSessionHint(on) {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    /* storage unavailable: we then always ask /me */
  }
}

let onUnauthorized = () => {};
/** Registers what to do when a request finds the session gone (the app shows the log-in screen). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export async function request(method, path, { body, query, quiet401 = false, raw, type } = {}) {
  let url = BASE + path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    if (s) url += `?${s}`;
  }
  const init = { method, headers: { Accept: 'application/json, application/problem+json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = type || 'application/json';
    init.body = type ? body : JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, { detail: 'The server could not be reached. Check your connection and try again.' });
  }
  if (res.status === 204) return null;
  if (raw && res.ok) return res.blob();
  const ct = res.headers.get('Content-Type') || '';
  const data = ct.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !quiet401) onUnauthorized(err);
    throw err;
  }
  return data;
}

/** Follows `next_cursor` until the whole collection is loaded (the lists here are small). */
async function all(path, query = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const data = await request('GET', path, { query: { ...query, limit: 200, cursor } });
    items.push(...data.items);
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return items;
}

const enc = encodeURIComponent;

export const api = {
  // auth and account
  register: (body) => request('POST', '/auth/register', { body }),
  login: (body) => request('POST', '/auth/login', { body, quiet401: true }).then((r) => {
    setSessionHint(true);
    return r;
  }),
  logout: () => request('POST', '/auth/logout'),
  me: () => request('GET', '/me', { quiet401: true }),
  updateMe: (body) => request('PATCH', '/me', { body }),
  tokens: () => all('/tokens'),
  policyProfiles: () => all('/policy-profiles'),
  createToken: (body) => request('POST', '/tokens', { body }),
  revokeToken: (id) => request('DELETE', `/tokens/${enc(id)}`),

  // resources
  applications: (query) => all('/applications', query),
  application: (id) => request('GET', `/applications/${enc(id)}`),
  createApplication: (body) => request('POST', '/applications', { body }),
  updateApplication: (id, body) => request('PATCH', `/applications/${enc(id)}`, { body }),
  timeline: (id) => request('GET', `/applications/${enc(id)}/timeline`),
  // The contract has no documented application filter for these lists, so callers filter too.
  contacts: (applicationId) =>
    all('/contacts', { application_id: applicationId }).then((xs) =>
      applicationId ? xs.filter((c) => c.application_id === Number(applicationId)) : xs),
  createContact: (body) => request('POST', '/contacts', { body }),
  updateContact: (id, body) => request('PATCH', `/contacts/${enc(id)}`, { body }),
  interviews: (applicationId) =>
    all('/interviews', { application_id: applicationId }).then((xs) =>
      applicationId ? xs.filter((i) => i.application_id === Number(applicationId)) : xs),
  deleteContact: (id) => request('DELETE', `/contacts/${enc(id)}`),
  createInterview: (body) => request('POST', '/interviews', { body }),
  updateInterview: (id, body) => request('PATCH', `/interviews/${enc(id)}`, { body }),
  deleteInterview: (id) => request('DELETE', `/interviews/${enc(id)}`),
  createTouchpoint: (body) => request('POST', '/touchpoints', { body }),

  // next actions
  nextActions: (applicationId) => request('GET', '/next-actions', { query: { application_id: applicationId } }),
  done: (key, body = {}) => request('POST', `/next-actions/${enc(key)}/done`, { body }),
  snooze: (key, until) => request('POST', `/next-actions/${enc(key)}/snooze`, { body: { until } }),
  dismiss: (key) => request('POST', `/next-actions/${enc(key)}/dismiss`),
  reopen: (key) => request('POST', `/next-actions/${enc(key)}/reopen`),
  setActionInput: (key, valueAdd) => request('PUT', `/next-actions/${enc(key)}/input`, { body: { value_add: valueAdd } }),

  // insights and the message check
  insights: (from, to) => request('GET', '/insights', { query: { from, to } }),
  checkDraft: (body) => request('POST', '/drafts/check', { body }),

  // export and import (a Blob to save; a File whose type picks JSON or CSV), calendar feed
  exportBlob: (format) => request('GET', '/export', { query: { format }, raw: true }),
  importFile: (file, csv) => request('POST', '/import', { body: file, type: csv ? 'text/csv' : 'application/json' }),
  calendarFeed: () => request('GET', '/calendar-feed'),
  createCalendarFeed: () => request('POST', '/calendar-feed'),
  revokeCalendarFeed: () => request('DELETE', '/calendar-feed'),
};
