// Review: messages that are only probably yours, each with what Followup proposes. Nothing
// happens to an application until you accept.
import { mailApi } from '../api.js';
import { dateTime } from '../time.js';
import { html, ErrorBox, Link, Loading, toast, useAsync } from '../ui.js';

export function ReviewBody({ me, onReviewChanged = () => {} }) {
  const tz = me.timezone || 'UTC';
  const items = useAsync(() => mailApi.review(), []);
  const decide = async (item, accept) => {
    try {
      await (accept ? mailApi.accept(item.id) : mailApi.ignore(item.id));
      items.setData((xs) => xs.filter((x) => x.id !== item.id));
      toast(accept ? `Done: ${item.proposal.text}` : 'Left alone.');
      onReviewChanged();
    } catch (err) {
      toast(err.message);
    }
  };
  return html`<p class="muted">Mail that is probably about one of your applications. Accept to do what it says.</p>
    ${items.error && html`<${ErrorBox} error=${items.error} retry=${items.reload} />`}
    ${!items.data && items.loading && html`<${Loading} />`}
    ${items.data && items.data.length === 0 && html`<p>Nothing to review.</p>`}
    ${items.data && items.data.length > 0 && html`<ul class="plain stack">${items.data.map((item) => html`
      <li key=${item.id} class="card stack">
        <p><strong>${item.subject || '(no subject)'}</strong>
          <br /><span class="muted">${item.from_name || item.from_address}${item.sent_at ? ` · ${dateTime(item.sent_at, tz)}` : ''}
          · <${Link} href=${`/applications/${item.proposal.application_id}`}>the application<//></span></p>
        <p class="muted">${item.reason}</p>
        ${item.body && html`<details><summary>Message</summary><p class="pre">${item.body}</p></details>`}
        <p>${item.proposal.text}</p>
        <div class="row">
          <button type="button" class="btn btn-primary" onClick=${() => decide(item, true)}>Accept</button>
          <button type="button" class="btn btn-quiet" onClick=${() => decide(item, false)}>Ignore</button>
        </div>
      </li>`)}</ul>`}`;
}
