// Today: every open next action, grouped Overdue / Due / Upcoming, each with its draft.
import { useEffect, useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { addDays, dateText, dateTime, dueText, shortDateTime, todayIn, zonedToIso } from '../time.js';
import { html, copyText, ErrorBox, Field, Link, Loading, toast, useAsync, useId } from '../ui.js';


const CHANNELS = {
  email: 'Email', card: 'Handwritten card', letter: 'Letter', phone: 'Phone call', voicemail: 'Voicemail',
  linkedin: 'LinkedIn', video: 'Video message', in_person: 'In person',
};
export const channelLabel = (c) => CHANNELS[c] || c;

// What the guides ask you to do for the task-like actions when the engine gives no list itself.
export const CHECKLISTS = {
  prepare_questions: [
    'Ask when they plan to make the final decision',
    'Ask whether you may follow up in a week or so',
    'Ask whether they prefer phone or email',
    'Collect each interviewer’s name, spelling, email and title (a business card)',
  ],
  write_notes: [
    'What went well, and what went badly',
    'Each interviewer’s name and title',
    'The questions and concerns each one raised',
    'The issues you discussed, for the thank-you notes',
  ],
};

/** Lines of the draft that look like list items become the checklist. */
function checklistFor(action) {
  const lines = (action.draft && action.draft.body ? action.draft.body.split('\n') : [])
    .map((l) => l.trim())
    .filter((l) => /^([-*•]|\[ ?\]|\d+[.)])\s+/.test(l))
    .map((l) => l.replace(/^([-*•]|\[ ?\]|\d+[.)])\s+/, ''));
  return lines.length ? lines : CHECKLISTS[action.kind] || null;
}

export function stored(key, fallback) {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : JSON.parse(v);
  } catch {
    return fallback;
  }
}
export function store(key, value) {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode: edits just are not kept across reloads */
  }
}

/** Loads actions with the applications and contacts needed to name the person and company. */
export async function loadActions(applicationId) {
  const [actions, apps, contacts, interviews] = await Promise.all([
    api.nextActions(applicationId), api.applications(), api.contacts(applicationId), api.interviews(applicationId),
  ]);
  return {
    items: actions.items,
    apps: new Map(apps.map((a) => [a.id, a])),
    contacts: new Map(contacts.map((c) => [c.id, c])),
    appCount: apps.length,
    rounds: roundsOf(actions.items, interviews),
  };
}

/** Two cards with one title (the same person thanked after two rounds) each name their round:
 * action key → "round 2, Dec 3". */
function roundsOf(items, interviews) {
  const seen = new Map();
  for (const a of items) seen.set(a.title, (seen.get(a.title) || 0) + 1);
  const rounds = new Map();
  for (const a of items) {
    const iv = a.interview_id && interviews.find((i) => i.id === a.interview_id);
    if (!iv || seen.get(a.title) < 2) continue;
    rounds.set(a.key, `round ${iv.round}, ${dateText(iv.starts_at)}`);
  }
  return rounds;
}

/** A guide citation: the whole sentence with the cited words marked, and the guide's title. */
export function Citation({ source: s }) {
  const sentence = s.sentence || s.quote;
  const at = sentence.indexOf(s.quote);
  return html`<blockquote>${at < 0 ? sentence : html`${sentence.slice(0, at)}<mark>${s.quote}</mark>${sentence.slice(at + s.quote.length)}`}</blockquote>
    <p class="cite">From the guide “${s.title || s.guide}”</p>`;
}

export function TodayScreen({ me }) {
  const { data, error, loading, reload, setData } = useAsync(() => loadActions(), []);
  const now = useNow();

  return html`<div class="page-head">
      <h1 tabindex="-1">Today</h1>
      <${Link} href="/history" class="btn btn-quiet">History<span class="sr-only">: done, snoozed and dismissed</span><//>
    </div>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Loading your follow-ups…" />`}
    ${!me.name && html`<p class="notice card">Your drafts are signed “[Your name]” until you <${Link} href="/settings">add your name in Settings<//>.</p>`}
    ${data && html`<${ActionList} data=${data} setData=${setData} reload=${reload} me=${me} now=${now}
      empty=${data.appCount === 0
        ? html`<div class="empty card first-run">
            <h2>Start with your latest interview</h2>
            <p>Four steps and Followup does the remembering:</p>
            <ol class="steps">
              <li><${Link} href="/interview">Record an interview<//>: who interviewed you and what you talked
                about. Followup then tells you whom to thank and drafts each note.</li>
              <li>Or <${Link} href="/pipeline?new=1">add an application<//> you are waiting on: Followup
                says when to check in.</li>
              <li>${me.name ? 'Your drafts are signed with your name; ' : html`<${Link} href="/settings">Add your name<//> to sign the drafts, and `}
                pick how patient the timing should be in <${Link} href="/settings">Settings<//>.</li>
              <li>Come back to Today: what to send is here, with the reason and the guide it comes from.</li>
            </ol>
            <p><${Link} class="btn btn-primary" href="/interview">Record an interview<//></p>
          </div>`
        : html`<div class="empty card">
            <h2>You are all caught up</h2>
            <p>Nothing to send right now. New follow-ups appear here when they are due; keep
              applying meanwhile.</p>
            <p><${Link} href="/interview">Record an interview<//> · <${Link} href="/pipeline">Open the pipeline<//></p>
          </div>`} />`}`;
}

/** Re-renders every minute so "due in 5 h" stays true. */
export function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** Grouped cards. Done/Snooze/Dismiss turn a card into a one-line "Done · Undo" in its place,
 * with focus on Undo, so undoing is one key press away and nothing floats over the drafts. */
export function ActionList({ data, setData, reload, me, now, empty, headingLevel = 2, compact = false }) {
  const tz = me.timezone || 'UTC';
  // key → what happened to it ({verb: "Done", saved}), shown in the card's place until a reload
  const [gone, setGone] = useState({});
  const forget = (key) => setGone((g) => {
    const { [key]: _, ...rest } = g;
    return rest;
  });
  const resolve = async (action, verb, call) => {
    setGone((g) => ({ ...g, [action.key]: { verb, saved: false } }));
    requestAnimationFrame(() => document.getElementById(`undo-${action.key}`)?.focus());
    try {
      await call();
    } catch (e) {
      forget(action.key);
      toast(`Could not save: ${e.message}`);
      reload();
      return;
    }
    store(`draft:${action.key}`, undefined);
    setGone((g) => (g[action.key] ? { ...g, [action.key]: { verb, saved: true } } : g));
  };
  const undo = async (action) => {
    try {
      await api.reopen(action.key);
    } catch (e) {
      toast(`Could not undo: ${e.message}`);
      return;
    }
    forget(action.key);
    requestAnimationFrame(() => document.querySelector(`[data-key="${CSS.escape(action.key)}"] .actions button`)?.focus());
    reload();
  };

  if (data.items.length === 0) return empty;
  const H = `h${headingLevel}`;
  return html`<div class="groups">
    ${groupsOf(data.items, tz, now).map(([status, label, items]) => {
      const left = items.filter((a) => !gone[a.key]).length;
      return html`<section class=${`group group-${status}`} aria-labelledby=${`g-${status}`} key=${status}>
        <${H} id=${`g-${status}`}>${label} <span class="count">${left}</span><//>
        <ul class="cards">
          ${items.map((a) => html`<li key=${a.key} data-key=${a.key}>
            ${gone[a.key]
              ? html`<${Resolved} action=${a} ...${gone[a.key]} onUndo=${() => undo(a)} />`
              : html`<${ActionCard} action=${a} app=${data.apps.get(a.application_id)}
                  contact=${data.contacts.get(a.contact_id)} tz=${tz} now=${now} onResolve=${resolve}
                  compact=${compact} reload=${reload} round=${data.rounds && data.rounds.get(a.key)} />`}
          </li>`)}
        </ul>
      </section>`;
    })}
  </div>`;
}

/** Overdue; to do today (due within a day, as the summary counts it); open now but due later;
 * not open yet. An action the engine calls "due" is only open: one due in four days is not
 * shown as today's. */
export function groupsOf(items, tz, now) {
  const soon = (a) => Date.parse(a.due_at) - now <= 24 * 3600_000;
  const groups = [
    ['overdue', 'Overdue', items.filter((a) => a.status === 'overdue')],
    ['due', 'To do today', items.filter((a) => a.status === 'due' && soon(a))],
    ['open', 'Open now, due later', items.filter((a) => a.status === 'due' && !soon(a))],
    ['upcoming', 'Upcoming', items.filter((a) => a.status === 'upcoming')],
  ];
  return groups.filter(([, , xs]) => xs.length > 0);
}

function Resolved({ action, verb, saved, onUndo }) {
  const id = `undo-${action.key}`;
  // Undo waits for the server to have the change it undoes (a moment), but keeps focus.
  return html`<div class=${`card resolved row${saved ? ' saved' : ''}`}>
    <p id=${`${id}-what`}>${verb}: <span class="muted">${action.title}</span></p>
    <button type="button" class="btn btn-small" id=${id} aria-describedby=${`${id}-what`}
      aria-disabled=${saved ? undefined : 'true'} onClick=${() => saved && onUndo()}>Undo</button>
  </div>`;
}

// The […] slots a draft leaves for you to fill (the message check calls them unfilled_placeholder).
const PLACEHOLDER = /\[[^[\]\n]{1,200}\](?!\()/g;
export const placeholdersIn = (draft) => (draft
  ? [...`${draft.subject || ''}\n${draft.body || ''}`.matchAll(PLACEHOLDER)].map((m) => m[0])
  : []);

/** Asks the server's message check about the draft 400 ms after the last edit (advice only). */
function useDraftCheck(action, draft, active) {
  const [issues, setIssues] = useState(null);
  const subject = (draft && draft.subject) || '';
  const body = (draft && draft.body) || '';
  useEffect(() => {
    if (!active || !body.trim()) {
      setIssues(null);
      return undefined;
    }
    let live = true;
    const t = setTimeout(() => api.checkDraft({
      kind: action.touchpoint_kind || 'other', contact_id: action.contact_id, interview_id: action.interview_id,
      application_id: action.application_id, channel: action.channel, subject: subject.slice(0, 500), body: body.slice(0, 20000),
    }).then((r) => live && setIssues(r.issues), () => live && setIssues(null)), 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [active, subject, body]);
  return issues;
}

/** The flagged words; spans count Unicode code points, so slice by code point. */
function fragment(issue, draft) {
  const [a, b] = issue.span || [0, 0];
  const text = Array.from((draft && draft[issue.field]) || '').slice(a, b).join('').trim();
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}

export function Findings({ issues, draft }) {
  if (!issues) return null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  return html`<div class="findings">
    <p class=${issues.length ? 'muted' : 'ok'} role="status">${issues.length
      ? `Message check: ${errors} to fix, ${issues.length - errors} to consider.`
      : '✓ Message check: nothing the guides warn about.'}</p>
    ${issues.length > 0 && html`<ul class="plain">${[...issues].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1)).map((i, n) => {
      const frag = fragment(i, draft);
      return html`<li key=${n} class=${`finding finding-${i.severity}`}>
        <p><strong>${i.severity === 'error' ? '✖ Fix' : '⚠ Consider'}:</strong> ${i.message}
          ${frag && html` <span class="muted">(${i.field}: “${frag}”)</span>`}</p>
        ${i.sources && i.sources.length > 0 && html`<details class="sources">
          <summary>What the guide says</summary>
          <ul>${i.sources.map((s, k) => html`<li key=${k}>
            <${Citation} source=${s} />
          </li>`)}</ul>
        </details>`}
      </li>`;
    })}</ul>`}
  </div>`;
}

function ActionCard({ action, app, contact, tz, now, onResolve, compact, reload, round }) {
  const id = useId('a');
  const [copied, setCopied] = useState('');
  const saved = stored(`draft:${action.key}`, null);
  const [draft, setDraft] = useState(saved || action.draft || null);
  const [edited, setEdited] = useState(!!saved);
  const [confirming, setConfirming] = useState(false);
  // A fresh draft from the server (after something of value was added) replaces an unedited one.
  useEffect(() => {
    if (!edited) setDraft(action.draft || null);
  }, [action.draft && action.draft.body, action.draft && action.draft.subject]);
  const blanks = action.channel ? placeholdersIn(draft) : [];
  const issues = useDraftCheck(action, draft, edited && !!action.channel);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [pick, setPick] = useState(addDays(todayIn(tz, now), 7));
  const [checked, setChecked] = useState(() => stored(`check:${action.key}`, []));
  const checklist = checklistFor(action);
  const isTask = action.kind === 'prepare_questions' || action.kind === 'write_notes';

  const edit = (k) => (e) => {
    const next = { ...draft, [k]: e.currentTarget.value };
    setDraft(next);
    setEdited(true);
    store(`draft:${action.key}`, next);
  };
  const toggle = (i) => {
    const next = checked.includes(i) ? checked.filter((x) => x !== i) : [...checked, i];
    setChecked(next);
    store(`check:${action.key}`, next);
  };
  // Esc closes the snooze choices and gives focus back to the button that opened them.
  const closeOnEscape = (e) => {
    if (e.key !== 'Escape' || !snoozeOpen) return;
    e.preventDefault();
    setSnoozeOpen(false);
    document.querySelector(`[aria-controls="${id}-s"]`)?.focus();
  };
  const snoozeTo = (date) => {
    const until = zonedToIso(`${date}T09:00`, tz);
    onResolve(action, `Snoozed until ${dateTime(until, tz)}`, () => api.snooze(action.key, until));
  };
  const done = (anyway = false) => {
    // A draft that still has […] to fill in is not what you sent: ask before logging it.
    if (blanks.length > 0 && !anyway) {
      setConfirming(true);
      return;
    }
    const body = action.channel && draft ? { subject: draft.subject || undefined, body: draft.body } : {};
    onResolve(action, 'Done', () => api.done(action.key, body));
  };
  const mailto = action.channel === 'email' && draft
    ? `mailto:${contact && contact.email ? encodeURIComponent(contact.email) : ''}?subject=${
      encodeURIComponent(draft.subject || '')}&body=${encodeURIComponent(draft.body || '')}`
    : null;

  return html`<article class=${`card action status-${action.status}`} aria-labelledby=${`${id}-t`} onKeyDown=${closeOnEscape}>
    <header class="action-head">
      <h3 id=${`${id}-t`}>${action.title}${round && html` <span class="round">(${round})</span>`}</h3>
      <p class="meta">
        ${contact && html`<span>${contact.name}${contact.title ? `, ${contact.title}` : ''}</span>`}
        ${app && html`<span><${Link} href=${`/applications/${app.id}`}>${app.company}<//> · ${app.role_title}</span>`}
        ${action.channel && html`<span class="chip">${channelLabel(action.channel)}</span>`}
      </p>
      <p class=${`due due-${action.status}`}>
        <time datetime=${action.due_at} title=${`Due ${dateTime(action.due_at, tz)}`}>${dueText(action, tz, now)}</time>
        <span class="sub">${action.status === 'upcoming' ? ` · ${shortDateTime(action.earliest_at, tz)} to ${shortDateTime(action.due_at, tz)}` : ` · due ${dateTime(action.due_at, tz)}`}</span>
      </p>
    </header>
    <p class="why">${action.why}</p>
    ${action.sources && action.sources.length === 0 && html`<p class="muted beyond">Not from the guides: Followup’s own suggestion, so no guide is cited.</p>`}
    ${action.sources && action.sources.length > 0 && html`<details class="sources">
      <summary>Why this timing: ${action.sources.length} ${action.sources.length === 1 ? 'source' : 'sources'}</summary>
      <ul>${action.sources.map((s, i) => html`<li key=${i}>
        <${Citation} source=${s} />
      </li>`)}</ul>
    </details>`}
    ${isTask && checklist && html`<fieldset class="checklist">
      <legend>Checklist</legend>
      ${checklist.map((item, i) => html`<label key=${i} class="check">
        <input type="checkbox" checked=${checked.includes(i)} onChange=${() => toggle(i)} /> ${item}
      </label>`)}
    </fieldset>`}
    ${draft && !isTask && html`<details class="draft" open=${!compact
      && (action.status !== 'upcoming' || Date.parse(action.earliest_at) - now < 24 * 3600_000)}>
      <summary>Draft${action.channel ? ` (${channelLabel(action.channel).toLowerCase()})` : ''}</summary>
      ${action.kind === 'send_status_check' && html`<${ValueAdd} action=${action} onSaved=${() => {
        setEdited(false);
        if (reload) reload();
      }} />`}
      ${blanks.length > 0 && html`<p class="notice">${`Fill in ${blanks.length === 1 ? 'the part' : `the ${blanks.length} parts`} in [brackets] before you send it.`}</p>`}
      <${Field} label="Subject" value=${draft.subject || ''} onInput=${edit('subject')} />
      <${Field} as="textarea" label="Message" rows="8" value=${draft.body || ''} onInput=${edit('body')} />
      <${Findings} issues=${issues} draft=${draft} />
      <div class="row">
        <button type="button" class="btn" onClick=${async () => {
          const ok = await copyText(draft.subject ? `${draft.subject}\n\n${draft.body}` : draft.body);
          setCopied(ok ? 'Copied to the clipboard.' : 'Could not copy; select the text and copy it.');
          setTimeout(() => setCopied(''), 4000);
        }}>Copy</button>
        ${mailto && html`<a class="btn" href=${mailto}>Open in mail app</a>`}
        <span class="copied" aria-live="polite">${copied}</span>
      </div>
    </details>`}
    ${draft && isTask && draft.body && !checklistFor({ ...action, kind: '' }) && html`<p class="note">${draft.body}</p>`}
    ${confirming && html`<div class="confirm" role="alertdialog" aria-labelledby=${`${id}-c`}>
      <p id=${`${id}-c`}>This draft still has ${blanks.join(', ')} in it. Log it as sent anyway?</p>
      <div class="row">
        <button type="button" class="btn btn-primary" onClick=${() => done(true)}>Yes, it went out</button>
        <button type="button" class="btn" onClick=${() => setConfirming(false)}>Keep editing</button>
      </div>
    </div>`}
    <div class="actions row" role="group" aria-label=${`Actions for: ${action.title}`}>
      <button type="button" class="btn btn-primary" onClick=${() => done()}>Done</button>
      <button type="button" class="btn btn-quiet" onClick=${() => onResolve(action, 'Dismissed', () => api.dismiss(action.key))}>Dismiss</button>
      <button type="button" class="btn" aria-expanded=${snoozeOpen ? 'true' : 'false'} aria-controls=${`${id}-s`}
        onClick=${() => setSnoozeOpen(!snoozeOpen)}>Snooze…</button>
    </div>
    ${snoozeOpen && html`<div class="snooze row" id=${`${id}-s`}>
      <button type="button" class="btn btn-small" onClick=${() => onResolve(action, 'Snoozed until your next business day', () => api.snooze(action.key, { to: 'next_business_day' }))}>Tomorrow</button>
      <button type="button" class="btn btn-small" onClick=${() => snoozeTo(addDays(todayIn(tz, now), 3))}>In 3 days</button>
      <form class="row" onSubmit=${(e) => {
        e.preventDefault();
        if (pick) snoozeTo(pick);
      }}>
        <label for=${`${id}-d`} class="sr-only">Snooze until date</label>
        <input id=${`${id}-d`} type="date" value=${pick} min=${addDays(todayIn(tz, now), 1)}
          onInput=${(e) => setPick(e.currentTarget.value)} />
        <button type="submit" class="btn btn-small">Snooze to date</button>
      </form>
    </div>`}
  </article>`;
}

/** Something of value for a status check (000: "done more research", "a related article"):
 * saved on the action, and the server's draft says it in place of its placeholder. */
function ValueAdd({ action, onSaved }) {
  const [value, setValue] = useState(action.value_add || '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.setActionInput(action.key, value.trim() || null);
      store(`draft:${action.key}`, undefined);
      toast(value.trim() ? 'Added to the draft.' : 'Removed from the draft.');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="value-add stack" onSubmit=${save} novalidate aria-label="Add to this status check">
    <${Field} label="Something of value to share" value=${value} maxlength="300"
      onInput=${(e) => setValue(e.currentTarget.value)} error=${error && ((error.fields || {}).value_add || error.message)}
      hint="A finding, an idea or a link since you spoke, e.g. “a write-up of how we cut consumer lag: https://…”." />
    <div><button type="submit" class="btn btn-small" disabled=${busy}>Use in the draft</button></div>
  </form>`;
}
