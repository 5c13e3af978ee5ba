// Shared pieces: the html tag, routing, async loading, form fields, toasts.
import { h } from './vendor/preact/preact.module.js';
import { useCallback, useEffect, useRef, useState } from './vendor/preact/hooks.module.js';
import htm from './vendor/htm/htm.module.js';

// htm builds preact vnodes; interpolated strings are always text nodes, never parsed as HTML.
export const html = htm.bind(h);

// ---- routing (history API; the server answers index.html for any non-API path) ----
const routeListeners = new Set();
export function currentPath() {
  return location.pathname + location.search;
}
export function navigate(to, { replace = false } = {}) {
  if (to === currentPath()) return;
  if (!replace && !mayLeave()) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  shownPath = to;
  routeListeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}

// ---- unsaved changes: a form with edits asks before the page or the screen goes away ----
const unsavedForms = new Set();
let shownPath = currentPath();
const LEAVE_QUESTION = 'You have changes that are not saved. Leave and lose them?';
function mayLeave() {
  if (unsavedForms.size === 0) return true;
  if (!window.confirm(LEAVE_QUESTION)) return false;
  unsavedForms.clear();
  return true;
}
function warnBeforeUnload(e) {
  if (unsavedForms.size === 0) return undefined;
  e.preventDefault();
  e.returnValue = LEAVE_QUESTION; // older browsers show their own words; the prompt is what counts
  return LEAVE_QUESTION;
}
window.addEventListener('beforeunload', warnBeforeUnload);
/** While `dirty`, leaving by a link, Back or a reload asks first. */
export function useUnsavedChanges(dirty) {
  const token = useRef({});
  useEffect(() => {
    if (dirty) unsavedForms.add(token.current);
    else unsavedForms.delete(token.current);
    return () => unsavedForms.delete(token.current);
  }, [dirty]);
}

export function useRoute() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = (e) => {
      // Back or Forward past a form with unsaved edits: ask, and stay (restore the URL) on No.
      if (e && e.type === 'popstate' && currentPath() !== shownPath && !mayLeave()) {
        history.pushState(null, '', shownPath);
        return;
      }
      shownPath = currentPath();
      setPath(shownPath);
    };
    routeListeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      routeListeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** An in-app link: a real <a href> (works with middle-click and keyboard) routed without reload. */
export function Link({ href, children, ...rest }) {
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

// ---- async data ----
/** Runs `load` on mount and when `deps` change; keeps the old data while reloading (no jumps). */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => n === seq.current && setState({ data, error: null, loading: false }),
      (error) => n === seq.current && setState((s) => ({ ...s, error, loading: false })),
    );
  }, deps);
  useEffect(run, [run]);
  const setData = (f) => setState((s) => ({ ...s, data: typeof f === 'function' ? f(s.data) : f }));
  return { ...state, reload: run, setData };
}

export function Loading({ label = 'Loading…' }) {
  return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${label}</p>`;
}

export function ErrorBox({ error, retry }) {
  if (!error) return null;
  return html`<div class="error-box" role="alert">
    <p>${error.message || String(error)}</p>
    ${retry && html`<button type="button" class="btn" onClick=${retry}>Try again</button>`}
  </div>`;
}

// ---- forms ----
let idSeq = 0;
export function useId(prefix = 'f') {
  const ref = useRef(null);
  if (ref.current === null) ref.current = `${prefix}${++idSeq}`;
  return ref.current;
}

/**
 * A labelled control with its error beside it. `as` is input | textarea | select; `error` is the
 * message for this field (from ApiError.fields); `limit` caps the length and shows a counter.
 */
export function Field({ label, error, hint, warning, limit, as = 'input', children, class: cls = '', ...props }) {
  const id = useId();
  const length = limit && typeof props.value === 'string' ? props.value.length : null;
  const describedBy = [
    hint && `${id}-hint`, warning && `${id}-warn`, limit && `${id}-count`, error && `${id}-err`,
  ].filter(Boolean).join(' ') || undefined;
  const control = h(as, {
    id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy,
    maxlength: limit || undefined, ...props,
  }, children);
  return html`<div class=${`field ${cls}`}>
    <label for=${id}>${label}</label>
    ${control}
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    ${limit && html`<p class=${`counter${length > limit * 0.9 ? ' counter-near' : ''}`} id=${`${id}-count`}>
      ${length ?? 0} of ${limit} characters</p>`}
    ${warning && html`<p class="field-warning" id=${`${id}-warn`}>${warning}</p>`}
    ${error && html`<p class="field-error" id=${`${id}-err`}>${error}</p>`}
  </div>`;
}

/** After a failed save, moves focus to the first field marked invalid (else the error box). */
export function focusFirstInvalid(formElement) {
  // Preact renders the marks on the next frame.
  requestAnimationFrame(() => {
    if (!formElement || !formElement.isConnected) return;
    const target = formElement.querySelector('[aria-invalid="true"]') || formElement.querySelector('.error-box');
    if (!target) return;
    if (!target.hasAttribute('tabindex') && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'center' });
  });
}

/**
 * A form's state: its values, a setter per field, the last error and its per-field messages, and
 * a submit handler that prevents the page load, marks the form busy, keeps the error and moves
 * focus to the first field it marks. `save(form)` does the request and updates whatever it
 * needs; `reset(values)` starts afresh; `check(form)` may return {field: message} to refuse a
 * save before any request.
 */
export function useForm(initial, save, { check } = {}) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => {
    setForm({ ...form, [k]: e.currentTarget.value });
    // A field's error goes once the field is changed; the others stay until the next save.
    setError(withoutField(error, k));
  };
  const submit = async (e) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const refused = check && check(form);
    if (refused && Object.keys(refused).length) {
      setError(formError(refused));
      focusFirstInvalid(formElement);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await save(form);
    } catch (err) {
      setError(err);
      focusFirstInvalid(formElement);
    } finally {
      setBusy(false);
    }
  };
  const reset = (values) => {
    setForm(values);
    setError(null);
  };
  return { form, setForm, reset, set, error, setError, fields: (error && error.fields) || {}, busy, submit };
}

/** The error once `name` was corrected: the same, less that field's message (null when none is left). */
export function withoutField(error, name) {
  if (!error || !error.fields || !error.fields[name]) return error;
  const fields = Object.fromEntries(Object.entries(error.fields)
    .filter(([k]) => k !== name && !k.endsWith(`.${name}`)));
  if (!Object.keys(fields).some((k) => !k.includes('.'))) return null;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error)), error, { fields });
  copy.message = error.message;
  return copy;
}

/** An error found before sending, shaped like the API's: a message and {field: message}. */
export function formError(fields) {
  const err = new Error('Please correct the fields marked below.');
  err.fields = fields;
  return err;
}

/** The fields of `form` that differ from `original`, with blank text sent as null (cleared). */
export function changedFields(form, original) {
  const body = {};
  for (const k of Object.keys(form)) {
    if (form[k] !== original[k]) body[k] = typeof form[k] === 'string' && form[k].trim() === '' ? null : form[k];
  }
  return body;
}

/** A form-level error: the problem's detail plus any field errors no control claimed. */
export function FormError({ error, known = [] }) {
  if (!error) return null;
  const rest = Object.entries(error.fields || {})
    .filter(([k]) => !k.includes('.') && !known.includes(k));
  const claimed = Object.keys(error.fields || {}).some((k) => !k.includes('.') && known.includes(k));
  const message = claimed || rest.length ? 'Please correct the fields marked below.' : error.message;
  return html`<div class="error-box" role="alert">
    <p>${message}</p>
    ${rest.length > 0 && html`<ul>${rest.map(([k, v]) => html`<li>${k === '_' ? '' : `${k.replaceAll('_', ' ')}: `}${v}</li>`)}</ul>`}
  </div>`;
}

/** The fields another edit changed since `original`: [{name, theirs, mine}] (mine if you changed it too). */
export function conflictFields(original, theirs, mine, names) {
  return names
    .filter((k) => (original[k] ?? null) !== (theirs[k] ?? null) || (k in mine && (mine[k] ?? null) !== (theirs[k] ?? null)))
    .map((k) => ({ name: k, theirs: theirs[k] ?? null, mine: k in mine ? mine[k] : undefined }));
}

/**
 * A 412 made visible: what changed elsewhere since this form was opened, and the choice.
 * `rows` from conflictFields; `labels` names the fields for people.
 */
export function ConflictBox({ rows, labels, onKeepMine, onTakeTheirs, busy }) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current) ref.current.focus();
  }, []);
  const shown = (v) => (v === null || v === '' ? '(empty)' : String(v));
  return html`<div class="conflict" role="alert" aria-labelledby="conflict-title" tabindex="-1" ref=${ref}>
    <p id="conflict-title"><strong>This was changed elsewhere (another tab or device) after you opened it.</strong> Nothing
      was saved yet. Choose which version to keep:</p>
    <dl class="conflict-rows">${rows.map((r) => html`<div key=${r.name}>
      <dt>${labels[r.name] || r.name}</dt>
      <dd>Now: <span class="pre">${shown(r.theirs)}</span>${r.mine !== undefined && html`<br />Yours: <span class="pre">${shown(r.mine)}</span>`}</dd>
    </div>`)}</dl>
    <div class="row">
      <button type="button" class="btn btn-primary" disabled=${busy} onClick=${onKeepMine}>Keep mine</button>
      <button type="button" class="btn" disabled=${busy} onClick=${onTakeTheirs}>Take theirs</button>
    </div>
  </div>`;
}

// ---- toasts ----
let toasts = [];
const toastListeners = new Set();
let toastSeq = 0;
function emit() {
  toastListeners.forEach((fn) => fn(toasts));
}
export function dismissToast(id) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}
/** Shows a message for `ms`; `action` = {label, run} adds a button (Undo). */
/** A short message; with `focus`, its action takes the keyboard focus (an Undo for something
 * the user just removed from under it), and it stays while focus is inside it. */
export function toast(message, { action, ms = 6000, focus = false } = {}) {
  const id = ++toastSeq;
  toasts = [...toasts.slice(-2), { id, message, action, focus }];
  emit();
  const expire = () => {
    const focused = document.activeElement && document.activeElement.closest(`[data-toast="${id}"]`);
    if (focused) setTimeout(expire, 2000);
    else dismissToast(id);
  };
  setTimeout(expire, ms);
  return id;
}
export function Toasts() {
  const [list, setList] = useState(toasts);
  useEffect(() => {
    toastListeners.add(setList);
    return () => toastListeners.delete(setList);
  }, []);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${list.map((t) => html`<div class="toast" key=${t.id} data-toast=${t.id}>
      <span>${t.message}</span>
      ${t.action && html`<button type="button" class="btn btn-small"
        ref=${(el) => { if (el && t.focus && !t.focused) { t.focused = true; el.focus(); } }} onClick=${() => {
        dismissToast(t.id);
        t.action.run();
      }}>${t.action.label}</button>`}
      <button type="button" class="btn-icon" aria-label="Close message" onClick=${() => dismissToast(t.id)}>×</button>
    </div>`)}
  </div>`;
}

/** Copies text; falls back to selecting a textarea when the clipboard API is unavailable. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

export const STATUS_LABELS = {
  applied: 'Applied', interviewing: 'Interviewing', offer: 'Offer', hired: 'Hired',
  rejected: 'Rejected', withdrawn: 'Withdrawn', closed: 'Closed',
};
