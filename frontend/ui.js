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
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  routeListeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}
export function useRoute() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
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
 * A labelled control with its server error beside it. `as` is input | textarea | select;
 * `error` is the message for this field (from ApiError.fields).
 */
export function Field({ label, error, hint, as = 'input', children, class: cls = '', ...props }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  const control = h(as, {
    id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy, ...props,
  }, children);
  return html`<div class=${`field ${cls}`}>
    <label for=${id}>${label}</label>
    ${control}
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    ${error && html`<p class="field-error" id=${`${id}-err`}>${error}</p>`}
  </div>`;
}

/**
 * A form's state: its values, a setter per field, the last error and its per-field messages, and
 * a submit handler that prevents the page load, marks the form busy and keeps the error.
 * `save(form)` does the request and updates whatever it needs; `reset(values)` starts afresh.
 */
export function useForm(initial, save) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save(form);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reset = (values) => {
    setForm(values);
    setError(null);
  };
  return { form, setForm, reset, set, error, fields: (error && error.fields) || {}, busy, submit };
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
  const message = claimed && rest.length === 0 ? 'Please correct the fields marked below.' : error.message;
  return html`<div class="error-box" role="alert">
    <p>${message}</p>
    ${rest.length > 0 && html`<ul>${rest.map(([k, v]) => html`<li>${k === '_' ? '' : `${k}: `}${v}</li>`)}</ul>`}
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
export function toast(message, { action, ms = 6000 } = {}) {
  const id = ++toastSeq;
  toasts = [...toasts.slice(-2), { id, message, action }];
  emit();
  setTimeout(() => dismissToast(id), ms);
  return id;
}
export function Toasts() {
  const [list, setList] = useState(toasts);
  useEffect(() => {
    toastListeners.add(setList);
    return () => toastListeners.delete(setList);
  }, []);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${list.map((t) => html`<div class="toast" key=${t.id}>
      <span>${t.message}</span>
      ${t.action && html`<button type="button" class="btn btn-small" onClick=${() => {
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
