// Settings → Mail (/settings/mail, fetched when it opens): connect a mailbox over IMAP (with a test), see its last sync and error,
// sync now, disconnect; and import mail files (.eml, .mbox).
import { useState } from '../vendor/preact/hooks.module.js';
import { mailApi } from '../api.js';
import { dateTime } from '../time.js';
import { html, ErrorBox, Field, FormError, Link, Loading, toast, useAsync, useForm } from '../ui.js';

const EMPTY = { host: '', port: '', security: 'tls', username: '', password: '', sent: '' };

/** "3 fetched, 1 logged, 1 for review, 0 skipped" for a sync or an import. */
export function tallyText(t) {
  const parts = [`${t.fetched} read`, `${t.logged} logged`, `${t.review} for review`];
  if (t.skipped) parts.push(`${t.skipped} skipped (${t.problems.map((p) => p.reason).slice(0, 2).join(' ')})`);
  return parts.join(', ');
}

export function MailBody({ me, onReviewChanged = () => {} }) {
  const tz = me.timezone || 'UTC';
  const boxes = useAsync(() => mailApi.mailboxes(), []);
  const { form, set, error, fields: f, busy, submit, reset } = useForm(EMPTY, async (v) => {
    const body = { host: v.host.trim(), security: v.security, username: v.username.trim(), password: v.password };
    if (v.port) body.port = Number(v.port);
    if (v.sent.trim()) body.folders = { sent: v.sent.trim() };
    const created = await mailApi.connect(body);
    let found;
    try {
      found = await mailApi.test(created.id);
    } catch (err) {
      // A mailbox that cannot log in is not kept: the form keeps what was typed, to correct it.
      await mailApi.disconnect(created.id).catch(() => {});
      throw err;
    }
    reset(EMPTY);
    boxes.setData((xs) => [...(xs || []), created]);
    connected(created, found);
  });
  const connected = (box, found) => toast(`Connected to ${box.host}: inbox “${found.folders.inbox}”, sent “${found.folders.sent || 'none found'}”.`);
  const check = async (box) => {
    try {
      connected(box, await mailApi.test(box.id));
    } catch (err) {
      toast(`${box.host}: ${err.message}`);
    }
  };
  const syncNow = async (box) => {
    try {
      toast(`Synced ${box.host}: ${tallyText(await mailApi.sync(box.id))}.`);
      onReviewChanged();
    } catch (err) {
      toast(`${box.host}: ${err.message}`);
    }
    boxes.reload();
  };
  const disconnect = async (box) => {
    if (!window.confirm(`Disconnect ${box.username} at ${box.host}? What it logged stays.`)) return;
    try {
      await mailApi.disconnect(box.id);
      boxes.setData((xs) => xs.filter((x) => x.id !== box.id));
      toast(`${box.host} disconnected.`);
    } catch (err) {
      toast(`Could not disconnect: ${err.message}`);
    }
  };
  return html`<p class="muted">Replies from your contacts log themselves; anything unsure waits in
    <${Link} href="/review">Review<//>. Gmail and Fastmail need an app password (see the README).</p>
  <section class="card stack" aria-labelledby="s-mailboxes">
    <h2 id="s-mailboxes">Mailboxes</h2>
    ${boxes.error && html`<${ErrorBox} error=${boxes.error} retry=${boxes.reload} />`}
    ${!boxes.data && boxes.loading && html`<${Loading} />`}
    ${boxes.data && boxes.data.length > 0 && html`<ul class="plain tokens">${boxes.data.map((b) => html`<li key=${b.id}>
      <span><strong>${b.username}</strong> at ${b.host}
        <br /><span class="muted">${b.last_synced_at ? `last synced ${dateTime(b.last_synced_at, tz)}` : 'not synced yet'}</span>
        ${b.last_error && html`<br /><span class="field-error">${b.last_error}</span>`}</span>
      <span class="row">
        <button type="button" class="btn btn-small" onClick=${() => check(b)}>Test</button>
        <button type="button" class="btn btn-small" onClick=${() => syncNow(b)}>Sync now</button>
        <button type="button" class="btn btn-small btn-quiet" onClick=${() => disconnect(b)}
          aria-label=${`Disconnect ${b.username}`}>Disconnect</button>
      </span>
    </li>`)}</ul>`}
    <form class="stack" onSubmit=${submit} novalidate aria-label="Connect a mailbox">
      <${FormError} error=${error} known=${['host', 'port', 'security', 'username', 'password', 'sent']} />
      <${Field} label="IMAP server" value=${form.host} onInput=${set('host')} error=${f.host}
        hint="imap.gmail.com, imap.fastmail.com, outlook.office365.com…" />
      <${Field} as="select" label="Security" value=${form.security} onChange=${set('security')} error=${f.security}>
        <option value="tls">TLS (port 993)</option>
        <option value="starttls">STARTTLS (port 143)</option>
        <option value="none">None (only on your own machine)</option>
      <//>
      <${Field} label="Port" inputmode="numeric" value=${form.port} onInput=${set('port')} error=${f.port}
        hint="Leave empty for the usual one." />
      <${Field} label="User name" value=${form.username} onInput=${set('username')} error=${f.username}
        autocomplete="off" hint="Usually your whole address." />
      <${Field} label="Password" type="password" value=${form.password} onInput=${set('password')}
        error=${f.password} autocomplete="new-password" hint="Stored encrypted; never shown again." />
      <${Field} label="Sent folder" value=${form.sent} onInput=${set('sent')} error=${f.sent}
        hint="Leave empty: the server says which one it is." />
      <div><button class="btn btn-primary" type="submit" disabled=${busy}>Connect and test</button></div>
    </form>
  </section>
  <${MailImport} onReviewChanged=${onReviewChanged} />`;
}

function MailImport({ onReviewChanged }) {
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const upload = async (e) => {
    const file = e.currentTarget.files[0];
    e.currentTarget.value = '';
    if (!file) return;
    setError(null);
    try {
      setResult(await mailApi.importFile(file));
      onReviewChanged();
    } catch (err) {
      setError(err);
    }
  };
  return html`<section class="card stack" aria-labelledby="s-mail-files">
    <h2 id="s-mail-files">Mail files</h2>
    <p class="muted">Exported from any mail program: one message (.eml) or many (.mbox).</p>
    <label class="btn" for="mail-file">Import mail (.eml or .mbox)</label>
    <input id="mail-file" class="sr-only" type="file" accept=".eml,.mbox,message/rfc822,application/mbox" onChange=${upload} />
    ${error && html`<${ErrorBox} error=${error} />`}
    ${result && html`<p role="status">Imported: ${tallyText(result)}.</p>`}
  </section>`;
}
