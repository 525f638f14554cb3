// The DOMINO web app's service worker: keeps the app's files so that a second visit renders
// at once and offline. The build fills in VERSION and ASSETS (the page and its content-hashed
// files); a new build is a new sw.js, which the browser installs beside the old one.
//
// Only the app's own files are answered from the cache. Everything else — the workshop API
// under /api above all — goes to the network untouched: live answers are never cached here.
const VERSION = "__VERSION__";
const ASSETS = ["__ASSETS__"];
const CACHE = "domino-" + VERSION;
const SCOPE = self.registration.scope;
const PAGE = new URL("index.html", SCOPE).href;
const KEPT = new Set(ASSETS.map((a) => new URL(a, SCOPE).href));
const API = new URL("api", SCOPE).pathname;

self.addEventListener("install", (event) => {
  // The hashed files never change, so the browser's HTTP cache usually holds them already.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("domino-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith(API)) return;
  // The app's page is its root (the app lives in the URL's fragment): `/` and `/index.html`
  // are one page. Any other address, a download or a file of the API, goes to the network.
  const here = url.origin + url.pathname;
  const key = here === SCOPE ? PAGE : here;
  if (!KEPT.has(key)) return;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit ?? fetch(request)),
  );
});
