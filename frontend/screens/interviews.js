// Upcoming interviews in one list, each with the guides' prepare checklist (ticks kept here).
import { useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { dateText } from '../time.js';
import { html, ErrorBox, Link, Loading, useAsync } from '../ui.js';
import { CHECKLISTS, stored, store } from './today.js';

const FORMATS = { onsite: 'On site', video: 'Video', phone: 'Phone' };

async function load() {
  const [interviews, apps, contacts] = await Promise.all([api.interviews(), api.applications(), api.contacts()]);
  const now = new Date().toISOString();
  return {
    upcoming: interviews.filter((iv) => iv.ends_at > now).sort((a, b) => a.starts_at.localeCompare(b.starts_at)),
    apps: new Map(apps.map((a) => [a.id, a])),
    contacts: new Map(contacts.map((c) => [c.id, c])),
  };
}

function Prepare({ interview }) {
  const key = `prep:${interview.id}`;
  const [ticked, setTicked] = useState(() => stored(key, []));
  const toggle = (i) => {
    const next = ticked.includes(i) ? ticked.filter((x) => x !== i) : [...ticked, i];
    setTicked(next);
    store(key, next);
  };
  return html`<fieldset class="checklist">
    <legend>Prepare (${ticked.length} of ${CHECKLISTS.prepare_questions.length})</legend>
    ${CHECKLISTS.prepare_questions.map((item, i) => html`<label key=${i} class="check">
      <input type="checkbox" checked=${ticked.includes(i)} onChange=${() => toggle(i)} /> ${item}
    </label>`)}
  </fieldset>`;
}

export function InterviewsScreen({ me }) {
  const tz = me.timezone || 'UTC';
  const { data, error, loading, reload } = useAsync(load, []);
  return html`<h1 tabindex="-1">Upcoming interviews</h1>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Loading interviews…" />`}
    ${data && data.upcoming.length === 0 && html`<p class="empty card">No interviews coming up. Add one from an
      application's page, or <${Link} href="/interview">record one that just happened<//>.</p>`}
    ${data && data.upcoming.length > 0 && html`<ul class="cards interviews-list">${data.upcoming.map((iv) => {
      const app = data.apps.get(iv.application_id);
      const names = iv.interviewers.map((i) => data.contacts.get(i.contact_id)).filter(Boolean).map((c) => c.name);
      return html`<li key=${iv.id} class="card stack">
        <div>
          <h2 class="h3">${app ? html`<${Link} href=${`/applications/${app.id}`}>${app.company}<//>` : 'Interview'}
            <span class="round"> · ${app ? app.role_title : ''}, round ${iv.round}</span></h2>
          <p class="due"><time datetime=${iv.starts_at}>${dateText(iv.starts_at, tz, { time: true, weekday: true })}</time>
            ${iv.format && html`<span class="chip">${FORMATS[iv.format] || iv.format}</span>`}</p>
          ${names.length > 0 && html`<p class="meta">With ${names.join(', ')}</p>`}
        </div>
        <${Prepare} interview=${iv} />
      </li>`;
    })}</ul>`}`;
}
