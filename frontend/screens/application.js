// One application: editable details, people, interviews with per-person notes, open follow-ups,
// and the timeline of everything sent and received (logged in two clicks).
import { useEffect, useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { calendarDate, dateTime, isoToZonedLocal, zonedToIso } from '../time.js';
import {
  html, changedFields, conflictFields, ConflictBox, ErrorBox, Field, FormError, Link, Loading, navigate,
  STATUS_LABELS, toast, useAsync, useForm, useUnsavedChanges,
} from '../ui.js';
import { ActionList, channelLabel, loadActions, useNow } from './today.js';

const ROLES = { hiring_manager: 'Hiring manager', recruiter: 'Recruiter', interviewer: 'Interviewer', supervisor: 'Supervisor', other: 'Other' };
export const KINDS = { thank_you: 'Thank-you', status_check: 'Status check', post_decision: 'After the decision', value_add: 'Something useful', reply: 'Reply', other: 'Other' };
const FORMATS = { video: 'Video', phone: 'Phone', onsite: 'On site' };

async function loadAll(id) {
  const [app, contacts, interviews, timeline] = await Promise.all([
    api.application(id), api.contacts(id), api.interviews(id), api.timeline(id),
  ]);
  return { app, contacts, interviews, timeline: timeline.items || [] };
}

export function ApplicationScreen({ me, route }) {
  const tz = me.timezone || 'UTC';
  const { data, error, loading, reload, setData } = useAsync(() => loadAll(route.id), [route.id]);
  const actions = useAsync(() => loadActions(route.id), [route.id]);
  const now = useNow();
  const refresh = () => {
    reload();
    actions.reload();
  };

  if (!data) {
    return html`<h1 tabindex="-1">Application</h1>
      ${error && html`<${ErrorBox} error=${error} retry=${error.status === 404 ? null : reload} />`}
      ${error && error.status === 404 && html`<p><${Link} href="/pipeline">Back to the pipeline<//></p>`}
      ${loading && html`<${Loading} />`}`;
  }
  const { app, contacts, interviews, timeline } = data;
  const names = new Map(contacts.map((c) => [c.id, c]));

  return html`<p class="crumbs"><${Link} href="/pipeline">Pipeline<//> / ${app.company}</p>
    <h1 tabindex="-1">${app.company} <span class="sub">${app.role_title}</span></h1>
    <p class="row">
      <span class=${`chip status-${app.status}`}>${STATUS_LABELS[app.status]}</span>
      <${Link} class="btn btn-small" href=${`/interview?application_id=${app.id}`}>Record an interview for this job<//>
    </p>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    <div class="two-col">
      <div class="stack">
        <section class="card stack" aria-labelledby="s-next">
          <h2 id="s-next">Next follow-ups</h2>
          ${actions.error && html`<${ErrorBox} error=${actions.error} retry=${actions.reload} />`}
          ${!actions.data && !actions.error && html`<${Loading} />`}
          ${actions.data && html`<${ActionList} data=${actions.data} setData=${actions.setData}
            reload=${refresh} me=${me} now=${now} headingLevel=${3} compact
            empty=${html`<p class="muted">Nothing open for this application.</p>`} />`}
        </section>
        <${Timeline} app=${app} items=${timeline} names=${names} contacts=${contacts} tz=${tz} onLogged=${refresh} />
      </div>
      <div class="stack">
        <${Details} app=${app} onSaved=${(a) => setData((d) => ({ ...d, app: a }))} onStatus=${refresh} />
        <${People} app=${app} contacts=${contacts} onChange=${(cs, removed) => {
          setData((d) => ({ ...d, contacts: cs }));
          if (removed) refresh();
        }} />
        <section class="card stack" aria-labelledby="s-int">
          <h2 id="s-int">Interviews</h2>
          ${interviews.length === 0 && html`<p class="muted">No interviews recorded yet.</p>`}
          <ul class="plain stack">${interviews.map((iv) => html`<li key=${iv.id} class="interview">
            <${Interview} iv=${iv} names=${names} tz=${tz} onChange=${(n) => {
              setData((d) => ({ ...d, interviews: n ? d.interviews.map((x) => (x.id === n.id ? n : x)) : d.interviews.filter((x) => x.id !== iv.id) }));
              refresh();
            }} />
          </li>`)}</ul>
        </section>
      </div>
    </div>`;
}

const DETAIL_LABELS = {
  company: 'Company', role_title: 'Role', status: 'Status', applied_on: 'Applied on', job_url: 'Job posting link',
  location: 'Location', workplace: 'Workplace', decision_expected_on: 'Decision expected on', decided_on: 'Decided on',
  notes: 'Notes', strength: 'What you bring', motivation: 'What draws you', offered_on: 'Offer came on',
  offer_deadline: 'Answer the offer by', salary_min: 'Salary from', salary_max: 'Salary up to',
  salary_currency: 'Currency', source: 'Where you found it', tags: 'Tags', cv_version: 'CV version sent',
};
// Anything a draft or a window is built from changes the follow-ups.
const FOLLOW_UP_INPUTS = ['status', 'decision_expected_on', 'decided_on', 'workplace', 'strength', 'motivation',
  'offered_on', 'offer_deadline', 'applied_on', 'role_title', 'company'];

// The form holds text; tags are typed "remote, fintech" and salaries as digits.
const asText = (k, v) => (k === 'tags' ? (v || []).join(', ') : v === null || v === undefined ? (k === 'workplace' ? 'tech' : '') : String(v));
const pickDetails = (a) => Object.fromEntries(Object.keys(DETAIL_LABELS).map((k) => [k, asText(k, a[k])]));
/** The changed fields in the API's types. */
function detailsBody(form, app) {
  const body = changedFields(form, pickDetails(app));
  if ('tags' in body) body.tags = body.tags ? [...new Set(body.tags.split(',').map((t) => t.trim()).filter(Boolean))] : null;
  for (const k of ['salary_min', 'salary_max']) if (k in body && body[k] !== null) body[k] = Number(body[k].replace(/[\s,.']/g, ''));
  if (body.salary_currency) body.salary_currency = body.salary_currency.trim().toUpperCase();
  return body;
}

function Details({ app, onSaved, onStatus }) {
  const pick = pickDetails;
  const [conflict, setConflict] = useState(null); // {theirs, mine, rows}
  const [resolving, setResolving] = useState(false);
  const saved = (updated, body) => {
    setForm(pick(updated));
    setConflict(null);
    onSaved(updated);
    toast('Details saved.');
    if (FOLLOW_UP_INPUTS.some((k) => k in body)) onStatus();
  };
  const { form, setForm, set, error, fields: f, busy, submit } = useForm(pick(app), async (form) => {
    const body = detailsBody(form, app);
    if (!Object.keys(body).length) return saved(app, body);
    try {
      saved(await api.updateApplication(app.id, body, app), body);
    } catch (err) {
      if (err.status !== 412) throw err;
      const theirs = await api.application(app.id);
      setConflict({ theirs, mine: body, rows: conflictFields(pick(app), pick(theirs), body, Object.keys(DETAIL_LABELS)) });
    }
  }, { check: checkDetails });
  useUnsavedChanges(Object.keys(changedFields(form, pick(app))).length > 0);
  const keepMine = async () => {
    setResolving(true);
    try {
      saved(await api.updateApplication(app.id, conflict.mine, conflict.theirs), conflict.mine);
    } catch (err) {
      if (err.status !== 412) toast(`Could not save: ${err.message}`);
      else {
        const theirs = await api.application(app.id);
        setConflict({ ...conflict, theirs, rows: conflictFields(pick(app), pick(theirs), conflict.mine, Object.keys(DETAIL_LABELS)) });
      }
    } finally {
      setResolving(false);
    }
  };
  const takeTheirs = () => {
    setForm(pick(conflict.theirs));
    setConflict(null);
    onSaved(conflict.theirs);
    onStatus();
    toast('Showing the latest version.');
  };
  return html`<section class="card" aria-labelledby="s-details">
    <h2 id="s-details">Details</h2>
    <form class="stack" onSubmit=${submit} novalidate>
      <${FormError} error=${error} known=${Object.keys(form)} />
      ${conflict && html`<${ConflictBox} rows=${conflict.rows} labels=${DETAIL_LABELS} busy=${resolving}
        onKeepMine=${keepMine} onTakeTheirs=${takeTheirs} />`}
      <div class="grid2">
        <${Field} label="Company" value=${form.company} onInput=${set('company')} error=${f.company} />
        <${Field} label="Role" value=${form.role_title} onInput=${set('role_title')} error=${f.role_title} />
        <${Field} as="select" label="Status" value=${form.status} onChange=${set('status')} error=${f.status}>
          ${Object.entries(STATUS_LABELS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        <//>
        <${Field} as="select" label="Workplace" value=${form.workplace} onChange=${set('workplace')} error=${f.workplace}>
          <option value="tech">Tech / online</option><option value="traditional">Traditional</option>
        <//>
        <${Field} label="Applied on" type="date" value=${form.applied_on} onInput=${set('applied_on')} error=${f.applied_on} />
        <${Field} label="Decision expected on" type="date" value=${form.decision_expected_on} onInput=${set('decision_expected_on')} error=${f.decision_expected_on} />
        <${Field} label="Decided on" type="date" value=${form.decided_on} onInput=${set('decided_on')} error=${f.decided_on} />
        <${Field} label="Location" value=${form.location} onInput=${set('location')} error=${f.location} />
      </div>
      ${form.status === 'offer' && html`<div class="grid2">
        <${Field} label="Offer came on" type="date" value=${form.offered_on} onInput=${set('offered_on')} error=${f.offered_on} />
        <${Field} label="Answer the offer by" type="date" value=${form.offer_deadline} onInput=${set('offer_deadline')}
          error=${f.offer_deadline} hint="The date they asked for an answer by, if they gave one." />
      </div>`}
      <${Field} label="What you bring (a skill or quality)" value=${form.strength} onInput=${set('strength')} error=${f.strength}
        limit=${200} hint="A skill or quality, as your thank-yous can say it: “five years of building data pipelines”." />
      <${Field} label="What draws you to this employer (optional)" value=${form.motivation} onInput=${set('motivation')}
        error=${f.motivation} limit=${200} hint="For example: “its open-source work on data quality”." />
      <fieldset class="stack">
        <legend>What you track</legend>
        <div class="grid3">
          <${Field} label="Salary from" inputmode="numeric" value=${form.salary_min} onInput=${set('salary_min')} error=${f.salary_min} />
          <${Field} label="Salary up to" inputmode="numeric" value=${form.salary_max} onInput=${set('salary_max')} error=${f.salary_max} />
          <${Field} label="Currency" value=${form.salary_currency} onInput=${set('salary_currency')} error=${f.salary_currency}
            limit=${3} hint="EUR, USD, GBP…" autocomplete="off" />
        </div>
        <div class="grid2">
          <${Field} label="Where you found it" value=${form.source} onInput=${set('source')} error=${f.source} limit=${200}
            hint="LinkedIn, a referral from Ana, the company’s site…" />
          <${Field} label="CV version sent" value=${form.cv_version} onInput=${set('cv_version')} error=${f.cv_version} limit=${200} />
        </div>
        <${Field} label="Tags" value=${form.tags} onInput=${set('tags')} error=${f.tags}
          hint="Separated by commas: remote, fintech, dream job." />
      </fieldset>
      <${Field} label="Job posting link" type="url" value=${form.job_url} onInput=${set('job_url')} error=${f.job_url} />
      ${/^https?:\/\//i.test(app.job_url || '') && html`<p><a href=${app.job_url} target="_blank" rel="noopener noreferrer">Open the job posting</a></p>`}
      <${Field} as="textarea" rows="3" label="Notes" value=${form.notes} onInput=${set('notes')} error=${f.notes} />
      <div class="row">
        <button class="btn btn-primary" type="submit" disabled=${busy}>Save details</button>
        <${DeleteApplication} app=${app} />
      </div>
    </form>
  </section>`;
}

/** Dates that cannot be true, refused before sending (the API refuses them too). */
function checkDetails(form) {
  const problems = {};
  for (const k of ['salary_min', 'salary_max']) {
    if (form[k].trim() && !/^\d[\d\s,.']*$/.test(form[k].trim())) problems[k] = 'Write the amount in digits, e.g. 65000.';
  }
  if (form.salary_currency.trim() && !/^[A-Za-z]{3}$/.test(form.salary_currency.trim())) problems.salary_currency = 'Use the three-letter code, e.g. EUR.';
  if (form.tags.split(',').some((t) => t.trim().length > 40)) problems.tags = 'Keep each tag to 40 characters or fewer.';
  if (!form.company.trim()) problems.company = 'Please fill this in.';
  if (!form.role_title.trim()) problems.role_title = 'Please fill this in.';
  if (form.applied_on && form.decided_on && form.decided_on < form.applied_on) {
    problems.decided_on = 'The decision cannot come before you applied.';
  }
  return problems;
}

function DeleteApplication({ app }) {
  const remove = async () => {
    if (!window.confirm(`Delete the ${app.company} application with its people, interviews and messages? This cannot be undone.`)) return;
    try {
      await api.deleteApplication(app.id, app);
      toast(`${app.company} deleted.`);
      navigate('/pipeline');
    } catch (err) {
      toast(err.status === 412
        ? 'It was changed elsewhere meanwhile; reload the page to see the latest, then delete again.'
        : `Could not delete: ${err.message}`);
    }
  };
  return html`<button type="button" class="btn btn-danger" onClick=${remove}>Delete this application</button>`;
}

const PERSON_LABELS = { name: 'Name', title: 'Job title', email: 'Email', role: 'Role', preferred_channel: 'Prefers', salutation: 'Greet them as' };

function People({ app, contacts, onChange }) {
  const blank = { name: '', title: '', email: '', role: 'interviewer', preferred_channel: '', salutation: '' };
  const [editing, setEditing] = useState(null); // null | 'new' | a contact id
  const [original, setOriginal] = useState(null); // the version an edit started from
  const [conflict, setConflict] = useState(null);
  const asForm = (c) => Object.fromEntries(Object.keys(blank).map((k) => [k, c[k] || blank[k]]));
  const { form, reset, set, error, fields: f, submit } = useForm(blank, async (form) => {
    const isNew = editing === 'new';
    const body = { name: form.name.trim(), role: form.role };
    for (const k of ['title', 'email', 'preferred_channel', 'salutation']) {
      const v = form[k].trim();
      if (v || !isNew) body[k] = v || null;
    }
    if (isNew) onChange([...contacts, await api.createContact({ application_id: app.id, ...body })]);
    else {
      try {
        const c = await api.updateContact(editing, body, conflict ? conflict.theirs : original);
        onChange(contacts.map((x) => (x.id === c.id ? c : x)));
      } catch (err) {
        if (err.status !== 412) throw err;
        const theirs = await api.contact(editing);
        setConflict({ theirs, rows: conflictFields(original, theirs, body, Object.keys(blank)) });
        return;
      }
    }
    setConflict(null);
    setEditing(null);
  }, { check: (form) => (form.name.trim() ? {} : { name: 'Please fill this in.' }) });
  const open = async (c) => {
    setConflict(null);
    if (!c) {
      reset(blank);
      setEditing('new');
      return;
    }
    // The newest version, so its ETag guards the save against an edit made elsewhere.
    const current = await api.contact(c.id).catch(() => c);
    setOriginal(current);
    reset(asForm(current));
    setEditing(c.id);
  };
  const takeTheirs = () => {
    onChange(contacts.map((x) => (x.id === conflict.theirs.id ? conflict.theirs : x)));
    setOriginal(conflict.theirs);
    reset(asForm(conflict.theirs));
    setConflict(null);
  };
  const remove = async (c) => {
    if (!window.confirm(`Delete ${c.name}? Their follow-ups go too.`)) return;
    try {
      await api.deleteContact(c.id, c);
      onChange(contacts.filter((x) => x.id !== c.id), true);
      toast(`${c.name} deleted.`);
    } catch (err) {
      toast(`Could not delete: ${err.message}`);
    }
  };
  const formView = html`<form class="stack" onSubmit=${submit} novalidate aria-label=${editing === 'new' ? 'Add a person' : 'Edit person'}>
      <${FormError} error=${error} known=${Object.keys(blank)} />
      ${conflict && html`<${ConflictBox} rows=${conflict.rows} labels=${PERSON_LABELS}
        onKeepMine=${() => submit(new Event('submit'))} onTakeTheirs=${takeTheirs} />`}
      <div class="grid2">
        <${Field} label="Name" value=${form.name} onInput=${set('name')} error=${f.name} />
        <${Field} label="Job title" value=${form.title} onInput=${set('title')} error=${f.title} />
        <${Field} label="Email" type="email" value=${form.email} onInput=${set('email')} error=${f.email} />
        <${Field} as="select" label="Role" value=${form.role} onChange=${set('role')} error=${f.role}>
          ${Object.entries(ROLES).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        <//>
        <${Field} as="select" label="Prefers" value=${form.preferred_channel} onChange=${set('preferred_channel')} error=${f.preferred_channel}>
          <option value="">No preference given</option>
          ${['email', 'phone', 'card', 'linkedin'].map((v) => html`<option value=${v}>${channelLabel(v)}</option>`)}
        <//>
        <${Field} label="Greet them as (optional)" value=${form.salutation} onInput=${set('salutation')} error=${f.salutation} limit=${100}
          hint="Drafts say “Dear” and their first name unless you write, e.g., “Dr. Reyes”." />
      </div>
      <div class="row">
        <button class="btn btn-primary" type="submit">${editing === 'new' ? 'Add person' : 'Save person'}</button>
        <button class="btn btn-quiet" type="button" onClick=${() => setEditing(null)}>Cancel</button>
      </div>
    </form>`;
  return html`<section class="card stack" aria-labelledby="s-people">
    <h2 id="s-people">People</h2>
    ${contacts.length === 0 && html`<p class="muted">No one recorded yet.</p>`}
    <ul class="plain people">${contacts.map((c) => html`<li key=${c.id}>
      ${editing === c.id ? formView : html`<strong>${c.name}</strong>${c.title && `, ${c.title}`}
      <span class="muted"> · ${ROLES[c.role] || c.role}${c.preferred_channel ? ` · prefers ${channelLabel(c.preferred_channel)}` : ''}</span>
      ${c.email && html`<br /><a href=${`mailto:${c.email}`}>${c.email}</a>`}
      <span class="row">
        <button type="button" class="btn btn-small btn-quiet" aria-label=${`Edit ${c.name}`} onClick=${() => open(c)}>Edit</button>
        <button type="button" class="btn btn-small btn-quiet" aria-label=${`Delete ${c.name}`} onClick=${() => remove(c)}>Delete</button>
      </span>`}
    </li>`)}</ul>
    ${editing === null && html`<div><button type="button" class="btn btn-small" onClick=${() => open(null)}>Add a person</button></div>`}
    ${editing === 'new' && formView}
  </section>`;
}

function Interview({ iv, names, tz, onChange }) {
  const [version, setVersion] = useState(iv); // the version an edit started from (its ETag)
  useEffect(() => setVersion(iv), [iv]); // reloaded from the list: the last ETag seen is used
  const { form, setForm, reset, set, error, fields: f, submit: save } = useForm(null, async (form) => {
    const starts = zonedToIso(form.starts_at, tz);
    const body = {
      starts_at: starts, format: form.format, decision_expected_on: form.decision_expected_on || null,
      notes: form.notes.trim() || null,
      interviewers: (iv.interviewers || []).map((p, i) => ({
        contact_id: p.contact_id,
        topics: form.people[i].topics.split('\n').map((t) => t.trim()).filter(Boolean),
        concerns: form.people[i].concerns.trim() || null,
        notes: form.people[i].notes.trim() || null,
      })),
    };
    if (iv.ends_at) body.ends_at = new Date(Date.parse(starts) + Date.parse(iv.ends_at) - Date.parse(iv.starts_at)).toISOString();
    try {
      const updated = await api.updateInterview(iv.id, body, version);
      setVersion(updated);
      onChange(updated);
    } catch (err) {
      if (err.status !== 412) throw err;
      // Saving again keeps these edits over the other version; Cancel shows that one.
      setVersion(await api.interview(iv.id));
      err.message = 'This interview was changed elsewhere after you opened it. Save again to keep your version, or Cancel to see theirs.';
      throw err;
    }
    setForm(null);
  });
  const [filled, setFilled] = useState(null);
  useUnsavedChanges(form !== null && JSON.stringify(form) !== JSON.stringify(filled));
  const who = (id) => (names.get(id) || {}).name || `Contact ${id}`;
  const edit = async () => {
    const current = await api.interview(iv.id).catch(() => iv);
    setVersion(current);
    fill(current);
  };
  const fill = (iv) => {
    const values = {
      starts_at: isoToZonedLocal(iv.starts_at, tz), format: iv.format || 'video',
      decision_expected_on: iv.decision_expected_on || '', notes: iv.notes || '',
      people: (iv.interviewers || []).map((p) => ({
        topics: (p.topics || []).join('\n'), concerns: p.concerns || '', notes: p.notes || '',
      })),
    };
    setFilled(values);
    reset(values);
  };
  const remove = async () => {
    if (!window.confirm('Delete this interview? Its thank-you follow-ups go too.')) return;
    try {
      await api.deleteInterview(iv.id, version);
      onChange(null);
      toast('Interview deleted.');
    } catch (err) {
      toast(`Could not delete: ${err.message}`);
    }
  };
  const title = `Round ${iv.round ?? ''} · ${FORMATS[iv.format] || iv.format || 'Interview'}`;
  if (form) {
    return html`<form class="stack" onSubmit=${save} novalidate aria-label=${`Edit ${title}`}>
      <${FormError} error=${error} known=${['starts_at', 'format', 'decision_expected_on', 'notes']} />
      <div class="grid2">
        <${Field} type="datetime-local" label="When" value=${form.starts_at} onInput=${set('starts_at')} error=${f.starts_at} />
        <${Field} as="select" label="Format" value=${form.format} onChange=${set('format')} error=${f.format}>
          ${Object.entries(FORMATS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        <//>
        <${Field} type="date" label="Decision expected on" value=${form.decision_expected_on} onInput=${set('decision_expected_on')} error=${f.decision_expected_on} />
      </div>
      ${(iv.interviewers || []).map((p, i) => {
        const setP = (k) => (e) => setForm({
          ...form, people: form.people.map((x, j) => (j === i ? { ...x, [k]: e.currentTarget.value } : x)),
        });
        return html`<fieldset class="person" key=${p.contact_id}>
          <legend>${who(p.contact_id)}</legend>
          <${Field} as="textarea" rows="2" label="Topics you talked about" value=${form.people[i].topics}
            onInput=${setP('topics')} hint="One per line, e.g. “the billing pipeline redesign”; their thank-you names them." />
          <${Field} as="textarea" rows="2" label="Their questions and concerns" value=${form.people[i].concerns}
            onInput=${setP('concerns')} hint="Shapes their thank-you; never quoted." />
          <${Field} as="textarea" rows="2" label="Private notes" value=${form.people[i].notes}
            onInput=${setP('notes')} hint="Only for you: never in a draft." />
        </fieldset>`;
      })}
      <${Field} as="textarea" rows="3" label="Your own notes" value=${form.notes} onInput=${set('notes')} error=${f.notes} />
      <div class="row">
        <button class="btn btn-primary" type="submit">Save interview</button>
        <button class="btn btn-quiet" type="button" onClick=${() => setForm(null)}>Cancel</button>
      </div>
    </form>`;
  }
  return html`<h3>${title}</h3>
    <p class="muted"><time datetime=${iv.starts_at}>${dateTime(iv.starts_at, tz)}</time>
      ${iv.decision_expected_on && ` · decision expected ${calendarDate(iv.decision_expected_on)}`}</p>
    ${(iv.interviewers || []).length > 0 && html`<ul class="plain">
      ${iv.interviewers.map((p) => html`<li key=${p.contact_id}>
        <strong>${who(p.contact_id)}</strong>
        ${(p.topics || []).length > 0
          ? html`: ${p.topics.join('; ')}`
          : html` <span class="muted">(no topics yet: their thank-you has a blank to fill)</span>`}
        ${p.concerns && html`<br /><span class="muted">Asked (private): </span><span class="pre">${p.concerns}</span>`}
        ${p.notes && html`<br /><span class="muted">Private notes: </span><span class="pre">${p.notes}</span>`}
      </li>`)}
    </ul>`}
    ${iv.notes && html`<p class="pre"><span class="muted">Your notes: </span>${iv.notes}</p>`}
    <p class="row">
      <button type="button" class="btn btn-small btn-quiet" aria-label=${`Edit ${title}`} onClick=${edit}>Edit</button>
      <button type="button" class="btn btn-small btn-quiet" aria-label=${`Delete ${title}`} onClick=${remove}>Delete</button>
    </p>`;
}

function Timeline({ app, items, names, contacts, tz, onLogged }) {
  const [logging, setLogging] = useState(null); // 'outbound' | 'inbound'
  const [editing, setEditing] = useState(null); // a touchpoint id
  const remove = async (t, what) => {
    try {
      await api.deleteTouchpoint(t.id, t);
    } catch (err) {
      toast(err.status === 412 ? 'It was changed elsewhere meanwhile; look again, then delete.' : `Could not delete: ${err.message}`);
      onLogged();
      return;
    }
    onLogged();
    // A restored copy is one you typed in, whatever logged the original (mail, say).
    const { id, created_at, updated_at, user_id, source, ...again } = t;
    const restore = () => Object.fromEntries(Object.entries(again).filter(([, v]) => v !== null));
    const restored = () => {
      onLogged();
      document.getElementById('s-timeline')?.focus(); // the Undo button is gone: back to its list
    };
    toast(`${what} deleted.`, {
      ms: 10000,
      focus: true,
      action: { label: 'Undo', run: () => api.createTouchpoint(restore()).then(restored, (err) => toast(`Could not restore: ${err.message}`)) },
    });
  };
  // After an interview with no thank-you logged since, the message sent is most likely that.
  const now = new Date().toISOString();
  const lastEnd = items.filter((e) => e.interview && e.interview.ends_at <= now).map((e) => e.interview.ends_at).sort().pop();
  const thanked = lastEnd && items.some((e) => e.touchpoint && e.touchpoint.direction === 'outbound'
    && e.touchpoint.kind === 'thank_you' && e.touchpoint.occurred_at >= lastEnd);
  const sentKind = lastEnd && !thanked ? 'thank_you' : 'status_check';
  return html`<section class="card stack" aria-labelledby="s-timeline">
    <h2 id="s-timeline" tabindex="-1">Timeline</h2>
    <div class="row" role="group" aria-label="Log a message">
      <button type="button" class="btn" aria-pressed=${logging === 'outbound' ? 'true' : 'false'}
        onClick=${() => setLogging(logging === 'outbound' ? null : 'outbound')}>Log a message I sent</button>
      <button type="button" class="btn" aria-pressed=${logging === 'inbound' ? 'true' : 'false'}
        onClick=${() => setLogging(logging === 'inbound' ? null : 'inbound')}>Log a reply I received</button>
    </div>
    ${logging && html`<${LogForm} key=${logging} direction=${logging} sentKind=${sentKind} app=${app} contacts=${contacts} tz=${tz}
      onDone=${() => {
        setLogging(null);
        onLogged();
      }} onCancel=${() => setLogging(null)} />`}
    ${items.length === 0
      ? html`<p class="muted">Nothing sent or received yet.</p>`
      : html`<ol class="timeline">${[...items].reverse().map((e) => {
        const k = `${e.type}-${(e.interview || e.touchpoint || {}).id}`;
        if (e.type === 'interview' && e.interview) {
          const iv = e.interview;
          const who = (iv.interviewers || []).map((p) => (names.get(p.contact_id) || {}).name).filter(Boolean).join(', ');
          return html`<li key=${k} class="tl tl-interview">
            <time datetime=${e.at}>${dateTime(e.at, tz)}</time>
            <p><strong>Interview</strong> (${FORMATS[iv.format] || iv.format || 'format not given'})${who && ` with ${who}`}</p>
          </li>`;
        }
        const t = e.touchpoint || {};
        const person = t.contact_id && names.get(t.contact_id);
        const what = `${t.direction === 'inbound' ? 'Received' : 'Sent'}: ${KINDS[t.kind] || t.kind}`;
        const label = `${what}${person ? ` ${t.direction === 'inbound' ? 'from' : 'to'} ${person.name}` : ''}, ${dateTime(e.at, tz)}`;
        if (editing === t.id) {
          return html`<li key=${k} class=${`tl tl-${t.direction}`}>
            <${LogForm} direction=${t.direction} touchpoint=${t} app=${app} contacts=${contacts} tz=${tz}
              onDone=${() => {
                setEditing(null);
                onLogged();
              }} onCancel=${() => setEditing(null)} />
          </li>`;
        }
        return html`<li key=${k} class=${`tl tl-${t.direction}`}>
          <time datetime=${e.at}>${dateTime(e.at, tz)}</time>
          <p><strong>${what}</strong>
            ${t.source === 'mail' && html` <span class="chip">from mail</span>`}
            ${t.channel && ` by ${channelLabel(t.channel).toLowerCase()}`}
            ${person && ` ${t.direction === 'inbound' ? 'from' : 'to'} ${person.name}`}</p>
          ${t.subject && html`<p class="muted">${t.subject}</p>`}
          ${t.body && html`<details><summary>Message</summary><p class="pre">${t.body}</p></details>`}
          <p class="row">
            <button type="button" class="btn btn-small btn-quiet" aria-label=${`Edit ${label}`} onClick=${() => setEditing(t.id)}>Edit</button>
            <button type="button" class="btn btn-small btn-quiet" aria-label=${`Delete ${label}`} onClick=${() => remove(t, what)}>Delete</button>
          </p>
        </li>`;
      })}</ol>`}
  </section>`;
}

function LogForm({ direction, touchpoint, sentKind = 'status_check', app, contacts, tz, onDone, onCancel }) {
  const inbound = direction === 'inbound';
  const t = touchpoint;
  const initial = t ? {
    kind: t.kind, channel: t.channel || 'email', contact_id: t.contact_id ? String(t.contact_id) : '',
    occurred_at: isoToZonedLocal(t.occurred_at, tz), subject: t.subject || '', body: t.body || '',
    decision_expected_on: t.decision_expected_on || '',
  } : {
    kind: inbound ? 'reply' : sentKind, channel: 'email', contact_id: contacts.length === 1 ? String(contacts[0].id) : '',
    occurred_at: isoToZonedLocal(new Date().toISOString(), tz), subject: '', body: '', decision_expected_on: '',
  };
  const { form, set, error, fields: f, busy, submit } = useForm(initial, async (form) => {
    const fields = {
      kind: form.kind, channel: form.channel, occurred_at: zonedToIso(form.occurred_at, tz),
      contact_id: form.contact_id ? Number(form.contact_id) : null,
      subject: form.subject.trim() || null, body: form.body.trim() || null,
      decision_expected_on: inbound ? form.decision_expected_on || null : null,
    };
    if (t) {
      try {
        await api.updateTouchpoint(t.id, fields, t);
      } catch (err) {
        if (err.status === 412) err.message = 'This message was changed elsewhere after you opened it. Cancel to see the latest version.';
        throw err;
      }
      toast('Saved.');
    } else {
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
      await api.createTouchpoint({ application_id: app.id, direction, ...given });
      toast(inbound ? 'Reply logged.' : 'Message logged.');
    }
    onDone();
  }, { check: (form) => (form.occurred_at ? {} : { occurred_at: 'Enter a date and a time.' }) });
  const kinds = inbound ? ['reply', 'other'] : ['thank_you', 'status_check', 'post_decision', 'value_add', 'other'];
  return html`<form class="stack log-form" onSubmit=${submit} novalidate
    aria-label=${t ? 'Edit the message' : inbound ? 'Log a reply' : 'Log a message'}>
    <${FormError} error=${error} known=${Object.keys(form)} />
    <div class="grid2">
      <${Field} as="select" label="What" value=${form.kind} onChange=${set('kind')} error=${f.kind}>
        ${kinds.map((k) => html`<option value=${k}>${KINDS[k]}</option>`)}
      <//>
      <${Field} as="select" label="How" value=${form.channel} onChange=${set('channel')} error=${f.channel}>
        ${['email', 'phone', 'voicemail', 'card', 'letter', 'linkedin', 'video', 'in_person'].map((c) => html`<option value=${c}>${channelLabel(c)}</option>`)}
      <//>
      <${Field} as="select" label=${inbound ? 'From' : 'To'} value=${form.contact_id} onChange=${set('contact_id')} error=${f.contact_id}>
        <option value="">${app.company} (no one in particular)</option>
        ${contacts.map((c) => html`<option value=${String(c.id)}>${c.name}</option>`)}
      <//>
      <${Field} label=${`When (${tz})`} type="datetime-local" value=${form.occurred_at} onInput=${set('occurred_at')} error=${f.occurred_at} />
    </div>
    ${inbound && html`<${Field} label="When they will decide, if they said" type="date" value=${form.decision_expected_on}
      onInput=${set('decision_expected_on')} error=${f.decision_expected_on}
      hint="Your next check-in is then timed from this date." />`}
    <${Field} label="Subject (optional)" value=${form.subject} onInput=${set('subject')} error=${f.subject} limit=${500} />
    <${Field} as="textarea" rows="3" label="Text (optional)" value=${form.body} onInput=${set('body')} error=${f.body} />
    <div class="row">
      <button class="btn btn-primary" type="submit" disabled=${busy}>${t ? 'Save changes' : inbound ? 'Save reply' : 'Save message'}</button>
      <button class="btn btn-quiet" type="button" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
