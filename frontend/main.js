// App shell: who is logged in, the header and navigation, and which screen the path shows.
import { render } from './vendor/preact/preact.module.js';
import { useEffect, useRef, useState } from './vendor/preact/hooks.module.js';
import { api, hasSessionHint, mailApi, setSessionHint, setUnauthorizedHandler } from './api.js';
import { html, Link, Loading, ErrorBox, navigate, Toasts, useRoute, toast } from './ui.js';
import { AuthScreen } from './screens/auth.js';
import { TodayScreen } from './screens/today.js';
import { InterviewScreen } from './screens/interview.js';
import { PipelineScreen } from './screens/pipeline.js';
import { ApplicationScreen } from './screens/application.js';
import { SettingsScreen } from './screens/settings.js';

const NAV = [
  ['/today', 'Today'],
  ['/pipeline', 'Pipeline'],
  ['/review', 'Review'], // shown while messages wait for review (or on its own screen)
  ['/insights', 'Insights'],
  ['/settings', 'Settings'],
];

function match(path) {
  const [p, qs = ''] = path.split('?');
  const query = new URLSearchParams(qs);
  if (p === '/' || p === '/today') return { name: 'today', title: 'Today' };
  if (p === '/login') return { name: 'login', title: 'Log in', public: true, query };
  if (p === '/signup') return { name: 'signup', title: 'Sign up', public: true, query };
  if (p === '/interview') return { name: 'interview', title: 'Just had an interview', query };
  if (p === '/pipeline') return { name: 'pipeline', title: 'Pipeline' };
  if (p === '/settings') return { name: 'settings', title: 'Settings' };
  if (p === '/review') return { name: 'review', title: 'Review' };
  if (p === '/settings/mail') return { name: 'mail', title: 'Mail' };
  if (p === '/insights') return { name: 'insights', title: 'Insights' };
  const m = p.match(/^\/applications\/(\d+)$/);
  if (m) return { name: 'application', title: 'Application', id: Number(m[1]) };
  return { name: 'notfound', title: 'Not found' };
}

// Screens off the everyday path are fetched the first time they open; the heading is rendered
// here so it exists (and keeps focus) while the module loads.
const lazyBodies = {};
function LazyScreen({ title, module, name, ...props }) {
  const [, loaded] = useState(0);
  const [error, setError] = useState(null);
  const load = () => {
    setError(null);
    import(module).then((m) => {
      lazyBodies[module] = m[name];
      loaded((n) => n + 1);
    }, setError);
  };
  useEffect(() => {
    if (!lazyBodies[module]) load();
  }, [module]);
  const Body = lazyBodies[module];
  return html`<h1 tabindex="-1">${title}</h1>
    ${Body ? html`<${Body} ...${props} />` : error ? html`<${ErrorBox} error=${error} retry=${load} />` : html`<${Loading} />`}`;
}

function Header({ me, route, onLogout, reviewCount }) {
  return html`<header class="site-header">
    <div class="bar">
      <${Link} href="/today" class="brand">Followup<//>
      ${me && html`<nav aria-label="Main">
        <ul>
          ${NAV.filter(([href]) => href !== '/review' || reviewCount > 0 || route.name === 'review').map(([href, label]) => html`<li key=${href}>
            <${Link} href=${href} aria-current=${route.name === href.slice(1) ? 'page' : undefined}>${label}${href === '/review' && reviewCount > 0 && html` <span class="count" aria-label=${`${reviewCount} waiting`}>${reviewCount}</span>`}<//>
          </li>`)}
        </ul>
      </nav>
      <${Link} href="/interview" class="btn btn-primary quick">Just had an interview<//>
      <button type="button" class="btn btn-quiet" onClick=${onLogout}>Log out</button>`}
    </div>
  </header>`;
}

function App() {
  const path = useRoute();
  const route = match(path);
  const [me, setMe] = useState(undefined); // undefined = checking, null = logged out
  const [bootError, setBootError] = useState(null);
  const seenPaths = useRef(0);
  const [reviewCount, setReviewCount] = useState(0);
  const refreshReview = () => mailApi.reviewCount().then((c) => setReviewCount(c.pending), () => {});
  useEffect(() => {
    if (me) refreshReview();
  }, [me, path]);

  const loadMe = () => {
    setBootError(null);
    // Without the hint there is no session to check: skip a request that could only answer 401.
    if (!hasSessionHint()) {
      setMe(null);
      return;
    }
    api.me().then(setMe, (e) => (e.status === 401 ? loggedOut() : setBootError(e)));
  };
  const loggedOut = () => {
    setSessionHint(false);
    setMe(null);
  };
  useEffect(() => {
    loadMe();
    setUnauthorizedHandler(loggedOut);
  }, []);

  // Logged out on a private screen → log in, then come back here.
  useEffect(() => {
    if (me === null && !route.public) {
      const next = path === '/' || path === '/today' ? '' : `?next=${encodeURIComponent(path)}`;
      navigate(`/login${next}`, { replace: true });
    }
    if (me && route.public) navigate('/today', { replace: true });
  }, [me, route.name]);

  useEffect(() => {
    document.title = `${route.title} · Followup`;
    // After an in-app navigation, move focus to the new screen's heading (as a page load would).
    if (seenPaths.current++ > 0) document.querySelector('main h1')?.focus({ preventScroll: true });
  }, [path]);

  const onLogout = async () => {
    try {
      await api.logout();
    } catch (e) {
      if (e.status !== 401) toast(e.message);
    }
    loggedOut();
  };

  let body;
  if (bootError) body = html`<h1 tabindex="-1">Followup</h1><${ErrorBox} error=${bootError} retry=${loadMe} />`;
  else if (me === undefined || (me === null && !route.public) || (me && route.public)) body = html`<${Loading} />`;
  else if (route.name === 'login' || route.name === 'signup') {
    body = html`<${AuthScreen} mode=${route.name} next=${route.query.get('next')} onAuthed=${(u) => {
      setMe(u);
      const next = route.query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/today', { replace: true });
    }} />`;
  } else {
    const props = { me, setMe, route, onReviewChanged: refreshReview };
    body = {
      today: () => html`<${TodayScreen} ...${props} />`,
      interview: () => html`<${InterviewScreen} key=${path} ...${props} />`,
      pipeline: () => html`<${PipelineScreen} ...${props} />`,
      application: () => html`<${ApplicationScreen} key=${route.id} ...${props} />`,
      settings: () => html`<${SettingsScreen} ...${props} />`,
      review: () => html`<${LazyScreen} title="Review" module="./screens/review.js" name="ReviewBody" ...${props} />`,
      mail: () => html`<${LazyScreen} title="Mail" module="./screens/mail.js" name="MailBody" ...${props} />`,
      insights: () => html`<${LazyScreen} title="Insights" module="./screens/insights.js" name="InsightsBody" ...${props} />`,
      notfound: () => html`<h1 tabindex="-1">Page not found</h1>
        <p>There is nothing at this address. <${Link} href="/today">Go to Today<//>.</p>`,
    }[route.name]();
  }

  return html`
    <a class="skip-link" href="#main">Skip to content</a>
    <${Header} me=${me} route=${route} onLogout=${onLogout} reviewCount=${reviewCount} />
    <main id="main" tabindex="-1">${body}</main>
    <${Toasts} />`;
}

render(html`<${App} />`, document.getElementById('app'));
