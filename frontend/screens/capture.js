// Capturing a job from another page: the bookmarklet (desktop) does what the installed app's
// share target (phone) does — opens /share with the page's title and address.
import { html } from '../ui.js';

/** The bookmarklet's code: run on a job posting, it opens a new application for it here. */
export function bookmarkletCode(origin) {
  return `javascript:(()=>{location.href=${JSON.stringify(`${origin}/share?title=`)}+encodeURIComponent(document.title)+'&url='+encodeURIComponent(location.href)})()`;
}

export function Capture() {
  return html`<section class="card stack" aria-labelledby="s-capture">
    <h2 id="s-capture">Capture a job in one tap</h2>
    <p><strong>On a phone:</strong> install Followup (your browser's menu, “Install app” or “Add to Home
      screen”), then share a job posting to Followup: it opens a new application with its title and link.</p>
    <p><strong>On a computer:</strong> drag this link to your bookmarks bar, then click it on a job posting.</p>
    <p><a class="btn bookmarklet" href=${bookmarkletCode(location.origin)}
      onClick=${(e) => e.preventDefault()}>Add to Followup</a></p>
  </section>`;
}
