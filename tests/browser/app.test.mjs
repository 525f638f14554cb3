// The DOMINO web app, driven in Chromium as a new user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { siteAndBrowser, openPage, tabTo } from "./harness.mjs";

// Each test sees the network as it is: the service worker has its own test (offline.test.mjs).
const site = siteAndBrowser({ serviceWorkers: "block" });

const BROKEN_GRID = `[grid]
id = "broken"
version = "1.0.0"
languages = ["fr", "en"]
title = { fr = "Grille cassée", en = "Broken grid" }

[scales.level]
options = [
  { code = "0", score = 0, label = { fr = "Non", en = "No" } },
  { code = "1", score = 1, label = { fr = "Oui", en = "Yes" } },
]

[[axes]]
id = "axe"
title = { fr = "Axe", en = "Axis" }
question = { fr = "?", en = "?" }

[[axes.criteria]]
id = "c1"
scale = "levels"
title = { fr = "C1", en = "C1" }
question = { fr = "?", en = "?" }
`;

test("opens, renders fast and has no console error", async (t) => {
  const { page, problems } = await openPage(site.browser.context);
  const started = Date.now();
  await page.goto(site.server.url);
  await page.waitForSelector("main h1");
  const wall = Date.now() - started;
  const firstRender = await page.evaluate(() => performance.now());
  const timing = await page.evaluate(() => {
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    return { start: Math.round(window.__dominoReady ?? -1), wasm: Math.round(wasm?.responseEnd ?? -1) };
  });
  t.diagnostic(
    `first render: ${firstRender.toFixed(0)} ms after navigation start (${wall} ms wall; ` +
      `wasm fetched at ${timing.wasm} ms; init + first render ${timing.start} ms)`,
  );
  assert.match(page.url(), /#\/(fr|en)\//);
  assert.ok(await page.locator("nav a").count() >= 6);
  assert.deepEqual(problems, []);
  await page.close();
});

test("switches language and remembers it", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/explore");
  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  assert.match(await page.locator("main h1").innerText(), /Explorer la grille/);
  await page.locator("#lang-switch").focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/#\/en\/explore/);
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await page.locator("main h1").innerText(), /Explore the grid/);
  // A fresh visit without a language in the URL uses the remembered one.
  await page.goto(site.server.url);
  await page.waitForSelector("main h1");
  assert.match(page.url(), /#\/en\//);
  // Back to French for the next tests.
  await page.goto(site.server.url + "#/fr/");
  await page.waitForFunction(() => document.documentElement.lang === "fr");
  assert.deepEqual(problems, []);
  await page.close();
});

test("explores an axis, the rules and searches", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/explore");
  await page.locator(".cards a").first().click();
  await page.waitForURL(/#\/fr\/explore\/[a-z_]+$/);
  await page.waitForSelector("table.levels");
  await page.goto(site.server.url + "#/fr/rules");
  // French puts a non-breaking space (U+00A0) before the colon; \s matches it.
  await page.waitForSelector("text=/Quand\\s:/");
  await page.goto(site.server.url + "#/fr/search?q=b%C3%A9n%C3%A9voles");
  await page.waitForSelector("#q");
  assert.equal(await page.locator("#q").inputValue(), "bénévoles");
  assert.deepEqual(problems, []);
  await page.close();
});

test("completes an assessment by keyboard, survives reload, shows results", async (t) => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/assess");
  await tabTo(page, "#new-assessment");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#initiative");
  await tabTo(page, "#initiative");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Jardin partagé des Capucins");
  const axes = await page.$$eval("ol.steps a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(axes.length >= 2);
  for (const href of axes) {
    await tabTo(page, `a[href="${href}"]`);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.hash === href);
    // The address changes before the app renders the new axis: wait for it.
    await page.waitForSelector(`ol.steps a[aria-current="step"][href="${href}"]`);
    assert.equal(
      await page.evaluate(() => document.activeElement?.matches("main h1")),
      true,
      "the focus moves to the new axis' heading",
    );
    const groups = await page.$$eval(".choices", (gs) =>
      gs.map((g) => g.querySelector("input[type=radio]").name),
    );
    for (const [i, name] of groups.entries()) {
      await tabTo(page, `input[name="${name}"]`);
      // Arrow keys move through the radio group and select: level i % 5.
      const steps = i % 5;
      if (steps === 0) await page.keyboard.press("Space");
      for (let s = 0; s < steps; s++) await page.keyboard.press("ArrowDown");
    }
    const done = await page.locator(".progress-line progress").getAttribute("value");
    assert.equal(Number(done), groups.length, `all criteria of ${href} answered`);
  }
  // A target and an evidence note on the last axis' first criterion.
  const first = await page.$eval(".criterion-form select", (s) => s.id);
  await tabTo(page, `#${first}`);
  await page.keyboard.press("End");
  const evidence = first.replace(/^target-/, "evidence-");
  await tabTo(page, `#${evidence}`);
  await page.keyboard.type("Compte rendu de l'AG <b>2016</b>");
  const answersBefore = await page.$$eval("input[type=radio]:checked", (rs) => rs.map((r) => r.id));

  await page.reload();
  await page.waitForSelector(".criterion-form");
  const answersAfter = await page.$$eval("input[type=radio]:checked", (rs) => rs.map((r) => r.id));
  assert.deepEqual(answersAfter, answersBefore, "answers kept after reload");
  assert.equal(await page.locator(`#${evidence}`).inputValue(), "Compte rendu de l'AG <b>2016</b>");
  assert.equal(await page.locator(`#${first}`).inputValue(), "4");

  await page.goto(site.server.url + "#/fr/results");
  await page.waitForSelector("#radar");
  const radar = await page.$eval("#radar", (img) => ({ w: img.naturalWidth, src: img.src.slice(0, 26) }));
  assert.ok(radar.w > 0, "radar image decoded");
  assert.equal(radar.src, "data:image/svg+xml;charset");
  assert.equal(await page.locator(".finding-group").count(), 4);
  assert.ok(await page.locator(".finding").count() > 0, "some findings");
  assert.match(await page.locator(".scores").innerText(), /Jardin|Score/);
  const ms = Number(await page.getAttribute("#score-time", "data-ms"));
  t.diagnostic(`score on results page: ${ms} ms`);

  // Re-score after an answer changes, several times: the results page times the engine.
  const times = [];
  for (let i = 0; i < 9; i++) {
    await page.evaluate((h) => { location.hash = h; }, axes[0]);
    await page.waitForSelector(".choices");
    const radios = await page.$$eval(".choices input[type=radio]", (rs) => rs.slice(0, 5).map((r) => r.id));
    await page.locator(`#${radios[i % 5]}`).check();
    await page.evaluate(() => { location.hash = "#/fr/results"; });
    await page.waitForSelector("#score-time");
    times.push(Number(await page.getAttribute("#score-time", "data-ms")));
  }
  times.sort((a, b) => a - b);
  t.diagnostic(`re-score after an answer changed: median ${times[4]} ms, max ${times[8]} ms`);
  assert.ok(times[4] < 5, "re-scoring is fast");
  assert.deepEqual(problems, []);
  await page.close();
});

test("exports then imports the assessment (TOML and JSON)", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/assess");
  await page.waitForSelector(".entry");
  const count = await page.locator(".entry").count();
  for (const format of ["toml", "json"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(`.entry.active button[data-export="${format}"]`).click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(name, new RegExp(`\\.${format}$`));
    const text = await readFile(await download.path(), "utf8");
    assert.match(text, format === "toml" ? /\[assessment\]/ : /"assessment"/);
    assert.match(text, /Jardin partagé des Capucins/);
    await page.locator("#import").setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.waitForSelector(`text=${name}`);
  }
  assert.equal(await page.locator(".entry").count(), count + 2);
  // Several assessments side by side on the results page.
  await page.goto(site.server.url + "#/fr/results");
  await page.waitForSelector("#compare-radar");
  assert.ok(await page.$eval("#compare-radar", (img) => img.naturalWidth) > 0);
  assert.ok(await page.locator(".compare tbody tr").count() >= 3);
  assert.deepEqual(problems, []);
  await page.close();
});

test("user text is shown as text, never as HTML", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/assess");
  const evil = `[assessment]
grid = "domino"
initiative = "<img src=x onerror=\\"window.__pwned=1\\"><script>window.__pwned=2</script>"
`;
  await page.locator("#import").setInputFiles({ name: "evil.toml", mimeType: "text/plain", buffer: Buffer.from(evil) });
  await page.waitForSelector("text=<img src=x");
  await page.goto(site.server.url + "#/fr/results");
  await page.waitForSelector("#radar");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("main img:not(#radar):not(#compare-radar), main script").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a broken grid shows its diagnostic like the CLI", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/grid");
  await page.locator("#grid-file").setInputFiles({
    name: "broken.toml",
    mimeType: "text/plain",
    buffer: Buffer.from(BROKEN_GRID),
  });
  const diag = page.locator(".diagnostics pre").first();
  await diag.waitFor();
  const text = await diag.innerText();
  assert.match(text, /^error\[[a-z-]+\]: /);
  assert.match(text, /--> broken\.toml:\d+:\d+/);
  assert.match(text, /\^/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a grid with thousands of mistakes shows the first fifty and says how many more", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/en/grid");
  const lines = Array.from({ length: 20000 }, (_, i) => `bad line ${i + 1}\n`).join("");
  await page.locator("#grid-file").setInputFiles({ name: "many.toml", mimeType: "text/plain", buffer: Buffer.from(lines) });
  await page.waitForSelector(".diagnostics .omitted");
  assert.match(await page.locator(".diagnostics h2").innerText(), /20000 error/);
  assert.equal(await page.locator(".diagnostics pre").count(), 50);
  assert.match(await page.locator(".diagnostics pre").last().innerText(), /--> many\.toml:50:/);
  assert.match(await page.locator(".diagnostics .omitted").innerText(), /and 19950 more diagnostics, not shown/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a valid user grid can be explored and assessed", async () => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/en/grid");
  const good = BROKEN_GRID.replace('scale = "levels"', 'scale = "level"');
  await page.locator("#grid-file").setInputFiles({ name: "mine.toml", mimeType: "text/plain", buffer: Buffer.from(good) });
  await page.waitForSelector("text=Grid loaded");
  await page.goto(site.server.url + "#/en/explore");
  await page.waitForSelector("text=Broken grid");
  await page.goto(site.server.url + "#/en/assess");
  await page.locator("#new-assessment").click();
  await page.goto(site.server.url + "#/en/assess/axe");
  await page.locator(".choices input[type=radio]").last().check();
  await page.goto(site.server.url + "#/en/results");
  await page.waitForSelector("#radar");
  // Back to DOMINO for the other tests.
  await page.goto(site.server.url + "#/en/grid");
  await page.locator("button", { hasText: "Remove" }).click();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a corrupt autosave is reported and set aside, never fatal", async () => {
  const { page } = await openPage(site.browser.context, site.server.url + "#/fr/");
  await page.evaluate(() => localStorage.setItem("domino.workspace", "{corrupt"));
  await page.reload();
  await page.waitForSelector(".notice.problem");
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("domino.quarantine.")).map((k) => localStorage.getItem(k)),
  );
  assert.ok(kept.includes("{corrupt"), "raw data kept aside");
  // An old format version is set aside too.
  await page.evaluate(() => localStorage.setItem("domino.workspace", JSON.stringify({ app: "domino-web", version: 0, workspace: {} })));
  await page.reload();
  await page.waitForSelector(".notice.problem");
  assert.match(await page.locator("main h1").innerText(), /.+/);
  await page.close();
});

test("works at 360 px wide", async () => {
  const { page, problems } = await openPage(site.browser.context);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const hash of ["#/fr/", "#/fr/explore/collectif", "#/fr/assess", "#/fr/assess/collectif", "#/fr/results", "#/fr/rules", "#/fr/grid"]) {
    await page.goto(site.server.url + hash);
    await page.waitForSelector("main h1");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${hash} is ${width}px wide`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("says so when the grid cannot be fetched", async () => {
  const { page } = await openPage(site.browser.context);
  await page.route("**/domino.*.json", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto(site.server.url + "#/en/explore");
  const loading = page.locator("#loading[role=alert]");
  await loading.waitFor();
  assert.match(await loading.innerText(), /could not load its grid.*domino\.[0-9a-f]{10}\.json: HTTP 404/s);
  assert.equal(await page.locator("main").count(), 0);
  await page.close();
});
