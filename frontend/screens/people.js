// People: everyone you have met or written to, one entry per person across applications
// (a recruiter often spans several jobs), with what happened with each of them.
import { api } from '../api.js';
import { dateText } from '../time.js';
import { html, ErrorBox, Link, Loading, STATUS_LABELS, useAsync } from '../ui.js';
import { KINDS } from './application.js';

/** Contacts with one email are one person; a contact without an email is a person alone. */
export function groupPeople(contacts) {
  const people = new Map();
  for (const c of contacts) {
    const id = c.email ? c.email.trim().toLowerCase() : `contact:${c.id}`;
    if (!people.has(id)) people.set(id, { id, name: c.name, email: c.email, contacts: [] });
    people.get(id).contacts.push(c);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function load() {
  const [contacts, apps, interviews, touchpoints] = await Promise.all([
    api.contacts(), api.applications(), api.interviews(), api.touchpoints(),
  ]);
  return {
    people: groupPeople(contacts),
    apps: new Map(apps.map((a) => [a.id, a])),
    interviews, touchpoints,
  };
}

/** What happened with one person, newest first: interviews they were in, messages to or from them. */
function historyOf(person, data) {
  const ids = new Set(person.contacts.map((c) => c.id));
  const met = data.interviews
    .filter((iv) => iv.interviewers.some((i) => ids.has(i.contact_id)))
    .map((iv) => ({ at: iv.starts_at, app: iv.application_id, text: `Interview, round ${iv.round}` }));
  const wrote = data.touchpoints.filter((t) => ids.has(t.contact_id)).map((t) => ({
    at: t.occurred_at, app: t.application_id,
    text: `${t.direction === 'inbound' ? 'Received' : 'Sent'}: ${KINDS[t.kind] || t.kind}`,
  }));
  return [...met, ...wrote].sort((a, b) => b.at.localeCompare(a.at));
}

export function PeopleScreen({ me }) {
  const tz = me.timezone || 'UTC';
  const { data, error, loading, reload } = useAsync(load, []);
  return html`<h1 tabindex="-1">People</h1>
    <p class="lede">Everyone from your applications, one entry per person even when they span several jobs.</p>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Loading people…" />`}
    ${data && data.people.length === 0 && html`<p class="empty card">No one yet. People appear here when you
      <${Link} href="/interview">record an interview<//> or add them to an application.</p>`}
    ${data && data.people.length > 0 && html`<ul class="cards people-list">${data.people.map((p) => {
      const history = historyOf(p, data);
      const titles = [...new Set(p.contacts.map((c) => c.title).filter(Boolean))];
      return html`<li key=${p.id} class="card">
        <h2 class="h3">${p.name}</h2>
        <p class="meta">${[titles.join(', '), p.email].filter(Boolean).join(' · ')}</p>
        <p><strong>${p.contacts.length === 1 ? 'Application' : `${p.contacts.length} applications`}:</strong></p>
        <ul class="plain">${p.contacts.map((c) => {
          const app = data.apps.get(c.application_id);
          return app && html`<li key=${c.id}><${Link} href=${`/applications/${app.id}`}>${app.company}<//> · ${app.role_title}
            <span class="chip">${STATUS_LABELS[app.status] || app.status}</span></li>`;
        })}</ul>
        ${history.length > 0 && html`<details class="sources">
          <summary>History: ${history.length} ${history.length === 1 ? 'entry' : 'entries'}</summary>
          <ul class="plain">${history.map((h, i) => html`<li key=${i}>
            <time datetime=${h.at}>${dateText(h.at, tz)}</time> · ${h.text}
            ${data.apps.get(h.app) ? ` (${data.apps.get(h.app).company})` : ''}
          </li>`)}</ul>
        </details>`}
      </li>`;
    })}</ul>`}`;
}
