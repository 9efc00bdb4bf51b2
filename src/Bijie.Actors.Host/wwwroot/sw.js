// The reporting page's service worker: keeps the page, its scripts and the reporter's data (pairings, projects,
// indicators, recent reports) on the device, so that 填报 opens in a village without a network. Answers come from
// the network first and from the device's copy when there is none; writes are never touched here (the page's outbox
// keeps them and sends them with their idempotency keys). The copy of the API's answers is dropped at sign-out.
const SHELL_CACHE = 'bijie-shell-v1';
const DATA_CACHE = 'bijie-data-v1';
const SHELL = [
  '/report.html', '/site.css', '/manifest.json', '/icon.svg',
  '/js/report.js', '/js/api.js', '/js/i18n.js', '/js/layout.js', '/js/format.js', '/js/outbox.js', '/js/dialog.js',
  '/lib/idb-keyval.js',
];
// What the reporting page reads; nothing else of the API is kept.
const DATA = ['/api/v1/session', '/api/v1/indicators', '/api/v1/pairings', '/api/v1/projects', '/api/v1/reports', '/api/v1/inbox',
  '/api/v1/matters', '/api/v1/localities/'];
const NETWORK_WAIT_MS = 6000;

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL_CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL_CACHE && name !== DATA_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', event => {
  if (event.data === 'signed-out') event.waitUntil(caches.delete(DATA_CACHE));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (SHELL.includes(path) || (request.mode === 'navigate' && path === '/report.html')) {
    event.respondWith(networkFirst(request, SHELL_CACHE, { ignoreSearch: true }));
  } else if (DATA.some(p => path === p || path.startsWith(p.endsWith('/') ? p : p + '/'))) {
    event.respondWith(networkFirst(request, DATA_CACHE, {}));
  }
});

/** The network's answer (kept when it is a success), else the device's copy, else the network's failure. */
async function networkFirst(request, cacheName, match) {
  const cache = await caches.open(cacheName);
  try {
    const response = await withTimeout(fetch(request), NETWORK_WAIT_MS);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const copy = await cache.match(request, match);
    if (copy) return copy;
    throw error;
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(v => { clearTimeout(timer); resolve(v); }, e => { clearTimeout(timer); reject(e); });
  });
}
