// The service worker: the app and its last data offline, read-only. Served at /sw.js (scope /)
// by the server, which fills in this release's assets, so a release installs a new worker.
const VERSION = '%ASSET_VERSION%';
const ASSETS = %ASSET_LIST%;
const SHELL = `followup-shell-${VERSION}`;
const DATA = 'followup-data';
// The reads Today and the pipeline need; kept from the last answer, served when offline.
const READS = /^\/api\/v1\/(me|next-actions|applications|contacts|interviews|touchpoints)(\/|\?|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/', ...ASSETS])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('followup-shell-') && k !== SHELL).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

async function networkFirst(request, cacheName, fallbackKey) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(fallbackKey || request, response.clone());
    return response;
  } catch (err) {
    const cached = await caches.match(fallbackKey || request);
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return; // writes need the network
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/'));
  } else if (url.pathname.startsWith('/app/')) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (READS.test(url.pathname + url.search)) {
    event.respondWith(networkFirst(request, DATA));
  }
});
