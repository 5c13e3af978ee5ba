// Pipeline: applications in columns by status group, with counts, search, and status changed in place.
import { useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { calendarDate } from '../time.js';
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

export function PipelineScreen() {
  const { data, error, loading, reload, setData } = useAsync(() => api.applications(), []);
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('all');
  const [adding, setAdding] = useState(false);

  const changeStatus = async (app, status) => {
    const before = app.status;
    setData((xs) => xs.map((a) => (a.id === app.id ? { ...a, status } : a)));
    try {
      const updated = await api.updateApplication(app.id, { status });
      setData((xs) => xs.map((a) => (a.id === app.id ? updated : a)));
      toast(`${app.company}: ${STATUS_LABELS[status]}.`);
    } catch (e) {
      setData((xs) => xs.map((a) => (a.id === app.id ? { ...a, status: before } : a)));
      toast(`Could not change the status: ${e.message}`);
    }
  };

  const needle = q.trim().toLowerCase();
  const shown = (data || []).filter((a) => !needle
    || `${a.company} ${a.role_title} ${a.location || ''}`.toLowerCase().includes(needle));
  const columns = COLUMNS.filter(([k]) => group === 'all' || group === k);

  return html`<div class="page-head">
      <h1 tabindex="-1">Pipeline</h1>
      <button type="button" class="btn" aria-expanded=${adding ? 'true' : 'false'} onClick=${() => setAdding(!adding)}>Add an application</button>
    </div>
    ${adding && html`<${NewApplication} onCreated=${(a) => navigate(`/applications/${a.id}`)} onCancel=${() => setAdding(false)} />`}
    <form class="filters row" role="search" onSubmit=${(e) => e.preventDefault()}>
      <${Field} label="Search company or role" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} />
      <${Field} as="select" label="Show" value=${group} onChange=${(e) => setGroup(e.currentTarget.value)}>
        <option value="all">All columns</option>
        ${COLUMNS.map(([k, l]) => html`<option value=${k}>${l}</option>`)}
      <//>
    </form>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Loading applications…" />`}
    ${data && data.length === 0 && html`<div class="empty card">
      <h2>No applications yet</h2>
      <p>Add the jobs you applied for, or <${Link} href="/interview">record an interview<//> and the application is created with it.</p>
    </div>`}
    ${data && data.length > 0 && html`<div class="board">
      ${columns.map(([k, label, statuses]) => {
        const items = shown.filter((a) => statuses.includes(a.status));
        return html`<section class="column" aria-labelledby=${`col-${k}`} key=${k}>
          <h2 id=${`col-${k}`}>${label} <span class="count" aria-label=${`${items.length} applications`}>${items.length}</span></h2>
          ${items.length === 0
            ? html`<p class="muted">${needle ? 'No match.' : 'None.'}</p>`
            : html`<ul class="cards">${items.map((a) => html`<li key=${a.id} class="card app-card">
                <h3><${Link} href=${`/applications/${a.id}`}>${a.company}<//></h3>
                <p>${a.role_title}</p>
                ${a.applied_on && html`<p class="muted">Applied ${calendarDate(a.applied_on)}</p>`}
                <${StatusSelect} app=${a} onChange=${(s) => changeStatus(a, s)} />
              </li>`)}</ul>`}
        </section>`;
      })}
    </div>`}`;
}

function NewApplication({ onCreated, onCancel }) {
  const { form, set, error, fields: f, busy, submit } = useForm(
    { company: '', role_title: '', applied_on: '', job_url: '' },
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
