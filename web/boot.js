// Starts the DOMINO web app. A separate file so that the Content-Security-Policy needs no
// inline script. The build rewrites the quoted file names below to their content-hashed
// copies (web/dist/).
//
// The app is two modules built from one library: the live workshop, for the `#/t/TOKEN`
// links `domino serve` hands out, and the offline app for every other page. Each visitor
// downloads only the one its link needs; a link from one to the other opens the page again
// on the other module. The test mirrors `Route::parse`: an optional language code, then `t`
// and a token. A module started on a page it does not show opens the page again on the
// other, once (`ui::open_module_of`), so a URL misjudged here still ends on the right one.
// A third module, the TOML reader, is loaded only when the offline app asks for it
// (`window.__dominoTomlReader`, below).
const WORKSHOP_LINK = /^#\/*(?:[a-z]{2}\/+)?t\/+[A-Za-z0-9_-]{16,128}(?:[/?]|$)/;
const workshop = WORKSHOP_LINK.test(location.hash);
const entry = workshop
  ? { glue: "./domino_workshop.js", module: "domino_workshop_bg.wasm", grid: null }
  : { glue: "./domino_web.js", module: "domino_web_bg.wasm", grid: "domino.json" };

// Fetched at once, in parallel with the glue: the offline app reads the grid's URL from
// `<link id="grid">` and fetches exactly what was preloaded.
function preload(href, id) {
  const link = document.createElement("link");
  link.rel = "preload";
  link.as = "fetch";
  link.crossOrigin = "anonymous";
  link.href = href;
  if (id) link.id = id;
  document.head.append(link);
}
const module = new URL(entry.module, import.meta.url);
preload(module.href);
if (entry.grid) preload(new URL(entry.grid, import.meta.url).href, "grid");

// The TOML reader's module (the grid loader, its lints, the TOML reader: text in, text
// out, see `web/src/toml_text.rs`), for the offline app to load the first time a visitor
// imports a grid or an assessment written as TOML, rather than with every first page.
// Loaded once; a failed load (offline before it was ever kept) may be tried again.
let tomlReader = null;
window.__dominoTomlReader = () => {
  tomlReader ??= import("./domino_toml.js")
    .then((reader) =>
      reader.default({ module_or_path: new URL("domino_toml_bg.wasm", import.meta.url) }).then(() => reader),
    )
    .catch((error) => {
      tomlReader = null;
      throw error;
    });
  return tomlReader;
};

const started = performance.now();
// The app removes the loading paragraph once it has rendered (or writes there why it could
// not).
import(entry.glue)
  .then(({ default: init }) => init({ module_or_path: module }))
  .then(() => {
    window.__dominoReady = performance.now() - started;
    // Once the app shows, the service worker keeps both modules' files for the next visit
    // (offline too); registered after the first render so it never competes with it for
    // the link.
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("sw.js").catch((error) => console.warn("service worker:", error));
    }
  })
  .catch((error) => {
    const p = document.getElementById("loading");
    if (p) {
      p.textContent = "DOMINO n'a pas pu démarrer. — DOMINO could not start: " + error;
    }
    console.error(error);
  });
