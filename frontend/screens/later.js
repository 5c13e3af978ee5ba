// A screen part whose module loads when first shown (or asked for), to keep the first load light.
import { useEffect, useState } from '../vendor/preact/hooks.module.js';
import { html, ErrorBox, Loading } from '../ui.js';

/** Renders `name` from the module `load()` imports; until then `waiting`, or a spinner. */
export function Later({ load, name, waiting, ...props }) {
  const [Body, setBody] = useState(null);
  const [error, setError] = useState(null);
  const [asked, setAsked] = useState(!waiting);
  useEffect(() => {
    if (asked && !Body) load().then((m) => setBody(() => m[name]), setError);
  }, [asked]);
  if (error) return html`<${ErrorBox} error=${error} retry=${() => { setError(null); setAsked(false); setTimeout(() => setAsked(true)); }} />`;
  if (Body) return html`<${Body} ...${props} />`;
  return asked ? html`<${Loading} />` : waiting(() => setAsked(true));
}
