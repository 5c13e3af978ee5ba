// App shell: who is logged in, the header and navigation, and which screen the path shows.
import { render } from './vendor/preact/preact.module.js';
import { useEffect, useState } from './vendor/preact/hooks.module.js';
import { api, hasSessionHint, mailApi, setSessionHint, setUnauthorizedHandler } from './api.js';
import { html, Link, Loading, ErrorBox, navigate, Toasts, useRoute, toast } from './ui.js';
import { AuthScreen } from './screens/auth.js';
import { TodayScreen } from './screens/today.js';

const NAV = [
  ['/today', 'Today'],
  ['/pipeline', 'Pipeline'],
  ['/review', 'Review'], // shown while messages wait for review (or on its own screen)
  ['/interviews', 'Interviews'],
  ['/people', 'People'],
  ['/insights', 'Insights'],
  ['/settings', 'Settings'],
];

function match(path) {
  const [p, qs = ''] = path.split('?');
  const query = new URLSearchParams(qs);
  if (p === '/') return { name: 'today', title: 'Today', welcome: true };
  if (p === '/today') return { name: 'today', title: 'Today' };
  if (p === '/history') return { name: 'history', title: 'History' };
  if (p === '/login') return { name: 'login', title: 'Log in', public: true, query };
  if (p === '/signup') return { name: 'signup', title: 'Sign up', public: true, query };
  if (p === '/forgot-password') return { name: 'forgot', title: 'Forgot password', public: true, query };
  if (p === '/reset-password') return { name: 'reset', title: 'New password', public: true, query };
  if (p === '/interview') return { name: 'interview', title: 'Just had an interview', query };
  if (p === '/pipeline') return { name: 'pipeline', title: 'Pipeline', query };
  // The share target and the bookmarklet: a new application with the shared title and link.
  if (p === '/share') return { name: 'pipeline', title: 'New application', query: new URLSearchParams([...query, ['new', '1']]) };
  if (p === '/people') return { name: 'people', title: 'People' };
  if (p === '/interviews') return { name: 'interviews', title: 'Upcoming interviews' };
  if (p === '/settings') return { name: 'settings', title: 'Settings' };
  if (p === '/review') return { name: 'review', title: 'Review' };
  if (p === '/settings/mail') return { name: 'mail', title: 'Mail' };
  if (p === '/insights') return { name: 'insights', title: 'Insights' };
  const m = p.match(/^\/applications\/(\d+)$/);
  if (m) return { name: 'application', title: 'Application', id: Number(m[1]) };
  return { name: 'notfound', title: 'Not found' };
}

// Every screen but Today and log-in is fetched the first time it opens, so a page loads only
// the code it shows (the budget is per page). The heading is rendered here
// so it exists (and keeps focus) while the module loads.
const loaded = {};
let seenPaths = 0; // how many screens this page load has shown
function lazyScreen(title, load) {
  return function LazyScreen(props) {
    const [, setLoaded] = useState(0);
    const [error, setError] = useState(null);
    const Body = loaded[title];
    const fetchIt = () => {
      setError(null);
      load().then((Screen) => {
        loaded[title] = Screen;
        setLoaded(1);
      }, setError);
    };
    useEffect(() => {
      if (!loaded[title]) fetchIt();
    }, []);
    // The loaded screen's heading replaces the placeholder's: keep focus on it.
    useEffect(() => {
      if (Body && document.activeElement === document.body && seenPaths > 1) document.querySelector('main h1')?.focus();
    }, [Body]);
    if (Body) return html`<${Body} ...${props} />`;
    return html`<h1 tabindex="-1">${title}</h1>
      ${error ? html`<${ErrorBox} error=${error} retry=${fetchIt} />` : html`<${Loading} />`}`;
  };
}
const InterviewScreen = lazyScreen('Just had an interview', () => import('./screens/interview.js').then((m) => m.InterviewScreen));
const PipelineScreen = lazyScreen('Pipeline', () => import('./screens/pipeline.js').then((m) => m.PipelineScreen));
const ApplicationScreen = lazyScreen('Application', () => import('./screens/application.js').then((m) => m.ApplicationScreen));
const SettingsScreen = lazyScreen('Settings', () => import('./screens/settings.js').then((m) => m.SettingsScreen));
// Review and Mail draw their body under a heading given here.
const underHeading = (title, Body) => (props) => html`<h1 tabindex="-1">${title}</h1><${Body} ...${props} />`;
const ReviewScreen = lazyScreen('Review', () => import('./screens/review.js').then((m) => underHeading('Review', m.ReviewBody)));
const MailScreen = lazyScreen('Mail', () => import('./screens/mail.js').then((m) => underHeading('Mail', m.MailBody)));
const InsightsScreen = lazyScreen('Insights', () => import('./screens/insights.js').then((m) => m.InsightsScreen));
const HistoryScreen = lazyScreen('History', () => import('./screens/history.js').then((m) => m.HistoryScreen));
const PeopleScreen = lazyScreen('People', () => import('./screens/people.js').then((m) => m.PeopleScreen));
const InterviewsScreen = lazyScreen('Upcoming interviews', () => import('./screens/interviews.js').then((m) => m.InterviewsScreen));
const WelcomeScreen = lazyScreen('Followup', () => import('./screens/welcome.js').then((m) => m.WelcomeScreen));
const ForgotScreen = lazyScreen('Forgot your password?', () => import('./screens/password.js').then((m) => m.PasswordScreen));
const ResetScreen = lazyScreen('Choose a new password', () => import('./screens/password.js').then((m) => m.PasswordScreen));

/** Each tab names its screen: "Acme Analytics · Followup", from the screen's one h1 (which
 * may change once its data loads), so no screen has to set the title itself. */
function useDocumentTitle(fallback) {
  useEffect(() => {
    const main = document.getElementById('main');
    const update = () => {
      const h1 = main && main.querySelector('h1');
      const text = h1 ? h1.textContent.replace(/\s+/g, ' ').trim() : '';
      const next = `${text || fallback} · Followup`;
      if (document.title !== next) document.title = next;
    };
    update();
    if (!main) return undefined;
    const watch = new MutationObserver(update);
    watch.observe(main, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [fallback]);
}

/** False while the browser is offline (the service worker then answers from its copies). */
function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {
    /* no offline copy: the app works online as before */
  }));
}

/** The data the service worker keeps is the account's: a log-out leaves none behind. */
function forgetOfflineData() {
  if ('caches' in window) caches.delete('followup-data').catch(() => {});
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

  // Logged out on a private screen → log in, then come back here ("/" says what Followup is).
  useEffect(() => {
    if (me === null && !route.public && !route.welcome) {
      const next = path === '/' || path === '/today' ? '' : `?next=${encodeURIComponent(path)}`;
      navigate(`/login${next}`, { replace: true });
    }
    if (me && route.public) navigate('/today', { replace: true });
  }, [me, route.name]);

  useEffect(() => {
    // After an in-app navigation, move focus to the new screen's heading (as a page load would).
    if (seenPaths++ > 0) document.querySelector('main h1')?.focus({ preventScroll: true });
  }, [path]);
  useDocumentTitle(route.title);

  const onLogout = async () => {
    try {
      await api.logout();
    } catch (e) {
      if (e.status !== 401) toast(e.message);
    }
    forgetOfflineData();
    loggedOut();
  };
  const online = useOnline();

  let body;
  if (me === null && route.welcome) body = html`<${WelcomeScreen} />`;
  else if (bootError) body = html`<h1 tabindex="-1">Followup</h1><${ErrorBox} error=${bootError} retry=${loadMe} />`;
  else if (me === undefined || (me === null && !route.public) || (me && route.public)) body = html`<${Loading} />`;
  else if (route.name === 'login' || route.name === 'signup') {
    body = html`<${AuthScreen} mode=${route.name} next=${route.query.get('next')} onAuthed=${(u) => {
      setMe(u);
      const next = route.query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/today', { replace: true });
    }} />`;
  } else if (route.name === 'forgot' || route.name === 'reset') {
    const Screen = route.name === 'forgot' ? ForgotScreen : ResetScreen;
    body = html`<${Screen} mode=${route.name} query=${route.query} />`;
  } else {
    const props = { me, setMe, route, onReviewChanged: refreshReview };
    body = {
      today: () => html`<${TodayScreen} ...${props} />`,
      interview: () => html`<${InterviewScreen} key=${path} ...${props} />`,
      pipeline: () => html`<${PipelineScreen} ...${props} />`,
      application: () => html`<${ApplicationScreen} key=${route.id} ...${props} />`,
      settings: () => html`<${SettingsScreen} ...${props} />`,
      review: () => html`<${ReviewScreen} ...${props} />`,
      mail: () => html`<${MailScreen} ...${props} />`,
      history: () => html`<${HistoryScreen} ...${props} />`,
      people: () => html`<${PeopleScreen} ...${props} />`,
      interviews: () => html`<${InterviewsScreen} ...${props} />`,
      insights: () => html`<${InsightsScreen} ...${props} />`,
      notfound: () => html`<h1 tabindex="-1">Page not found</h1>
        <p>There is nothing at this address. <${Link} href="/today">Go to Today<//>.</p>`,
    }[route.name]();
  }

  return html`
    <a class="skip-link" href="#main">Skip to content</a>
    <${Header} me=${me} route=${route} onLogout=${onLogout} reviewCount=${reviewCount} />
    <main id="main" tabindex="-1">
      ${!online && html`<p class="offline-banner" role="status">You are offline: this is what Followup showed when you
        were last online, read-only. Changes are off until you are back online.</p>`}
      ${online ? body : html`<fieldset class="read-only" disabled>${body}</fieldset>`}
    </main>
    <${Toasts} />`;
}

render(html`<${App} />`, document.getElementById('app'));
