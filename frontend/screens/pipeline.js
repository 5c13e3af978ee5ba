// Pipeline: applications in columns by status group, with counts, search, and status changed in place.
import { useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { calendarDate, daysBetween, plural } from '../time.js';
import {
  html, ErrorBox, Field, FormError, Link, Loading, navigate, STATUS_LABELS, toast, useAsync, useForm,
} from '../ui.js';

export const COLUMNS = [
  ['applied', 'Applied', ['applied']],
  ['interviewing', 'Interviewing', ['interviewing']],
  ['offer', 'Offer', ['offer']],
  ['decided', 'Decided', ['hired', 'rejected']],
  ['closed', 'Closed', ['withdrawn', 'closed']],
];

export function StatusSelect({ app, onChange, label }) {
  const text = label || html`Status<span class="sr-only"> of ${app.company}, ${app.role_title}</span>`;
  return html`<${Field} as="select" class="status-field" label=${text}
    value=${app.status} onChange=${(e) => onChange(e.currentTarget.value)}>
    ${Object.entries(STATUS_LABELS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
  <//>`;
}

// Where a card dropped on a column lands; a column of several statuses takes its usual one.
const DROP_STATUS = { applied: 'applied', interviewing: 'interviewing', offer: 'offer', decided: 'rejected', closed: 'closed' };

/** When the application entered its present stage, from the dates it has (there is no status
 * history): applied on; first interview; offered on; decided on; else its last change. */
function stageSince(app, firstInterview) {
  const by = {
    applied: app.applied_on || app.created_at,
    interviewing: firstInterview,
    offer: app.offered_on,
    hired: app.decided_on,
    rejected: app.decided_on,
  };
  return by[app.status] || app.updated_at;
}

const SORTS = {
  stage: ['Longest in stage first', (a, b) => (b.days ?? -1) - (a.days ?? -1)],
  company: ['Company A–Z', (a, b) => a.company.localeCompare(b.company)],
  newest: ['Newest first', (a, b) => b.created_at.localeCompare(a.created_at)],
};

async function loadBoard() {
  const [apps, interviews] = await Promise.all([api.applications(), api.interviews()]);
  const first = new Map();
  for (const iv of interviews) {
    const seen = first.get(iv.application_id);
    if (!seen || iv.starts_at < seen) first.set(iv.application_id, iv.starts_at);
  }
  return apps.map((a) => ({ ...a, first_interview_at: first.get(a.id) || null }));
}

function daysInStage(app, today) {
  const days = daysBetween(stageSince(app, app.first_interview_at), today);
  return days === null || days < 0 || days > 3650 ? null : days;
}

export function PipelineScreen({ route }) {
  const { data, error, loading, reload, setData } = useAsync(loadBoard, []);
  const query = (route && route.query) || new URLSearchParams();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('all');
  const [sort, setSort] = useState('stage');
  const [tag, setTag] = useState('');
  const [source, setSource] = useState('');
  const [adding, setAdding] = useState(query.has('new'));
  const [over, setOver] = useState(null);
  const today = new Date().toISOString();

  const changeStatus = async (app, status) => {
    if (status === app.status) return;
    const before = app.status;
    setData((xs) => xs.map((a) => (a.id === app.id ? { ...a, status } : a)));
    try {
      const updated = await api.updateApplication(app.id, { status });
      setData((xs) => xs.map((a) => (a.id === app.id ? { ...a, ...updated } : a)));
      toast(`${app.company}: ${STATUS_LABELS[status]}.`);
    } catch (e) {
      setData((xs) => xs.map((a) => (a.id === app.id ? { ...a, status: before } : a)));
      toast(`Could not change the status: ${e.message}`);
    }
  };
  const drop = (column) => (e) => {
    e.preventDefault();
    setOver(null);
    const app = (data || []).find((a) => String(a.id) === e.dataTransfer.getData('text/plain'));
    if (app && !COLUMNS.find(([k]) => k === column)[2].includes(app.status)) changeStatus(app, DROP_STATUS[column]);
  };

  const needle = q.trim().toLowerCase();
  // The tags and sources the user has used, to filter by (the board holds every application).
  const tags = [...new Set((data || []).flatMap((a) => a.tags || []))].sort();
  const sources = [...new Set((data || []).map((a) => a.source).filter(Boolean))].sort();
  const shown = (data || []).filter((a) => (!needle
    || `${a.company} ${a.role_title} ${a.location || ''}`.toLowerCase().includes(needle))
    && (!tag || (a.tags || []).includes(tag)) && (!source || a.source === source))
    .map((a) => ({ ...a, days: daysInStage(a, today) }))
    .sort(SORTS[sort][1]);
  const columns = COLUMNS.filter(([k]) => group === 'all' || group === k);

  return html`<div class="page-head">
      <h1 tabindex="-1">Pipeline</h1>
      <button type="button" class="btn" aria-expanded=${adding ? 'true' : 'false'} onClick=${() => setAdding(!adding)}>Add an application</button>
    </div>
    ${adding && html`<${NewApplication} shared=${query} onCreated=${(a) => navigate(`/applications/${a.id}`)} onCancel=${() => setAdding(false)} />`}
    <form class="filters row" role="search" onSubmit=${(e) => e.preventDefault()}>
      <${Field} label="Search company or role" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} />
      <${Field} as="select" label="Show" value=${group} onChange=${(e) => setGroup(e.currentTarget.value)}>
        <option value="all">All columns</option>
        ${COLUMNS.map(([k, l]) => html`<option value=${k}>${l}</option>`)}
      <//>
      ${tags.length > 0 && html`<${Field} as="select" label="Tag" value=${tag} onChange=${(e) => setTag(e.currentTarget.value)}>
        <option value="">Any tag</option>
        ${tags.map((t) => html`<option value=${t}>${t}</option>`)}
      <//>`}
      ${sources.length > 0 && html`<${Field} as="select" label="Found through" value=${source} onChange=${(e) => setSource(e.currentTarget.value)}>
        <option value="">Anywhere</option>
        ${sources.map((x) => html`<option value=${x}>${x}</option>`)}
      <//>`}
      <${Field} as="select" label="Sort" value=${sort} onChange=${(e) => setSort(e.currentTarget.value)}>
        ${Object.entries(SORTS).map(([k, [l]]) => html`<option value=${k}>${l}</option>`)}
      <//>
    </form>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Loading applications…" />`}
    ${data && data.length === 0 && html`<div class="empty card">
      <h2>No applications yet</h2>
      <p>Add the jobs you applied for, or <${Link} href="/interview">record an interview<//> and the application is created with it.</p>
    </div>`}
    ${data && data.length > 0 && html`<p class="hint board-hint">Drag a card to another column, or use its Status or the arrow buttons.</p>
    <div class="board">
      ${columns.map(([k, label, statuses]) => {
        const items = shown.filter((a) => statuses.includes(a.status));
        return html`<section class=${`column${over === k ? ' drop-here' : ''}`} aria-labelledby=${`col-${k}`} key=${k}
          onDragOver=${(e) => { e.preventDefault(); setOver(k); }} onDragLeave=${() => setOver(null)} onDrop=${drop(k)}>
          <h2 id=${`col-${k}`}>${label} <span class="count" aria-label=${`${items.length} applications`}>${items.length}</span></h2>
          ${items.length === 0
            ? html`<p class="muted">${needle ? 'No match.' : 'None.'}</p>`
            : html`<ul class="cards">${items.map((a) => html`<${BoardCard} key=${a.id} app=${a}
                prev=${COLUMNS[COLUMNS.findIndex(([c]) => c === k) - 1]} next=${COLUMNS[COLUMNS.findIndex(([c]) => c === k) + 1]}
                onStatus=${(st) => changeStatus(a, st)} />`)}</ul>`}
        </section>`;
      })}
    </div>`}`;
}

function BoardCard({ app: a, prev, next, onStatus }) {
  const move = (column) => {
    onStatus(DROP_STATUS[column[0]]);
    requestAnimationFrame(() => document.querySelector(`[data-app="${a.id}"] .move button`)?.focus());
  };
  return html`<li class="card app-card" draggable="true" data-app=${a.id}
    onDragStart=${(e) => { e.dataTransfer.setData('text/plain', String(a.id)); e.dataTransfer.effectAllowed = 'move'; }}>
    <h3><${Link} href=${`/applications/${a.id}`}>${a.company}<//></h3>
    <p>${a.role_title}</p>
    ${a.applied_on && html`<p class="muted">Applied ${calendarDate(a.applied_on)}</p>`}
    <p class="muted in-stage">${a.days === null ? 'Time in stage unknown' : a.days === 0 ? 'In this stage since today' : `${plural(a.days, 'day')} in this stage`}</p>
    <${StatusSelect} app=${a} onChange=${onStatus} />
    <div class="move row">
      ${prev && html`<button type="button" class="btn btn-small" onClick=${() => move(prev)}
        aria-label=${`Move ${a.company}, ${a.role_title} to ${prev[1]}`}>← ${prev[1]}</button>`}
      ${next && html`<button type="button" class="btn btn-small" onClick=${() => move(next)}
        aria-label=${`Move ${a.company}, ${a.role_title} to ${next[1]}`}>${next[1]} →</button>`}
    </div>
  </li>`;
}

/** A shared page's title and address (the share target, the bookmarklet): the first link in
 * the text when no url came, and "Role at Company" / "Role - Company" split when it looks so. */
export function fromShared(query) {
  const text = query.get('text') || '';
  const url = query.get('url') || (text.match(/https?:\/\/\S+/) || [''])[0];
  const title = (query.get('title') || text.replace(url, '')).trim();
  const parts = title.split(/\s+(?:at|@|[-–—|])\s+/);
  return parts.length >= 2
    ? { role_title: parts[0].trim(), company: parts[1].trim(), job_url: url }
    : { role_title: title, company: '', job_url: url };
}

function NewApplication({ shared, onCreated, onCancel }) {
  const { form, set, error, fields: f, busy, submit } = useForm(
    { applied_on: '', ...fromShared(shared || new URLSearchParams()) },
    async (form) => {
      const body = { company: form.company.trim(), role_title: form.role_title.trim() };
      if (form.applied_on) body.applied_on = form.applied_on;
      if (form.job_url.trim()) body.job_url = form.job_url.trim();
      onCreated(await api.createApplication(body));
    },
  );
  return html`<form class="card stack" onSubmit=${submit} novalidate aria-label="New application">
    <${FormError} error=${error} known=${['company', 'role_title', 'applied_on', 'job_url']} />
    <div class="grid2">
      <${Field} label="Company" value=${form.company} onInput=${set('company')} error=${f.company} required />
      <${Field} label="Role" value=${form.role_title} onInput=${set('role_title')} error=${f.role_title} required />
      <${Field} label="Applied on" type="date" value=${form.applied_on} onInput=${set('applied_on')} error=${f.applied_on} />
      <${Field} label="Job posting link" type="url" value=${form.job_url} onInput=${set('job_url')} error=${f.job_url} />
    </div>
    <div class="row">
      <button class="btn btn-primary" type="submit" disabled=${busy}>Add application</button>
      <button class="btn btn-quiet" type="button" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
