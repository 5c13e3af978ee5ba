// History: the actions you marked done, snoozed or dismissed, each with Reopen.
import { useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { dateText } from '../time.js';
import { html, ErrorBox, Link, Loading, toast, useAsync } from '../ui.js';

const STATES = [
  ['dismissed', 'Dismissed'],
  ['snoozed', 'Snoozed'],
  ['done', 'Done'],
];

async function load(state) {
  const [history, apps] = await Promise.all([api.actionHistory(state), api.applications()]);
  return { items: history.items, apps: new Map(apps.map((a) => [a.id, a])) };
}

function stateText(item, tz) {
  const at = item.acted_at ? ` ${dateText(item.acted_at, tz)}` : '';
  if (item.state === 'snoozed') return item.until ? `Snoozed until ${dateText(item.until, tz, { time: true })}` : 'Snoozed';
  return `${item.state === 'done' ? 'Done' : 'Dismissed'}${at}`;
}

export function HistoryScreen({ me }) {
  const tz = me.timezone || 'UTC';
  const [state, setState] = useState('dismissed');
  const [reopened, setReopened] = useState({});
  const { data, error, loading, reload } = useAsync(() => load(state), [state]);

  const reopen = async (item) => {
    try {
      await api.reopen(item.key);
    } catch (e) {
      toast(`Could not reopen: ${e.message}`);
      return;
    }
    setReopened((r) => ({ ...r, [item.key]: true }));
    requestAnimationFrame(() => document.getElementById(`back-${item.key}`)?.focus());
  };

  return html`<h1 tabindex="-1">History</h1>
    <p class="lede">What you marked done, snoozed or dismissed. Reopen one to put it back on <${Link} href="/today">Today<//>.</p>
    <fieldset class="radios segmented">
      <legend>Show</legend>
      ${STATES.map(([value, label]) => html`<label key=${value}>
        <input type="radio" name="history-state" value=${value} checked=${state === value}
          onChange=${() => setState(value)} /> ${label}
      </label>`)}
    </fieldset>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Loading your history…" />`}
    ${data && data.items.length === 0 && html`<p class="empty card">Nothing ${STATES.find(([v]) => v === state)[1].toLowerCase()} yet.</p>`}
    ${data && data.items.length > 0 && html`<ul class="cards history">${data.items.map((item) => {
      const app = data.apps.get(item.application_id);
      return html`<li key=${item.key} class="card">
        <h2 class="h3">${item.title}</h2>
        <p class="meta">${app
          ? html`<${Link} href=${`/applications/${app.id}`}>${app.company}<//> · ${app.role_title} · `
          : item.company && `${item.company} · `}${stateText(item, tz)}</p>
        ${reopened[item.key]
          ? html`<p>${item.still_suggested === false
            ? html`<span class="ok">Cleared.</span> Your data no longer suggests it, so it does not come back on <${Link} id=${`back-${item.key}`} href="/today">Today<//>.`
            : html`<span class="ok">Reopened.</span> <${Link} id=${`back-${item.key}`} href="/today">Back on Today<//>`}</p>`
          : html`<button type="button" class="btn" onClick=${() => reopen(item)}>Reopen<span class="sr-only">: ${item.title}</span></button>`}
      </li>`;
    })}</ul>`}`;
}
