// Starts the DOMINO web app. A separate file so that the Content-Security-Policy needs no
// inline script. The build rewrites the quoted file names below to their content-hashed
// copies (web/dist/).
import init from "./domino_web.js";

const started = performance.now();
// The app removes the loading paragraph once it has fetched its grid and rendered (or writes
// there why it could not).
init({ module_or_path: new URL("domino_web_bg.wasm", import.meta.url) }).then(() => {
  window.__dominoReady = performance.now() - started;
  // Once the app shows, the service worker keeps its files for the next visit (offline
  // too); registered after the first render so it never competes with it for the link.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js").catch((error) => console.warn("service worker:", error));
  }
}).catch((error) => {
  const p = document.getElementById("loading");
  if (p) {
    p.textContent = "DOMINO n'a pas pu démarrer. — DOMINO could not start: " + error;
  }
  console.error(error);
});
