// The one module that knows the API's URLs. Everything else calls these functions.
// Auth is the session cookie (same origin), so fetch needs no extra credentials setup.

const BASE = '/api/v1';

// The API's validation messages are for developers ("String should have at least 1 character");
// people get these words instead, one message per field.
const PLAIN = [
  [/field required|must not be null|at least 1 character|must not be blank|is blank/i, () => 'Please fill this in.'],
  [/at least (\d+) characters?/i, (m) => `Use at least ${m[1]} characters.`],
  [/at most (\d+) characters?/i, (m) => `Keep it to ${m[1]} characters or fewer.`],
  [/email/i, () => 'Enter an email address such as name@example.com.'],
  [/ends_at must be after starts_at|must be after starts_at/i, () => 'The interview must end after it starts: give it a length of at least 5 minutes.'],
  [/valid datetime|timezone info|an offset/i, () => 'Enter a date and a time.'],
  [/should be a valid date|invalid date/i, () => 'Enter a date.'],
  [/valid url|should start with http/i, () => 'Enter a web address that starts with https://.'],
  [/greater than or equal to (\d+)/i, (m) => `Use ${m[1]} or more.`],
  [/less than or equal to (\d+)/i, (m) => `Use ${m[1]} or less.`],
  [/input should be '|input should be a valid|literal/i, () => 'Choose one of the options.'],
  [/not in the expected format/i, () => 'This is not in the expected format.'],
];
export function plainWords(msg, field) {
  if (field === 'job_url' && /format/.test(msg)) return 'Enter a web address that starts with https://.';
  for (const [pattern, say] of PLAIN) {
    const m = String(msg).match(pattern);
    if (m) return say(m);
  }
  const text = String(msg || 'This value is not valid').trim();
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}

/** An HTTP error turned into something a screen can show: a message and per-field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem && (problem.detail || problem.title);
    super(detail || (status ? `The server answered ${status}.` : 'The server could not be reached.'));
    this.status = status;
    this.problem = problem || {};
    // field name -> message; a field is the last string in the error's `loc`
    // (["body", "interviewers", 0, "notes"] → "notes"; the full path is also kept). A check of
    // the whole body ("ends_at must be after starts_at") goes to the field it names first.
    this.fields = {};
    for (const e of this.problem.errors || []) {
      const loc = (e.loc || []).filter((p) => p !== 'body' && p !== 'query');
      const named = String(e.msg || '').match(/^([a-z_]+) must/);
      const name = [...loc].reverse().find((p) => typeof p === 'string') || (named && named[1]) || (e.field || '_');
      const msg = plainWords(e.msg, name);
      if (!this.fields[name]) this.fields[name] = msg;
      if (loc.length) this.fields[loc.join('.')] = msg;
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

// Lost updates: every single resource's ETag is remembered, per object answered and per path,
// and PATCH/DELETE send it as If-Match, so an edit made elsewhere meanwhile is a 412, not
// silently overwritten. `version` names the object an edit started from.
const VERSIONED = /^\/(applications|contacts|interviews|touchpoints)(\/\d+)?$/;
const etagOfObject = new WeakMap();
const latestEtag = new Map();
/** The ETag the server gave with this object (undefined for list items). */
export const etagOf = (object) => (object ? etagOfObject.get(object) : undefined);

function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(url, init, retryable) {
  try {
    return await fetch(url, init);
  } catch {
    // A POST carries its Idempotency-Key, so one retry after a dropped connection is safe.
    if (retryable) {
      try {
        return await fetch(url, init);
      } catch { /* reported below */ }
    }
    throw new ApiError(0, { detail: 'The server could not be reached. Check your connection and try again.' });
  }
}

export async function request(method, path, { body, query, quiet401 = false, raw, type, version } = {}) {
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
  if (method === 'POST') init.headers['Idempotency-Key'] = newIdempotencyKey();
  if ((method === 'PATCH' || method === 'DELETE') && VERSIONED.test(path)) {
    const etag = etagOf(version) || latestEtag.get(path);
    if (etag) init.headers['If-Match'] = etag;
  }
  const res = await send(url, init, method === 'POST');
  if (res.status === 204) {
    latestEtag.delete(path);
    return null;
  }
  if (raw && res.ok) return res.blob();
  const ct = res.headers.get('Content-Type') || '';
  const data = ct.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !quiet401) onUnauthorized(err);
    throw err;
  }
  const etag = res.headers.get('ETag');
  if (etag && data && typeof data === 'object' && !query && VERSIONED.test(path)) {
    etagOfObject.set(data, etag);
    latestEtag.set(method === 'POST' && data.id !== undefined ? `${path}/${data.id}` : path, etag);
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
  updateApplication: (id, body, version) => request('PATCH', `/applications/${enc(id)}`, { body, version }),
  deleteApplication: (id, version) => request('DELETE', `/applications/${enc(id)}`, { version }),
  timeline: (id) => request('GET', `/applications/${enc(id)}/timeline`),
  // The contract has no documented application filter for these lists, so callers filter too.
  contacts: (applicationId) =>
    all('/contacts', { application_id: applicationId }).then((xs) =>
      applicationId ? xs.filter((c) => c.application_id === Number(applicationId)) : xs),
  createContact: (body) => request('POST', '/contacts', { body }),
  contact: (id) => request('GET', `/contacts/${enc(id)}`),
  updateContact: (id, body, version) => request('PATCH', `/contacts/${enc(id)}`, { body, version }),
  interviews: (applicationId) =>
    all('/interviews', { application_id: applicationId }).then((xs) =>
      applicationId ? xs.filter((i) => i.application_id === Number(applicationId)) : xs),
  deleteContact: (id, version) => request('DELETE', `/contacts/${enc(id)}`, { version }),
  createInterview: (body) => request('POST', '/interviews', { body }),
  interview: (id) => request('GET', `/interviews/${enc(id)}`),
  updateInterview: (id, body, version) => request('PATCH', `/interviews/${enc(id)}`, { body, version }),
  deleteInterview: (id, version) => request('DELETE', `/interviews/${enc(id)}`, { version }),
  createTouchpoint: (body) => request('POST', '/touchpoints', { body }),
  touchpoint: (id) => request('GET', `/touchpoints/${enc(id)}`),
  updateTouchpoint: (id, body, version) => request('PATCH', `/touchpoints/${enc(id)}`, { body, version }),
  deleteTouchpoint: (id, version) => request('DELETE', `/touchpoints/${enc(id)}`, { version }),

  // next actions
  nextActions: (applicationId) => request('GET', '/next-actions', { query: { application_id: applicationId } }),
  done: (key, body = {}) => request('POST', `/next-actions/${enc(key)}/done`, { body }),
  // `until` is an ISO moment, or {to: 'next_business_day'} for 09:00 on the user's next business day.
  snooze: (key, until) => request('POST', `/next-actions/${enc(key)}/snooze`, { body: typeof until === 'string' ? { until } : until }),
  dismiss: (key) => request('POST', `/next-actions/${enc(key)}/dismiss`),
  reopen: (key) => request('POST', `/next-actions/${enc(key)}/reopen`),
  /** What was done, snoozed or dismissed (`state`), newest first: {items, next_cursor}. */
  actionHistory: (state, { applicationId, cursor, limit } = {}) =>
    request('GET', '/next-actions', { query: { state, application_id: applicationId, cursor, limit } }),
  setActionInput: (key, valueAdd) => request('PUT', `/next-actions/${enc(key)}/input`, { body: { value_add: valueAdd } }),

  // insights and the message check
  insights: (from, to) => request('GET', '/insights', { query: { from, to } }),
  checkDraft: (body) => request('POST', '/drafts/check', { body }),

  // export and import (a Blob to save; a File whose type picks JSON or CSV), calendar feed
  exportBlob: (format) => request('GET', '/export', { query: { format }, raw: true }),
  importFile: (file, csv, { dryRun = false } = {}) => request('POST', '/import', {
    body: file, type: csv ? 'text/csv' : 'application/json', query: dryRun ? { dry_run: 'true' } : undefined,
  }),
  calendarFeed: () => request('GET', '/calendar-feed'),
  createCalendarFeed: () => request('POST', '/calendar-feed'),
  revokeCalendarFeed: () => request('DELETE', '/calendar-feed'),

  // every message sent and received (the People screen's history)
  touchpoints: () => all('/touchpoints'),
};

/** Mail: connected mailboxes, mail files, and the review list (see README "Mail"). */
export const mailApi = {
  mailboxes: () => all('/mailboxes'),
  connect: (body) => request('POST', '/mailboxes', { body }),
  update: (id, body) => request('PATCH', `/mailboxes/${enc(id)}`, { body }),
  disconnect: (id) => request('DELETE', `/mailboxes/${enc(id)}`),
  test: (id) => request('POST', `/mailboxes/${enc(id)}/test`),
  sync: (id) => request('POST', `/mailboxes/${enc(id)}/sync`),
  importFile: (file) => request('POST', '/mail/import', {
    body: file,
    type: /\.eml$/i.test(file.name || '') ? 'message/rfc822' : 'application/mbox',
  }),
  review: () => all('/mail/review'),
  reviewCount: () => request('GET', '/mail/review/count'),
  accept: (id) => request('POST', `/mail/review/${enc(id)}/accept`),
  ignore: (id) => request('POST', `/mail/review/${enc(id)}/ignore`),
};
