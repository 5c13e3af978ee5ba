// Forgot your password: ask for a link by email, then choose a new password from that link.
// Without email on the server, say how an operator resets it instead.
import { useState } from '../vendor/preact/hooks.module.js';
import { request } from '../api.js';
import { html, Field, FormError, Link, useAsync, useForm } from '../ui.js';

export function PasswordScreen({ mode, query }) {
  return mode === 'reset' ? html`<${Reset} token=${query.get('token') || ''} />` : html`<${Forgot} />`;
}

function Forgot() {
  const options = useAsync(() => request('GET', '/auth/options'), []);
  const [sent, setSent] = useState(false);
  const { form, set, error, fields: f, busy, submit } = useForm({ email: '' }, async (form) => {
    await request('POST', '/auth/password-reset', { body: { email: form.email } });
    setSent(true);
  });
  const byEmail = options.data && options.data.password_reset_by_email;
  return html`<div class="auth">
    <h1 tabindex="-1">Forgot your password?</h1>
    ${options.data && !byEmail && html`<p class="card">This server sends no email. Ask whoever runs it
      to reset your password with <code>followup reset-password YOUR-EMAIL</code>.</p>`}
    ${byEmail && !sent && html`<form onSubmit=${submit} novalidate class="card stack">
      <p>We will email you a link to choose a new password. It works once, within the hour.</p>
      <${FormError} error=${error} known=${['email']} />
      <${Field} label="Email" type="email" name="email" autocomplete="email" required
        value=${form.email} onInput=${set('email')} error=${f.email} />
      <button class="btn btn-primary" type="submit" disabled=${busy}>Email me a link</button>
    </form>`}
    ${sent && html`<p class="card" role="status">If an account has this address, a link is on its way.
      Check your inbox (and the spam folder).</p>`}
    <p><${Link} href="/login">Back to log in<//></p>
  </div>`;
}

function Reset({ token }) {
  const [done, setDone] = useState(false);
  const { form, set, error, fields: f, busy, submit } = useForm({ password: '' }, async (form) => {
    await request('POST', '/auth/password-reset/confirm', { body: { token, password: form.password } });
    setDone(true);
  });
  return html`<div class="auth">
    <h1 tabindex="-1">Choose a new password</h1>
    ${done
      ? html`<p class="card" role="status">Your password is changed, and you are logged out everywhere.
          <${Link} href="/login">Log in<//> with the new one.</p>`
      : html`<form onSubmit=${submit} novalidate class="card stack">
          <${FormError} error=${error} known=${['password']} />
          ${f.token && html`<p class="field-error">${f.token} <${Link} href="/forgot-password">Ask for a new link<//>.</p>`}
          <${Field} label="New password" type="password" name="password" required minlength="8"
            autocomplete="new-password" hint="At least 8 characters."
            value=${form.password} onInput=${set('password')} error=${f.password} />
          <button class="btn btn-primary" type="submit" disabled=${busy}>Set the password</button>
        </form>`}
  </div>`;
}
