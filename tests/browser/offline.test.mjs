// A second visit renders offline and at once: the service worker keeps the app's files,
// every module's (the offline app, the workshop, the TOML reader), never the workshop API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, openPage } from "./harness.mjs";

const site = siteAndBrowser();

/** The URLs of every entry the page's origin keeps in its caches. */
const cachedUrls = (page) =>
  page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });

test("after one visit the app renders with the site gone, and /api is never cached", async (t) => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/en/explore");
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(problems, []);
  // The API passes through the worker: here the static server answers it with a 404.
  const online = await page.evaluate(() => fetch("/api/config").then((r) => r.status));
  assert.equal(online, 404);
  const kept = await cachedUrls(page);
  for (const module of ["domino_web", "domino_workshop", "domino_toml"]) {
    const re = new RegExp(`/${module}_bg\\.[0-9a-f]{10}\\.wasm$`);
    assert.ok(kept.some((u) => re.test(u)), `${module}: ${kept.join("\n")}`);
  }
  assert.ok(kept.some((u) => /domino\.[0-9a-f]{10}\.json$/.test(u)), kept.join("\n"));
  assert.ok(kept.some((u) => u.endsWith("/index.html")), kept.join("\n"));
  assert.ok(!kept.some((u) => u.includes("/api")), kept.join("\n"));

  await site.server.close();
  await site.browser.context.setOffline(true);
  const started = Date.now();
  await page.reload();
  await page.waitForSelector("main h1");
  t.diagnostic(`offline reload rendered in ${Date.now() - started} ms`);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
  assert.ok((await page.locator("nav a").count()) >= 6);
  // The TOML reader, never used online, was kept too: it loads with the site gone.
  const reader = await page.evaluate(() =>
    window.__dominoTomlReader().then((r) => JSON.parse(r.grid_answer("mine.toml", "x")).Refused.errors),
  );
  assert.equal(reader, 1);
  const offline = await page.evaluate(() =>
    fetch("/api/config").then((r) => `answered ${r.status}`, (e) => `failed: ${e.name}`),
  );
  assert.equal(offline, "failed: TypeError", "the API is not answered from a cache");
  // The workshop's module was kept too: a workshop link opens offline, on its own module.
  const loaded = page.waitForEvent("load");
  await page.evaluate(() => { location.hash = "#/en/t/q1w2e3r4t5y6u7i8o9p0-_QWERTYUIOPASDFGHJKL"; });
  await loaded;
  await page.waitForSelector("main .workshop");
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
  await page.close();
});
