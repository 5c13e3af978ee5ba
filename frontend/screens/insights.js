// Insights: what got answers, how long things take, outcomes, follow-up habits, who is waiting.
// Loaded on demand (main.js imports it the first time the screen opens) to keep other pages light.
import { useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { html, ErrorBox, Field, Link, Loading, STATUS_LABELS, useAsync } from '../ui.js';
import { dateText } from '../time.js';
import { channelLabel } from './today.js';
import { KINDS } from './application.js';

const MIN_SENT = 5; // below this a rate says more about luck than about what works
const NOT_ENOUGH = 'Not enough data yet';
const ACTIONS = {
  send_thank_you: 'Thank-you notes', send_status_check: 'Status checks',
  send_post_decision_thanks: 'Thanks after a decision', prepare_questions: 'Preparing questions',
  write_notes: 'Writing notes',
};
const pct = (r) => `${Math.round(r * 100)}%`;
const days = (d) => `${Math.round(d * 10) / 10} ${d === 1 ? 'day' : 'days'}`;
const answeredText = (r) => (r.sent ? `${r.answered}/${r.sent} answered, ${pct(r.rate)}` : 'nothing sent');

/** One bar per row: the SVG is decoration, the figures beside it are the text equivalent. */
function Bars({ id, title, rows }) {
  return html`<figure class="chart" aria-labelledby=${id}>
    <figcaption id=${id}>${title}</figcaption>
    <ul class="plain bars">${rows.map((r) => html`<li key=${r.label}>
      <span class="bar-label">${r.label}</span>
      <svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="bar-track" width="100" height="8" rx="2" />
        ${r.sent > 0 && html`<rect class="bar-fill" width=${Math.max(r.rate * 100, 1)} height="8" rx="2" />`}
      </svg>
      <span class="bar-figure">${answeredText(r)}</span>
    </li>`)}</ul>
  </figure>`;
}

/** "waiting 12 days (since 3 Dec)"; a wait below zero or over a year is a mistyped date. */
function waitingText(a) {
  if (a.days_waiting < 0 || a.days_waiting > 365) return `waiting since ${dateText(a.waiting_since)} — the date looks wrong`;
  return `waiting ${days(a.days_waiting)} (since ${dateText(a.waiting_since)})`;
}

function Ratio({ label, r }) {
  return html`<li><strong>${label}:</strong> ${r.rate === null
    ? `${NOT_ENOUGH} (no applications reached an interview).`
    : `${r.numerator}/${r.denominator} interviewed, ${pct(r.rate)}`}</li>`;
}

function Median({ label, d }) {
  return html`<li><strong>${label}:</strong> ${d.median_days === null
    ? `${NOT_ENOUGH}.` : `median ${days(d.median_days)} (n = ${d.count})`}</li>`;
}

export function InsightsScreen(props) {
  return html`<h1 tabindex="-1">Insights</h1><${InsightsBody} ...${props} />`;
}

function InsightsBody({ me }) {
  const [range, setRange] = useState({ from: '', to: '' });
  const [form, setForm] = useState(range);
  const { data, error, loading, reload } = useAsync(() => api.insights(range.from, range.to), [range.from, range.to]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const f = (error && error.fields) || {};

  return html`<p class="lede">What got answers, how long employers take, and who you are waiting on — from your
    own history${me.timezone ? ` (dates in ${me.timezone})` : ''}.</p>
    <form class="row filters period" aria-label="Period" onSubmit=${(e) => {
      e.preventDefault();
      setRange(form);
    }}>
      <${Field} type="date" label="From" value=${form.from} onInput=${set('from')} error=${f.from} max=${form.to || undefined} />
      <${Field} type="date" label="To" value=${form.to} onInput=${set('to')} error=${f.to} min=${form.from || undefined} />
      <button class="btn" type="submit">Show period</button>
      ${(range.from || range.to) && html`<button class="btn btn-quiet" type="button" onClick=${() => {
        setForm({ from: '', to: '' });
        setRange({ from: '', to: '' });
      }}>All time</button>`}
    </form>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} label="Working out your insights…" />`}
    ${data && html`<${Report} data=${data} />`}`;
}

function Report({ data }) {
  const rr = data.response_rates;
  const o = data.outcomes;
  const p = data.pipeline;
  const few = rr.overall.sent < MIN_SENT;
  return html`<div class="insights">
    <section class="card stack" aria-labelledby="i-rates">
      <h2 id="i-rates">Did your messages get answers?</h2>
      <p>${rr.overall.sent
        ? html`<strong>${answeredText(rr.overall)}</strong> overall (a reply within ${rr.window_days} days counts).`
        : `${NOT_ENOUGH}: no messages sent in this period. Log what you send (Done on Today does it) to see what works.`}</p>
      ${rr.overall.sent > 0 && few && html`<p class="notice">${NOT_ENOUGH} to tell what works: ${rr.overall.sent === 1 ? '1 message' : `${rr.overall.sent} messages`} sent so far,
        and a rate starts to mean something from ${MIN_SENT}. The figures below are only what happened.</p>`}
      ${rr.overall.sent > 0 && html`<div class="grid2">
        <${Bars} id="c-channel" title="By channel" rows=${rr.by_channel.map((r) => ({ ...r, label: r.key === 'unspecified' ? 'Not recorded' : channelLabel(r.key) }))} />
        <${Bars} id="c-delay" title="By time after the interview" rows=${rr.by_delay} />
      </div>
      <table class="table">
        <caption>By kind of message</caption>
        <thead><tr><th scope="col">Kind</th><th scope="col">Answered</th><th scope="col">Sent</th><th scope="col">Rate</th></tr></thead>
        <tbody>${rr.by_kind.map((r) => html`<tr key=${r.key}>
          <th scope="row">${KINDS[r.key] || r.key}</th><td>${r.answered}</td><td>${r.sent}</td>
          <td>${r.rate === null ? NOT_ENOUGH : pct(r.rate)}</td>
        </tr>`)}</tbody>
      </table>`}
    </section>
    <div class="grid2">
      <section class="card" aria-labelledby="i-time">
        <h2 id="i-time">How long it takes</h2>
        <ul class="plain">
          <${Median} label="From an interview to their first reply" d=${data.timing.interview_to_first_reply} />
          <${Median} label="From applying to a decision" d=${data.timing.application_to_decision} />
        </ul>
      </section>
      <section class="card" aria-labelledby="i-out">
        <h2 id="i-out">Outcomes</h2>
        ${o.applications === 0 ? html`<p>${NOT_ENOUGH}: no applications in this period.</p>` : html`
          <p>${o.applications} ${o.applications === 1 ? 'application' : 'applications'}, ${o.interviewed} reached an interview.</p>
          <p class="row">${Object.entries(o.by_status).filter(([, n]) => n > 0).map(([s, n]) => html`<span class="chip" key=${s}>${STATUS_LABELS[s] || s}: ${n}</span>`)}</p>
          <ul class="plain">
            <${Ratio} label="Offer rate" r=${o.offer_rate} />
            <${Ratio} label="Hire rate" r=${o.hire_rate} />
          </ul>`}
      </section>
    </div>
    <section class="card" aria-labelledby="i-fu">
      <h2 id="i-fu">Your follow-ups</h2>
      ${data.follow_ups.length === 0 ? html`<p>${NOT_ENOUGH}: no follow-ups were due in this period.</p>` : html`<table class="table">
        <thead><tr><th scope="col">Follow-up</th><th scope="col">On time</th><th scope="col">Late</th><th scope="col">Not at all</th></tr></thead>
        <tbody>${data.follow_ups.map((r) => html`<tr key=${r.kind}>
          <th scope="row">${ACTIONS[r.kind] || r.kind}</th><td>${r.on_time}</td><td>${r.late}</td><td>${r.not_at_all}</td>
        </tr>`)}</tbody>
      </table>`}
    </section>
    <section class="card" aria-labelledby="i-wait">
      <h2 id="i-wait">Waiting on employers</h2>
      ${p.waiting === 0 ? html`<p>Nobody: no application is waiting on an employer.</p>` : html`
        <p>${p.waiting} waiting${p.median_days_waiting === null || p.median_days_waiting < 0 ? '' : `, median ${days(p.median_days_waiting)}`}.</p>
        <ul class="plain">${p.items.map((a) => html`<li key=${a.application_id}>
          <${Link} href=${`/applications/${a.application_id}`}>${a.company}<//> · ${a.role_title}
          <span class="muted"> — ${STATUS_LABELS[a.status] || a.status}, ${waitingText(a)}</span>
        </li>`)}</ul>`}
    </section>
  </div>`;
}
