// Settings: profile, signature, time zone, country, policy profile, and personal access tokens.
import { useState } from '../vendor/preact/hooks.module.js';
import { api } from '../api.js';
import { Capture } from './capture.js';
import { dateTime, zoneList } from '../time.js';
import { Notifications } from './notifications.js';
import { Later } from './later.js';
import { html, Link, changedFields, copyText, ErrorBox, Field, FormError, Loading, toast, useAsync, useForm } from '../ui.js';

// Countries the server's holiday calendar knows (ISO 3166 alpha-2), named in the browser's language.
const CODES = 'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW';
function countries() {
  let names = null;
  try {
    names = new Intl.DisplayNames(undefined, { type: 'region' });
  } catch {
    names = null;
  }
  const list = [];
  for (let i = 0; i < CODES.length; i += 2) {
    const code = CODES.slice(i, i + 2);
    let name = code;
    try {
      name = (names && names.of(code)) || code;
    } catch {
      name = code;
    }
    list.push([code, name]);
  }
  return list.sort((a, b) => a[1].localeCompare(b[1]));
}

export function SettingsScreen({ me, setMe }) {
  return html`<h1 tabindex="-1">Settings</h1>
    <div class="two-col">
      <${Profile} me=${me} setMe=${setMe} />
      <${Tokens} tz=${me.timezone || 'UTC'} />
    </div>
    <div class="two-col more">
      <${Transfer} />
      <${CalendarFeed} tz=${me.timezone || 'UTC'} />
    </div>
    <div class="two-col more">
      <${Notifications} tz=${me.timezone || 'UTC'} />
      <${Later} load=${() => import('./webhooks.js')} name="Webhooks" tz=${me.timezone || 'UTC'}
        waiting=${(open) => html`<section class="card stack"><h2>Webhooks</h2>
          <p class="muted">Post events to your own server as they happen.</p>
          <div><button type="button" class="btn" onClick=${open}>Set up webhooks</button></div></section>`} />
    </div>

    <section class="card stack" aria-labelledby="s-mail">
      <h2 id="s-mail">Mail</h2>
      <p class="muted">Connect a mailbox over IMAP, or import mail files: replies log themselves.</p>
      <div><${Link} href="/settings/mail" class="btn">Set up mail<//></div>
    </section>

    <div class="more"><${Capture} /></div>`;
}

const COUNTED = ['applications', 'contacts', 'interviews', 'touchpoints', 'action_states'];
// Each counted row's name, one and many.
const ROW_NAMES = {
  applications: ['application', 'applications'],
  contacts: ['contact', 'contacts'],
  interviews: ['interview', 'interviews'],
  touchpoints: ['message', 'messages'],
  action_states: ['follow-up state', 'follow-up states'],
};

/** "line 4, company: Field required" for each bad row the server listed. */
function rowErrors(err) {
  return (err.problem.errors || []).map((e) => {
    const where = [e.row ? `line ${e.row}` : '', e.field || ''].filter(Boolean).join(', ');
    return where ? `${where}: ${e.msg}` : e.msg;
  });
}

const SETTING_NAMES = { timezone: 'time zone', country: 'country (public holidays)', name: 'name', policy_profile: 'timing profile', signature: 'signature' };

/** What a file would do, said before it is imported: likely duplicates and replaced settings. */
function ImportPreview({ preview, counted, busy, onImport, onCancel }) {
  const dupes = preview.duplicates;
  return html`<div class="import-preview stack" role="alert" aria-labelledby="import-preview-title">
    <p id="import-preview-title"><strong>Before you import:</strong> this file adds ${counted(preview)}.</p>
    ${dupes.length > 0 && html`<div><p>${dupes.length === 1 ? 'One application looks like one you already have' : `${dupes.length} applications look like ones you already have`} (same company and role):</p>
      <ul>${dupes.slice(0, 10).map((d) => html`<li key=${d.row}>line ${d.row}: ${d.company} — ${d.role_title}</li>`)}
      ${dupes.length > 10 && html`<li>and ${dupes.length - 10} more</li>`}</ul>
      <p>${dupes.length === 1 ? 'Importing adds it again as a separate application.' : 'Importing adds them again as separate applications.'}</p></div>`}
    ${preview.settings_changes.length > 0 && html`<div><p>It also replaces your settings with the file’s:</p>
      <ul>${preview.settings_changes.map((c) => html`<li key=${c.field}>${`your ${SETTING_NAMES[c.field] || c.field}: ${c.current || '(none)'} becomes ${c.imported || '(none)'}`}</li>`)}</ul></div>`}
    <div class="row">
      <button type="button" class="btn btn-primary" disabled=${busy} onClick=${onImport}>Import anyway</button>
      <button type="button" class="btn" onClick=${onCancel}>Cancel</button>
    </div>
  </div>`;
}

function Transfer() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const download = async (format) => {
    try {
      const url = URL.createObjectURL(await api.exportBlob(format));
      const a = document.createElement('a');
      a.href = url;
      a.download = `followup-${format === 'csv' ? 'applications' : 'export'}-${new Date().toISOString().slice(0, 10)}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      toast(`Could not export: ${err.message}`);
    }
  };
  const [pending, setPending] = useState(null); // {file, csv, preview, form}: a dry run with warnings
  const counted = (r) => COUNTED.filter((k) => r[k]).map((k) => `${r[k]} ${ROW_NAMES[k][r[k] === 1 ? 0 : 1]}`).join(', ') || 'nothing';
  const run = async (file, csv, form) => {
    const r = await api.importFile(file, csv);
    setResult(counted(r));
    setPending(null);
    form.reset();
  };
  const submit = async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const file = form.elements.file.files[0];
    setResult(null);
    setError(null);
    setPending(null);
    if (!file) {
      setError({ message: 'Choose a .json or .csv file first.', lines: [] });
      return;
    }
    setBusy(true);
    try {
      const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
      // A dry run first: likely duplicates and replaced settings are said before anything happens.
      const preview = await api.importFile(file, csv, { dryRun: true });
      if (preview.duplicates.length || preview.settings_changes.length) setPending({ file, csv, preview, form });
      else await run(file, csv, form);
    } catch (err) {
      setError({ message: err.message, lines: rowErrors(err) });
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await run(pending.file, pending.csv, pending.form);
    } catch (err) {
      setError({ message: err.message, lines: rowErrors(err) });
      setPending(null);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="card stack" aria-labelledby="s-data">
    <h2 id="s-data">Export and import</h2>
    <p class="muted">Everything you entered as a JSON file (to keep, or to import into another account), or your
      applications as a spreadsheet (CSV).</p>
    <div class="row">
      <button type="button" class="btn" onClick=${() => download('json')}>Export everything (JSON)</button>
      <button type="button" class="btn" onClick=${() => download('csv')}>Export applications (CSV)</button>
    </div>
    <form class="stack" onSubmit=${submit} aria-label="Import">
      <${Field} type="file" name="file" label="Import a file" accept=".json,.csv,application/json,text/csv"
        hint="A Followup JSON export, or a CSV with a header row naming the fields (company, role_title, status, applied_on…). All or nothing: one bad row and nothing is imported." />
      <div><button class="btn btn-primary" type="submit" disabled=${busy}>Import</button></div>
    </form>
    ${pending && html`<${ImportPreview} preview=${pending.preview} counted=${counted} busy=${busy}
      onImport=${confirm} onCancel=${() => setPending(null)} />`}
    ${result && html`<p class="ok" role="status">Imported ${result}.</p>`}
    ${error && html`<div class="error-box" role="alert">
      <p>${error.message}</p>
      ${error.lines.length > 0 && html`<ul>${error.lines.map((l, i) => html`<li key=${i}>${l}</li>`)}</ul>`}
    </div>`}
  </section>`;
}

function CalendarFeed({ tz }) {
  const status = useAsync(() => api.calendarFeed(), []);
  const [url, setUrl] = useState(null);
  const active = url || (status.data && status.data.active);
  const create = async () => {
    if (active && !window.confirm('Make a new address? Calendars subscribed to the old one stop updating.')) return;
    try {
      const r = await api.createCalendarFeed();
      setUrl(r.url);
      status.setData({ active: true, created_at: r.created_at });
    } catch (err) {
      toast(`Could not create the feed: ${err.message}`);
    }
  };
  const revoke = async () => {
    if (!window.confirm('Turn off the calendar feed? Subscribed calendars stop updating.')) return;
    try {
      await api.revokeCalendarFeed();
      setUrl(null);
      status.setData({ active: false, created_at: null });
      toast('Calendar feed turned off.');
    } catch (err) {
      toast(`Could not turn it off: ${err.message}`);
    }
  };
  return html`<section class="card stack" aria-labelledby="s-feed">
    <h2 id="s-feed">Calendar feed</h2>
    <p class="muted">Your open follow-ups as calendar events, each at the time to send it, updated as you work.</p>
    ${status.error && html`<${ErrorBox} error=${status.error} retry=${status.reload} />`}
    ${!status.data && status.loading && html`<${Loading} />`}
    ${status.data && !url && html`<p>${active
      ? `A feed is on (made ${dateTime(status.data.created_at, tz)}). Its address is shown only once; make a new one if you need it again.`
      : 'No feed yet.'}</p>`}
    ${url && html`<div class="new-token" role="status">
      <p><strong>Subscribe to this address.</strong> It is shown only once, and anyone who has it can see your follow-ups.</p>
      <label for="feed-url" class="sr-only">Calendar feed address</label>
      <input id="feed-url" class="mono" readonly value=${url} onFocus=${(e) => e.currentTarget.select()} />
      <div class="row">
        <button type="button" class="btn" onClick=${async () => toast((await copyText(url)) ? 'Address copied.' : 'Could not copy; select it and copy.')}>Copy address</button>
      </div>
      <ul>
        <li><strong>Google Calendar</strong> (on a computer): Other calendars → + → From URL, paste, Add calendar.</li>
        <li><strong>Apple Calendar</strong>: on a Mac, File → New Calendar Subscription; on an iPhone, Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar.</li>
        <li><strong>Outlook</strong>: Add calendar → Subscribe from web, paste, Import.</li>
      </ul>
      <p class="muted">Calendars refresh a subscription on their own schedule (Google: every few hours).</p>
    </div>`}
    ${status.data && html`<div class="row">
      <button type="button" class="btn btn-primary" onClick=${create}>${active ? 'Make a new address' : 'Create a feed address'}</button>
      ${active && html`<button type="button" class="btn btn-quiet" onClick=${revoke}>Turn off the feed</button>`}
    </div>`}
  </section>`;
}

function Profile({ me, setMe }) {
  const pick = (u) => ({
    name: u.name || '', signature: u.signature || '', timezone: u.timezone || 'UTC',
    country: u.country || '', policy_profile: u.policy_profile || 'balanced',
  });
  const { form, setForm, set, error, fields: f, busy, submit } = useForm(pick(me), async (form) => {
    const body = changedFields(form, pick(me));
    const u = Object.keys(body).length ? await api.updateMe(body) : me;
    setMe(u);
    setForm(pick(u));
    toast('Settings saved.');
  });
  // The engine's own profiles and their timings, so this screen never drifts from them.
  const profiles = useAsync(() => api.policyProfiles(), []);
  return html`<section class="card" aria-labelledby="s-profile">
    <h2 id="s-profile">You</h2>
    <form class="stack" onSubmit=${submit} novalidate>
      <${FormError} error=${error} known=${Object.keys(form)} />
      <p class="muted">Signed in as ${me.email}</p>
      <${Field} label="Name" value=${form.name} onInput=${set('name')} error=${f.name} autocomplete="name"
        hint=${me.name ? 'Drafts are signed with it.'
          : 'Add your name: until you do, drafts are signed “[Your name]”.'} />
      <${Field} as="textarea" rows="4" label="Signature" value=${form.signature} onInput=${set('signature')}
        error=${f.signature} hint="Added to the end of every draft: your name, phone, LinkedIn." />
      <${Field} as="select" label="Time zone" value=${form.timezone} onChange=${set('timezone')} error=${f.timezone}
        hint="Due times are worked out and shown in this zone.">
        ${zoneList(form.timezone).map((z) => html`<option value=${z}>${z}</option>`)}
      <//>
      <${Field} as="select" label="Country (for public holidays)" value=${form.country} onChange=${set('country')}
        error=${f.country} hint="Business days skip this country's public holidays.">
        <option value="">None — weekends only</option>
        ${countries().map(([c, n]) => html`<option value=${c}>${n} (${c})</option>`)}
      <//>
      <fieldset class="profiles">
        <legend>How soon to follow up</legend>
        ${profiles.error && html`<${ErrorBox} error=${profiles.error} />`}
        ${profiles.loading && !profiles.data && html`<${Loading} />`}
        ${(profiles.data || []).map((p, i) => html`<label class="profile" key=${p.name}>
          <input type="radio" name="policy_profile" value=${p.name} checked=${form.policy_profile === p.name}
            onChange=${set('policy_profile')} aria-describedby=${`pp-${p.name}`} />
          <span><strong>${p.name[0].toUpperCase() + p.name.slice(1)}${i === 0 ? ' (recommended)' : ''}</strong>
            <span class="muted" id=${`pp-${p.name}`}>${p.description}</span></span>
        </label>`)}
        ${f.policy_profile && html`<p class="field-error">${f.policy_profile}</p>`}
      </fieldset>
      <div><button class="btn btn-primary" type="submit" disabled=${busy}>Save settings</button></div>
    </form>
  </section>`;
}

function Tokens({ tz }) {
  const { data, error, loading, reload, setData } = useAsync(() => api.tokens(), []);
  const [form, setForm] = useState({ name: '', scope: 'read' });
  const [formError, setFormError] = useState(null);
  const [fresh, setFresh] = useState(null);
  const f = (formError && formError.fields) || {};
  const create = async (e) => {
    e.preventDefault();
    setFormError(null);
    try {
      const t = await api.createToken({ name: form.name.trim(), scopes: form.scope === 'write' ? ['read', 'write'] : ['read'] });
      setFresh(t);
      setForm({ name: '', scope: 'read' });
      setData((xs) => [...(xs || []), t]);
    } catch (err) {
      setFormError(err);
    }
  };
  const revoke = async (t) => {
    if (!window.confirm(`Revoke the token “${t.name}”? Anything using it stops working.`)) return;
    try {
      await api.revokeToken(t.id);
      setData((xs) => xs.filter((x) => x.id !== t.id));
      if (fresh && fresh.id === t.id) setFresh(null);
      toast(`Token “${t.name}” revoked.`);
    } catch (err) {
      toast(`Could not revoke: ${err.message}`);
    }
  };
  return html`<section class="card stack" aria-labelledby="s-tokens">
    <h2 id="s-tokens">Personal access tokens</h2>
    <p class="muted">For phone shortcuts and scripts: send it as <code>Authorization: Bearer …</code>.</p>
    <form class="stack" onSubmit=${create} novalidate aria-label="Create a token">
      <${FormError} error=${formError} known=${['name', 'scopes']} />
      <${Field} label="Token name" value=${form.name} onInput=${(e) => setForm({ ...form, name: e.currentTarget.value })}
        error=${f.name} hint="Where you will use it, e.g. “iPhone shortcut”." />
      <fieldset class="radios">
        <legend>Access</legend>
        <label><input type="radio" name="scope" value="read" checked=${form.scope === 'read'}
          onChange=${() => setForm({ ...form, scope: 'read' })} /> Read only</label>
        <label><input type="radio" name="scope" value="write" checked=${form.scope === 'write'}
          onChange=${() => setForm({ ...form, scope: 'write' })} /> Read and write</label>
        ${f.scopes && html`<p class="field-error">${f.scopes}</p>`}
      </fieldset>
      <div><button class="btn btn-primary" type="submit">Create token</button></div>
    </form>
    ${fresh && html`<div class="new-token" role="status">
      <p><strong>Copy your new token now.</strong> It is shown only once.</p>
      <label for="new-token" class="sr-only">New token</label>
      <input id="new-token" class="mono" readonly value=${fresh.token} onFocus=${(e) => e.currentTarget.select()} />
      <div class="row">
        <button type="button" class="btn" onClick=${async () => toast((await copyText(fresh.token)) ? 'Token copied.' : 'Could not copy; select it and copy.')}>Copy token</button>
        <button type="button" class="btn btn-quiet" onClick=${() => setFresh(null)}>I have saved it</button>
      </div>
    </div>`}
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} />`}
    ${data && data.length === 0 && html`<p class="muted">No tokens yet.</p>`}
    ${data && data.length > 0 && html`<ul class="plain tokens">${data.map((t) => html`<li key=${t.id}>
      <span><strong>${t.name}</strong> <span class="chip">${t.scopes.includes('write') ? 'read + write' : 'read only'}</span>
        <br /><span class="muted">${t.prefix ? html`<code>${t.prefix}…</code> · ` : ''}created ${dateTime(t.created_at, tz)}</span></span>
      <button type="button" class="btn btn-small btn-quiet" onClick=${() => revoke(t)} aria-label=${`Revoke ${t.name}`}>Revoke</button>
    </li>`)}</ul>`}
  </section>`;
}
