// Settings → Webhooks: post events to your own endpoint; the signing secret is shown once.
import { useState } from '../vendor/preact/hooks.module.js';
import { request } from '../api.js';
import { dateTime } from '../time.js';
import { html, copyText, ErrorBox, Field, FormError, Loading, toast, useAsync } from '../ui.js';

const EVENTS = [
  ['touchpoint.created', 'A message is logged'],
  ['application.updated', 'An application changes'],
  ['action.done', 'A follow-up is done'],
  ['action.due', 'A follow-up becomes due'],
];

async function list() {
  return (await request('GET', '/webhooks', { query: { limit: 200 } })).items;
}

export function Webhooks({ tz }) {
  const { data, error, loading, reload, setData } = useAsync(list, []);
  const [form, setForm] = useState({ url: '', events: EVENTS.map(([e]) => e) });
  const [formError, setFormError] = useState(null);
  const [fresh, setFresh] = useState(null);
  const f = (formError && formError.fields) || {};
  const toggle = (name) => setForm({
    ...form, events: form.events.includes(name) ? form.events.filter((e) => e !== name) : [...form.events, name],
  });
  const create = async (e) => {
    e.preventDefault();
    setFormError(null);
    try {
      const hook = await request('POST', '/webhooks', { body: { url: form.url.trim(), events: form.events } });
      setFresh(hook);
      setForm({ ...form, url: '' });
      setData((xs) => [...(xs || []), hook]);
    } catch (err) {
      setFormError(err);
    }
  };
  const remove = async (hook) => {
    if (!window.confirm(`Stop posting to ${hook.url}?`)) return;
    try {
      await request('DELETE', `/webhooks/${hook.id}`);
      setData((xs) => xs.filter((x) => x.id !== hook.id));
    } catch (err) {
      toast(`Could not delete: ${err.message}`);
    }
  };
  const turnOn = async (hook) => {
    const changed = await request('PATCH', `/webhooks/${hook.id}`, { body: { active: true } });
    setData((xs) => xs.map((x) => (x.id === hook.id ? changed : x)));
  };
  return html`<section class="card stack" aria-labelledby="s-webhooks">
    <h2 id="s-webhooks">Webhooks</h2>
    <p class="muted">Followup posts each event to your URL, signed per Standard Webhooks, and retries for a day.</p>
    <form class="stack" onSubmit=${create} novalidate aria-label="Add a webhook">
      <${FormError} error=${formError} known=${['url', 'events']} />
      <${Field} label="URL" type="url" value=${form.url} error=${f.url}
        onInput=${(e) => setForm({ ...form, url: e.currentTarget.value })} hint="https://… on your server." />
      <fieldset class="radios"><legend>Events</legend>
        ${EVENTS.map(([name, label]) => html`<label key=${name}><input type="checkbox" checked=${form.events.includes(name)}
          onChange=${() => toggle(name)} /> ${label} <code>${name}</code></label>`)}
        ${f.events && html`<p class="field-error">${f.events}</p>`}
      </fieldset>
      <div><button class="btn btn-primary" type="submit">Add webhook</button></div>
    </form>
    ${fresh && html`<div class="new-token" role="status">
      <p><strong>Copy the signing secret now.</strong> It is shown only once.</p>
      <label for="new-secret" class="sr-only">Signing secret</label>
      <input id="new-secret" class="mono" readonly value=${fresh.secret} onFocus=${(e) => e.currentTarget.select()} />
      <div class="row">
        <button type="button" class="btn" onClick=${async () => toast((await copyText(fresh.secret)) ? 'Secret copied.' : 'Could not copy; select it and copy.')}>Copy secret</button>
        <button type="button" class="btn btn-quiet" onClick=${() => setFresh(null)}>I have saved it</button>
      </div>
    </div>`}
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} />`}
    ${data && data.length === 0 && html`<p class="muted">No webhooks yet.</p>`}
    ${data && data.length > 0 && html`<ul class="plain tokens">${data.map((h) => html`<li key=${h.id}>
      <${Hook} hook=${h} tz=${tz} onDelete=${() => remove(h)} onTurnOn=${() => turnOn(h)} /></li>`)}</ul>`}
  </section>`;
}

function Hook({ hook, tz, onDelete, onTurnOn }) {
  const [shown, setShown] = useState(null);
  const load = async () => setShown((await request('GET', `/webhooks/${hook.id}/deliveries`, { query: { limit: 200 } })).items);
  return html`<div class="stack">
    <span><strong class="mono">${hook.url}</strong> ${!hook.active && html`<span class="chip">off</span>`}
      <br /><span class="muted">${hook.events.join(', ')}</span>
      ${hook.disabled_reason && html`<br /><span class="field-error">${hook.disabled_reason}</span>`}</span>
    <div class="row">
      <button type="button" class="btn btn-small" onClick=${load}>Deliveries</button>
      ${!hook.active && html`<button type="button" class="btn btn-small" onClick=${onTurnOn}>Turn on</button>`}
      <button type="button" class="btn btn-small btn-quiet" onClick=${onDelete} aria-label=${`Delete ${hook.url}`}>Delete</button>
    </div>
    ${shown && (shown.length === 0
      ? html`<p class="muted">Nothing sent yet.</p>`
      : html`<ul class="plain deliveries">${shown.map((d) => html`<li key=${d.id}>
          <code>${d.event}</code> · ${d.status}${d.last_status_code ? ` (${d.last_status_code})` : ''} · ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}
          ${d.next_attempt_at && html` · next ${dateTime(d.next_attempt_at, tz)}`}
          ${d.last_response && html`<br /><span class="muted mono">${d.last_response.slice(0, 120)}</span>`}</li>`)}</ul>`)}
  </div>`;
}
