// Sign up and log in. The time zone is prefilled from the browser; errors sit beside their field.
import { api } from '../api.js';
import { browserZone, zoneList } from '../time.js';
import { html, Field, FormError, Link, useForm } from '../ui.js';

export function AuthScreen({ mode, next, onAuthed }) {
  const signup = mode === 'signup';
  const { form, set, error, fields: f, busy, submit } = useForm(
    { email: '', password: '', name: '', timezone: browserZone() },
    async (form) => {
      if (signup) {
        await api.register({
          email: form.email, password: form.password, timezone: form.timezone,
          ...(form.name.trim() ? { name: form.name.trim() } : {}),
        });
      }
      await api.login({ email: form.email, password: form.password });
      onAuthed(await api.me());
    },
  );
  const other = signup ? '/login' : '/signup';
  const keepNext = next ? `?next=${encodeURIComponent(next)}` : '';

  return html`<div class="auth">
    <h1 tabindex="-1">${signup ? 'Create your account' : 'Log in'}</h1>
    <p class="lede">${signup
      ? 'Track every interview and know whom to thank, when to check in, and what to write.'
      : 'Welcome back. Your follow-ups are waiting.'}</p>
    <form onSubmit=${submit} novalidate class="card stack">
      <${FormError} error=${error} known=${['email', 'password', 'name', 'timezone']} />
      <${Field} label="Email" type="email" name="email" autocomplete="email" required
        value=${form.email} onInput=${set('email')} error=${f.email} />
      <${Field} label="Password" type="password" name="password" required minlength="8"
        autocomplete=${signup ? 'new-password' : 'current-password'}
        hint=${signup ? 'At least 8 characters.' : undefined}
        value=${form.password} onInput=${set('password')} error=${f.password} />
      ${signup && html`
        <${Field} label="Your name (optional)" name="name" autocomplete="name"
          hint="Used to sign the drafts." value=${form.name} onInput=${set('name')} error=${f.name} />
        <${Field} as="select" label="Time zone" name="timezone" value=${form.timezone}
          onChange=${set('timezone')} error=${f.timezone}
          hint="Due times are worked out in this zone.">
          ${zoneList(form.timezone).map((z) => html`<option value=${z}>${z}</option>`)}
        <//>`}
      <button class="btn btn-primary" type="submit" disabled=${busy}>
        ${busy ? 'Please wait…' : signup ? 'Sign up' : 'Log in'}
      </button>
    </form>
    ${!signup && html`<p><${Link} href="/forgot-password">Forgot password?<//></p>`}
    <p>${signup ? 'Already have an account? ' : 'New here? '}
      <${Link} href=${other + keepNext}>${signup ? 'Log in' : 'Create an account'}<//></p>
  </div>`;
}
