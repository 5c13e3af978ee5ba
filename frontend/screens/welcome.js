// The first screen of a logged-out visitor: what Followup is, before asking to log in.
import { html, Link } from '../ui.js';

export function WelcomeScreen() {
  return html`<div class="welcome">
    <h1 tabindex="-1">Follow up on every interview, on time</h1>
    <p class="lede">Followup is a job-application tracker that tells you whom to thank after an
      interview, when to check in, and drafts each message for you, following published advice on
      interview follow-up.</p>
    <ul class="plain welcome-points">
      <li><strong>Record an interview in a minute.</strong> Who you met and what you talked about.</li>
      <li><strong>See what to do today.</strong> A thank-you for each interviewer, a status check when
        the time comes, with the reason and the guide it comes from.</li>
      <li><strong>Send with confidence.</strong> Each draft is checked for the mistakes the guides warn about.</li>
      <li><strong>Carry it on your phone.</strong> Install it, share a job posting into it, read it offline.</li>
    </ul>
    <p class="row">
      <${Link} class="btn btn-primary" href="/signup">Create an account<//>
      <${Link} class="btn" href="/login">Log in<//>
    </p>
  </div>`;
}
