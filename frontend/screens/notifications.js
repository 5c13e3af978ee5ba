// Settings → Notifications: the morning email's hour (or off), how the last one went, a test send.
import { useState } from '../vendor/preact/hooks.module.js';
import { request } from '../api.js';
import { dateTime } from '../time.js';
import { html, ErrorBox, Loading, toast, useAsync } from '../ui.js';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const STATUS = { sent: 'sent', nothing_due: 'not sent: nothing was due', failed: 'failed', sending: 'being sent' };

export function Notifications({ tz }) {
  const { data, error, loading, reload, setData } = useAsync(() => request('GET', '/notifications'), []);
  const [busy, setBusy] = useState(false);
  const save = async (value) => {
    try {
      setData(await request('PATCH', '/notifications', { body: { digest_hour: value === 'off' ? null : Number(value) } }));
      toast(value === 'off' ? 'The morning email is off.' : 'Saved.');
    } catch (err) {
      toast(`Could not save: ${err.message}`);
    }
  };
  const test = async () => {
    setBusy(true);
    try {
      const r = await request('POST', '/notifications/test');
      toast(r.actions ? `Sent, with ${r.actions} follow-up${r.actions === 1 ? '' : 's'}.` : 'Sent (nothing is due right now).');
    } catch (err) {
      toast(err.message);
    } finally {
      setBusy(false);
    }
  };
  const last = data && data.last_digest;
  return html`<section class="card stack" aria-labelledby="s-notifications">
    <h2 id="s-notifications">Morning email</h2>
    ${error && html`<${ErrorBox} error=${error} retry=${reload} />`}
    ${!data && loading && html`<${Loading} />`}
    ${data && html`
      ${!data.email_configured && html`<p class="muted">This server sends no email yet (its operator sets
        <code>FOLLOWUP_SMTP_URL</code>).</p>`}
      <label class="stack">What is due today, by email, at
        <select value=${data.digest_hour === null ? 'off' : String(data.digest_hour)}
          onChange=${(e) => save(e.currentTarget.value)} aria-describedby="digest-hint">
          <option value="off">Off</option>
          ${HOURS.map((h) => html`<option value=${String(h)}>${String(h).padStart(2, '0')}:00</option>`)}
        </select></label>
      <p class="muted" id="digest-hint">In your time zone (${tz}); only on days when something is due.</p>
      ${last && html`<p>Last email, ${last.local_date}: <strong>${STATUS[last.status] || last.status}</strong>
        ${last.error && html`<br /><span class="field-error">${last.error}</span>`}
        ${last.status === 'failed' && last.retry_at && html`<br /><span class="muted">Tried again ${dateTime(last.retry_at, tz)}.</span>`}</p>`}
      <div><button type="button" class="btn" onClick=${test} disabled=${busy || !data.email_configured}>Send me one now</button></div>`}
  </section>`;
}
