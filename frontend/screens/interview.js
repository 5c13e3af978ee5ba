// "Just had an interview": one form that creates the application (if new), the interviewers as
// contacts, then the interview, and shows the thank-you actions the engine produced.
import { useState } from '../vendor/preact/hooks.module.js';
import { api, ApiError } from '../api.js';
import { isoToZonedLocal, zonedToIso } from '../time.js';
import { html, ErrorBox, Field, focusFirstInvalid, FormError, formError, Link, Loading, useAsync, useUnsavedChanges, withoutField } from '../ui.js';
import { ActionList, loadActions, useNow } from './today.js';

const emptyPerson = () => ({
  contact_id: '', name: '', title: '', email: '', topics: '', concerns: '', notes: '',
});

/** "one topic per line" → the API's list; bullets and blank lines are fine. */
const topicList = (text) => text.split('\n').map((t) => t.trim()).filter(Boolean);
const personFields = (p) => ({
  topics: topicList(p.topics),
  concerns: p.concerns.trim() || null,
  notes: p.notes.trim() || null,
});

/** Default "when": an interview of `minutes` that has just ended, on the 5 minutes, in the user's zone. */
function defaultWhen(tz, minutes) {
  const t = Date.now() - Number(minutes || 60) * 60_000;
  return isoToZonedLocal(new Date(t - (t % 300_000)).toISOString(), tz);
}

/** When an interview starting at `when` (local, in `tz`) and lasting `minutes` ends, as a Date. */
function endOf(when, minutes, tz) {
  if (!when || !(Number(minutes) > 0)) return null;
  try {
    return new Date(Date.parse(zonedToIso(when, tz)) + Number(minutes) * 60_000);
  } catch {
    return null;
  }
}

/** What cannot be saved, found before anything is created (so a failed save leaves nothing half-made). */
function checkInterview(form, isNew) {
  const problems = {};
  if (isNew && !form.company.trim()) problems.company = 'Please fill this in.';
  if (isNew && !form.role_title.trim()) problems.role_title = 'Please fill this in.';
  if (!form.when) problems.starts_at = 'Enter the date and time it started.';
  const minutes = Number(form.duration);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 600) {
    problems.ends_at = 'Give the length in whole minutes, from 5 to 600.';
  }
  return problems;
}

/** The API's name for what a control of this form sets. */
const FIELD_OF = { when: 'starts_at', duration: 'ends_at' };

const FRESH_FORM = (tz) => ({
  company: '', role_title: '', workplace: 'tech', when: defaultWhen(tz, 60), duration: '60',
  format: 'video', decision_expected_on: '', notes: '', strength: '', motivation: '',
});

export function InterviewScreen({ me, route }) {
  const tz = me.timezone || 'UTC';
  const preset = route.query.get('application_id') || '';
  const apps = useAsync(() => api.applications(), []);
  const [appId, setAppId] = useState(preset || 'new');
  const contacts = useAsync(() => (appId && appId !== 'new' ? api.contacts(appId) : Promise.resolve([])), [appId]);
  const [fresh] = useState(() => FRESH_FORM(tz));
  const [form, setForm] = useState(fresh);
  const [whenTouched, setWhenTouched] = useState(false);
  const [people, setPeople] = useState([emptyPerson()]);
  const [error, setError] = useState(null);
  const [personErrors, setPersonErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(null); // {application, interview}
  // What a failed save already created, so trying again does not duplicate it.
  const [created, setCreated] = useState({ appId: null, contacts: {} });

  const set = (k) => (e) => {
    const value = e.currentTarget.value;
    if (k === 'when') setWhenTouched(true);
    // Until the start is set by hand, a new length keeps the interview one that has just ended.
    const when = k === 'duration' && !whenTouched && Number(value) > 0 ? defaultWhen(tz, value) : form.when;
    setForm({ ...form, when, [k]: value });
    setError(withoutField(error, FIELD_OF[k] || k));
  };
  const dirty = !saved && (JSON.stringify(form) !== JSON.stringify(fresh)
    || JSON.stringify(people) !== JSON.stringify([emptyPerson()]));
  useUnsavedChanges(dirty);
  const ends = endOf(form.when, form.duration, tz);
  const endsLater = ends && ends.getTime() > Date.now() && html`It ends at ${isoToZonedLocal(ends.toISOString(), tz).replace('T', ' ')},
    in the future: its thank-you notes appear once it has ended. Record a finished interview with the time it started.`;
  const setPerson = (i, k) => (e) => {
    const next = people.slice();
    next[i] = { ...next[i], [k]: e.currentTarget.value };
    setPeople(next);
  };
  const f = (error && error.fields) || {};

  const submit = async (e) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const refused = checkInterview(form, appId === 'new');
    if (Object.keys(refused).length) {
      setError(formError(refused));
      focusFirstInvalid(formElement);
      return;
    }
    setBusy(true);
    setError(null);
    setPersonErrors({});
    let stage = 'application';
    let personIndex = -1;
    const madeContacts = { ...created.contacts };
    let applicationId = created.appId;
    try {
      if (appId === 'new') {
        if (!applicationId) {
          const a = await api.createApplication({
            company: form.company.trim(), role_title: form.role_title.trim(), workplace: form.workplace,
            status: 'interviewing',
            ...(form.decision_expected_on ? { decision_expected_on: form.decision_expected_on } : {}),
            ...(form.strength.trim() ? { strength: form.strength.trim() } : {}),
            ...(form.motivation.trim() ? { motivation: form.motivation.trim() } : {}),
          });
          applicationId = a.id;
          setCreated((c) => ({ ...c, appId: a.id }));
        }
      } else {
        applicationId = Number(appId);
        const app = (apps.data || []).find((a) => a.id === applicationId);
        const changes = {};
        if (app && app.status === 'applied') changes.status = 'interviewing';
        if (form.strength.trim() && (!app || form.strength.trim() !== (app.strength || ''))) changes.strength = form.strength.trim();
        if (form.motivation.trim() && (!app || form.motivation.trim() !== (app.motivation || ''))) changes.motivation = form.motivation.trim();
        if (Object.keys(changes).length) await api.updateApplication(applicationId, changes);
      }
      stage = 'contacts';
      const interviewers = [];
      for (const [i, p] of people.entries()) {
        personIndex = i;
        if (p.contact_id) {
          interviewers.push({ contact_id: Number(p.contact_id), ...personFields(p) });
        } else if (p.name.trim()) {
          let cid = madeContacts[i];
          if (!cid) {
            const c = await api.createContact({
              application_id: applicationId, name: p.name.trim(), role: 'interviewer',
              ...(p.title.trim() ? { title: p.title.trim() } : {}),
              ...(p.email.trim() ? { email: p.email.trim() } : {}),
            });
            cid = c.id;
            madeContacts[i] = cid;
          }
          interviewers.push({ contact_id: cid, ...personFields(p) });
        }
      }
      stage = 'interview';
      const startsAt = zonedToIso(form.when, tz);
      const interview = await api.createInterview({
        application_id: applicationId,
        starts_at: startsAt,
        ends_at: new Date(Date.parse(startsAt) + Number(form.duration || 60) * 60_000).toISOString(),
        format: form.format,
        interviewers,
        ...(form.decision_expected_on ? { decision_expected_on: form.decision_expected_on } : {}),
        ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
      });
      setSaved({ applicationId, interview });
      window.scrollTo(0, 0);
    } catch (err) {
      setCreated((c) => ({ ...c, contacts: madeContacts }));
      if (stage === 'contacts' && err instanceof ApiError) {
        setPersonErrors({ [personIndex]: err.fields });
        err.message = `Interviewer ${personIndex + 1}: ${err.message}`;
      }
      if (stage === 'interview' && err.fields) {
        // interviewers.N.topics.M → show on that person's topics box
        const pe = {};
        for (const [k, v] of Object.entries(err.fields)) {
          const m = k.match(/^interviewers\.(\d+)\.(\w+)/);
          if (m) pe[m[1]] = { ...pe[m[1]], [m[2] === 'contact_id' ? 'name' : m[2]]: v };
        }
        setPersonErrors(pe);
      }
      setError(err);
      focusFirstInvalid(formElement);
    } finally {
      setBusy(false);
    }
  };

  if (saved) return html`<${Saved} me=${me} saved=${saved} />`;

  const appOptions = apps.data || [];
  const existing = contacts.data || [];
  return html`<h1 tabindex="-1">Just had an interview</h1>
    <p class="lede">Write it down while it is fresh: who you met, what you talked about with each
      person, and what they asked. The topics go into that person’s thank-you; everything else
      stays with you.</p>
    ${apps.error && html`<${ErrorBox} error=${apps.error} retry=${apps.reload} />`}
    <form class="stack" onSubmit=${submit} novalidate>
      <${FormError} error=${error} known=${['company', 'role_title', 'starts_at', 'ends_at', 'format', 'decision_expected_on', 'notes', 'name', 'email', 'title', 'strength', 'motivation', 'topics', 'concerns', 'interviewers']} />
      <section class="card stack" aria-labelledby="iv-job">
        <h2 id="iv-job">Which job</h2>
        ${apps.loading && !apps.data
          ? html`<${Loading} label="Loading your applications…" />`
          : html`<${Field} as="select" label="Application" value=${appId}
              onChange=${(e) => {
                setAppId(e.currentTarget.value);
                setPeople(people.map((p) => ({ ...p, contact_id: '' })));
              }}>
              <option value="new">A new application…</option>
              ${appOptions.map((a) => html`<option value=${String(a.id)}>${a.company} — ${a.role_title}</option>`)}
            <//>`}
        <${Field} label="What you bring (a skill or quality)" value=${form.strength} onInput=${set('strength')}
          error=${f.strength} limit=${200} placeholder=${(appOptions.find((a) => String(a.id) === appId) || {}).strength || ''}
          hint="A skill or quality, as your thank-yous can say it: “five years of building data pipelines”." />
        <${Field} label="What draws you to this employer (optional)" value=${form.motivation}
          onInput=${set('motivation')} error=${f.motivation} limit=${200} hint="For example: “its open-source work on data quality”." />
        ${appId === 'new' && html`<div class="grid2">
          <${Field} label="Company" required value=${form.company} onInput=${set('company')} error=${f.company} autocomplete="organization" />
          <${Field} label="Role" required value=${form.role_title} onInput=${set('role_title')} error=${f.role_title} />
          <${Field} as="select" label="Workplace" value=${form.workplace} onChange=${set('workplace')} error=${f.workplace}
            hint="Traditional workplaces get a handwritten card; tech ones an email.">
            <option value="tech">Tech / online</option><option value="traditional">Traditional</option>
          <//>
        </div>`}
      </section>

      <section class="card stack" aria-labelledby="iv-when">
        <h2 id="iv-when">When and how</h2>
        <div class="grid2">
          <${Field} label=${`When it started (${tz})`} type="datetime-local" required value=${form.when}
            onInput=${set('when')} error=${f.starts_at} />
          <${Field} label="Length in minutes" type="number" min="5" max="600" step="5" value=${form.duration}
            onInput=${set('duration')} error=${f.ends_at} warning=${!f.ends_at && endsLater} />
        </div>
        <fieldset class="radios">
          <legend>Format</legend>
          ${[['video', 'Video'], ['phone', 'Phone'], ['onsite', 'On site']].map(([v, l]) => html`<label key=${v}>
            <input type="radio" name="format" value=${v} checked=${form.format === v} onChange=${set('format')} /> ${l}
          </label>`)}
          ${f.format && html`<p class="field-error">${f.format}</p>`}
        </fieldset>
      </section>

      <section class="card stack" aria-labelledby="iv-people">
        <h2 id="iv-people">Who interviewed you</h2>
        ${people.map((p, i) => {
          const pe = personErrors[i] || {};
          return html`<fieldset class="person" key=${i}>
            <legend>Interviewer ${i + 1}</legend>
            ${existing.length > 0 && html`<${Field} as="select" label="Someone you already know"
              value=${p.contact_id} onChange=${setPerson(i, 'contact_id')}>
              <option value="">A new person</option>
              ${existing.map((c) => html`<option value=${String(c.id)}>${c.name}${c.title ? ` (${c.title})` : ''}</option>`)}
            <//>`}
            ${!p.contact_id && html`<div class="grid3">
              <${Field} label="Name" value=${p.name} onInput=${setPerson(i, 'name')} error=${pe.name} autocomplete="off" />
              <${Field} label="Job title" value=${p.title} onInput=${setPerson(i, 'title')} error=${pe.title} />
              <${Field} label="Email" type="email" value=${p.email} onInput=${setPerson(i, 'email')} error=${pe.email} autocomplete="off" />
            </div>`}
            <${Field} as="textarea" rows="2" label="Topics you talked about" value=${p.topics}
              onInput=${setPerson(i, 'topics')} error=${pe.topics}
              hint="One per line, as a short phrase, e.g. “the billing pipeline redesign”. Their thank-you names them." />
            <${Field} as="textarea" rows="2" label="Their questions and concerns" value=${p.concerns}
              onInput=${setPerson(i, 'concerns')} error=${pe.concerns}
              hint="Shapes their thank-you; never quoted back to them." />
            <${Field} as="textarea" rows="2" label="Private notes" value=${p.notes}
              onInput=${setPerson(i, 'notes')} error=${pe.notes} hint="Only for you: never in a draft." />
            ${people.length > 1 && html`<button type="button" class="btn btn-quiet btn-small"
              onClick=${() => setPeople(people.filter((_, j) => j !== i))}>Remove interviewer ${i + 1}</button>`}
          </fieldset>`;
        })}
        <button type="button" class="btn" onClick=${() => setPeople([...people, emptyPerson()])}>Add another interviewer</button>
      </section>

      <section class="card stack" aria-labelledby="iv-after">
        <h2 id="iv-after">What happens next</h2>
        <${Field} label="Decision date, if they said one" type="date" value=${form.decision_expected_on}
          onInput=${set('decision_expected_on')} error=${f.decision_expected_on} />
        <${Field} as="textarea" rows="4" label="Your own notes" value=${form.notes} onInput=${set('notes')}
          error=${f.notes} hint="What went well, what went badly, what to follow up on." />
      </section>
      <div class="row">
        <button class="btn btn-primary" type="submit" disabled=${busy}>${busy ? 'Saving…' : 'Save interview'}</button>
        <${Link} href="/today" class="btn btn-quiet">Cancel<//>
      </div>
    </form>`;
}

function Saved({ me, saved }) {
  const { data, error, reload, setData } = useAsync(() => loadActions(saved.applicationId), []);
  const now = useNow();
  const thanks = data && { ...data, items: data.items.filter((a) => a.kind === 'send_thank_you') };
  return html`<h1 tabindex="-1">Interview saved</h1>
    <p class="lede">Here are the thank-you notes to send. Each draft names what you talked about with
      that person; fill in anything still in [brackets] before you send it.</p>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && !error && html`<${Loading} label="Working out your follow-ups…" />`}
    ${thanks && html`<${ActionList} data=${thanks} me=${me} now=${now} reload=${reload}
      setData=${setData}
      empty=${html`<p class="empty card">${emptyReason(saved.interview, data)}</p>`} />`}
    <p class="row">
      <${Link} class="btn btn-primary" href="/today">Go to Today<//>
      <${Link} class="btn" href=${`/applications/${saved.applicationId}`}>Open the application<//>
    </p>`;
}

/** Why no thank-you is open, truthfully: not ended yet, nobody named, or already handled. */
function emptyReason(interview, data) {
  if (Date.parse(interview.ends_at) > Date.now()) {
    return 'No thank-you notes yet: this interview has not ended. They appear here and on Today once it has.';
  }
  if (!(interview.interviewers || []).length) {
    return 'No thank-you notes: add the interviewers’ names so Followup knows whom to thank.';
  }
  return data.items.length ? 'No thank-you notes are open for this interview.' : 'Nothing is open for this interview.';
}
