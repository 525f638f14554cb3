// The app is two modules, the offline app and the live workshop: a visitor downloads only
// the one its link needs, and the links between them open the other one. A third, the TOML
// reader, is downloaded only when asked for, once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { siteAndBrowser, openPage } from "./harness.mjs";

const site = siteAndBrowser({ serviceWorkers: "block" });

const TOKEN = "q1w2e3r4t5y6u7i8o9p0-_QWERTYUIOPASDFGHJKL";

/** The modules (`*_bg.<hash>.wasm`) the page has downloaded since it was loaded. */
const modules = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((r) => /\/(domino_[a-z]+)_bg\.[0-9a-f]{10}\.wasm$/.exec(r.name)?.[1])
      .filter(Boolean),
  );

/** Runs `action`, which opens the other module: waits for the page to load again on `hash`. */
async function crossing(page, hash, action) {
  const loaded = page.waitForEvent("load");
  await action();
  await loaded;
  assert.equal(new URL(page.url()).hash, hash);
  await page.waitForSelector("main h1");
}

test("each page downloads one module; held links and the header cross between them", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/");
  assert.deepEqual(await modules(page), ["domino_web"], "the home page is the offline app's");
  assert.ok(
    await page.evaluate(() => performance.getEntriesByType("resource").some((r) => /domino\.[0-9a-f]{10}\.json$/.test(r.name))),
    "the offline app preloads its grid",
  );

  // A workshop link held by this browser, on the home page, opens the workshop's module.
  await page.evaluate((token) => {
    const held = [{ token, role: "participant", session: "s1", name: "Anne" }];
    localStorage.setItem("domino.workshop.links", JSON.stringify(held));
  }, TOKEN);
  await page.reload();
  await crossing(page, `#/fr/t/${TOKEN}`, () => page.click(".held-links a"));
  assert.deepEqual(await modules(page), ["domino_workshop"], "no offline app, no grid file");
  assert.ok(
    !(await page.evaluate(() => performance.getEntriesByType("resource").some((r) => /domino\.[0-9a-f]{10}\.(json|toml)$/.test(r.name)))),
  );
  assert.ok(await page.locator("header nav a").count() >= 6, "the workshop keeps the app's header");

  // The language switch stays in the workshop's module; the header's links leave it.
  await page.click("#lang-switch");
  await page.waitForURL((u) => u.hash === `#/en/t/${TOKEN}`);
  // The address changes first; the page's language follows on the next render.
  await page.waitForFunction(() => document.documentElement.lang === "en", null, { timeout: 5_000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.deepEqual(await modules(page), ["domino_workshop"], "switching language loads nothing");
  await crossing(page, "#/en/explore", () => page.click('header nav a[href="#/en/explore"]'));
  assert.deepEqual(await modules(page), ["domino_web"]);
  assert.match(await page.locator("main h1").textContent(), /./);

  // A workshop link typed in the address bar of the offline app opens the workshop too.
  await crossing(page, `#/en/t/${TOKEN}`, () =>
    page.evaluate((token) => { location.hash = `#/t/${token}`; }, TOKEN),
  );
  assert.deepEqual(await modules(page), ["domino_workshop"]);

  // A URL `boot.js` misjudges (an unknown language code before a token is a workshop link
  // to it, not to the app's routes) still ends on the module that shows it.
  await page.goto(site.server.url + `#/de/t/${TOKEN}`);
  const onApp = () => performance.getEntriesByType("resource").some((r) => /domino_web_bg\./.test(r.name));
  await page.waitForFunction(onApp, null, { timeout: 20_000 });
  await page.waitForSelector("main h1");
  assert.equal(new URL(page.url()).hash, "#/en/");
  assert.deepEqual(await modules(page), ["domino_web"]);

  // Only the workshop API is missing here (a static server): no script failed.
  assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  await page.close();
});

test("the TOML reader is downloaded on demand, once, and answers in text", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/");
  assert.deepEqual(await modules(page), ["domino_web"], "the first page does not fetch the TOML reader");
  const answers = await page.evaluate(async () => {
    const [first, second] = await Promise.all([window.__dominoTomlReader(), window.__dominoTomlReader()]);
    const again = await window.__dominoTomlReader();
    return {
      same: first === second && second === again,
      refused: JSON.parse(first.grid_answer("mine.toml", "bad line\n")),
      read: JSON.parse(first.assessment_answer("a.toml", '[assessment]\ngrid = "domino"\ninitiative = "Jardin"\n')),
    };
  });
  assert.ok(answers.same, "one module, loaded once");
  assert.deepEqual(await modules(page), ["domino_web", "domino_toml"], "fetched once");
  assert.equal(answers.refused.Refused.errors, 1);
  assert.match(answers.refused.Refused.rendered.shown[0], /--> mine\.toml:1:/);
  assert.equal(JSON.parse(answers.read.Read).assessment.initiative, "Jardin");
  assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  await page.close();
});

test("a my-grid import fetches the TOML reader once, saying so while it loads", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/grid");
  assert.deepEqual(await modules(page), ["domino_web"], "the grid page does not fetch the TOML reader");
  // The reader's glue held back a moment, so that the page shows it is loading.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/domino_toml\.[0-9a-f]{10}\.js$/, async (route) => { await held; await route.continue(); });
  const grid = "bad line\n";
  await page.locator("#grid-file").setInputFiles({ name: "mine.toml", mimeType: "text/plain", buffer: Buffer.from(grid) });
  const reading = page.locator(".notices .reading");
  await reading.waitFor();
  assert.equal(await reading.innerText(), "Lecture de\u00a0: «\u00a0mine.toml\u00a0»\u00a0: chargement du lecteur de fichiers TOML…");
  release();
  await page.waitForSelector(".diagnostics h2");
  assert.equal(await reading.count(), 0, "the notice goes once the file is read");
  assert.match(await page.locator(".diagnostics pre").first().innerText(), /--> mine\.toml:1:/);
  await page.locator("#grid-file").setInputFiles({ name: "again.toml", mimeType: "text/plain", buffer: Buffer.from(grid) });
  await page.waitForSelector("text=again.toml");
  assert.deepEqual(await modules(page), ["domino_web", "domino_toml"], "fetched once for two imports");
  assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  await page.close();
});

test("a TOML file chosen when the reader cannot be loaded says what to do", async () => {
  const { page } = await openPage(site.browser.context, site.server.url + "#/en/grid");
  await page.route(/\/domino_toml\.[0-9a-f]{10}\.js$/, (route) => route.abort("internetdisconnected"));
  await page.locator("#grid-file").setInputFiles({ name: "mine.toml", mimeType: "text/plain", buffer: Buffer.from("x\n") });
  await page.waitForSelector(".diagnostics h2");
  assert.match(
    await page.locator(".diagnostics pre").first().innerText(),
    /^The TOML file reader could not be loaded: this browser keeps it only after a first visit online\. Connect, reload the page and choose the file again/,
  );
  assert.equal(await page.locator(".notices .reading").count(), 0);
  await page.close();
});

test("an autosave holding only a grid's source gets its resolved form through the reader, once", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/en/grid");
  const source = await readFile(new URL("../../grids/domino.toml", import.meta.url), "utf8");
  await page.evaluate((source) => {
    const workspace = { grid: { name: "mine.toml", source }, assessments: [], next_id: 1 };
    localStorage.setItem("domino.workspace", JSON.stringify({ app: "domino-web", version: 1, workspace }));
  }, source);
  await page.reload();
  await page.locator("button", { hasText: "Remove" }).waitFor();
  assert.deepEqual(await modules(page), ["domino_web", "domino_toml"]);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("domino.workspace")).workspace.grid);
  assert.equal(saved.name, "mine.toml");
  assert.match(saved.resolved, /^\{/, "the resolved form is saved beside the source");
  await page.reload();
  await page.locator("button", { hasText: "Remove" }).waitFor();
  assert.deepEqual(await modules(page), ["domino_web"], "later starts read no TOML");
  await page.locator("button", { hasText: "Remove" }).click();
  assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  await page.close();
});
