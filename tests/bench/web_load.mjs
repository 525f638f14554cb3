#!/usr/bin/env node
// Web app load benchmark: how long the built app (web/dist/) takes to show its first screen,
// for each of its two modules (the offline app's home, a workshop link),
// on emulated links, on a first visit (cold: empty cache, no service worker) and a second one
// (warm: the service worker answers), and how long re-scoring takes after an answer changes.
//
//   cargo xtask build-web && node tests/bench/web_load.mjs [--runs N] [--url URL]
//
// Without --url it starts `cargo xtask serve --no-build` on a free port (the server users get
// from `cargo xtask serve`; `domino serve` sends the same bytes and headers), so the brotli
// copies and the cache headers are measured as shipped.
//
// First render = the moment `main h1` exists in the page, in ms after navigation start
// (a MutationObserver installed before any script of the page). Links are emulated by
// Chromium's DevTools protocol (Network.emulateNetworkConditions).
// Goals: first render <= 2500 ms on Fast 3G, <= 500 ms on localhost; re-score < 1 ms.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../browser/harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const kbit = (n) => (n * 1000) / 8; // bytes per second
/** The links measured: throughput in bytes/s, latency in ms added to each request. */
const LINKS = {
  "Fast 3G": { latency: 150, downloadThroughput: kbit(1600), uploadThroughput: kbit(750) },
  "slow 4G": { latency: 100, downloadThroughput: kbit(4000), uploadThroughput: kbit(3000) },
  localhost: null,
};
const GOALS = { "Fast 3G": 2500, localhost: 500 };
/** The pages measured, one per module of the app: the offline app's home and a workshop
 * link (against `cargo xtask serve`, which has no workshop API, the link's first screen is
 * the workshop's "opening the link" heading: the module is loaded and rendering). */
const PAGES = {
  "offline app": "",
  "workshop link": "#/fr/t/q1w2e3r4t5y6u7i8o9p0-_QWERTYUIOPASDFGHJKL",
};
const MARKER = "main h1";

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Starts `cargo xtask serve --no-build --port 0` and resolves with its URL. */
function startServer() {
  const child = spawn("cargo", ["xtask", "serve", "--no-build", "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      const url = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen)?.[1];
      if (url) resolve({ url, stop: () => child.kill() });
    });
    child.on("exit", (code) => reject(new Error(`cargo xtask serve exited (${code}): ${seen}`)));
  });
}

/** Records when the marker first appears, relative to navigation start. */
function watchMarker(selector) {
  const seen = () => {
    if (window.__firstRender === undefined && document.querySelector(selector)) {
      window.__firstRender = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
}

/** Opens the app once in `context` on `link`; returns the first-render time in ms. */
async function visit(context, url, link) {
  const page = await context.newPage();
  await page.addInitScript(watchMarker, MARKER);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  if (link) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...link });
  }
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector(MARKER, { timeout: 60_000 });
  const ms = await page.waitForFunction(() => window.__firstRender).then((h) => h.jsonValue());
  return { page, ms };
}

/** One cold visit then one warm visit in a fresh context (empty cache, no worker). */
async function coldThenWarm(browser, url, link) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const cold = await visit(context, url, link);
    // The worker precaches after the first render; the warm visit starts once it is active.
    await cold.page.evaluate(() => navigator.serviceWorker.ready);
    await cold.page.close();
    const warm = await visit(context, url, link);
    const controlled = await warm.page.evaluate(() => navigator.serviceWorker.controller !== null);
    if (!controlled) throw new Error("the warm visit was not answered by the service worker");
    return { cold: cold.ms, warm: warm.ms };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Re-scoring after an answer changes, as timed by the results page (`#score-time`). */
async function rescoring(browser, url, times) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + "#/fr/assess");
  await page.click("#new-assessment");
  const first = await page.$eval("ol.steps a", (a) => a.getAttribute("href"));
  const ms = [];
  for (let i = 0; i < times; i++) {
    await page.evaluate((h) => { location.hash = h; }, first);
    await page.waitForSelector(".choices input[type=radio]");
    const radios = await page.$$eval(".choices input[type=radio]", (rs) => rs.slice(0, 5).map((r) => r.id));
    await page.locator(`#${radios[i % radios.length]}`).check();
    await page.evaluate(() => { location.hash = "#/fr/results"; });
    await page.waitForSelector("#score-time");
    ms.push(Number(await page.getAttribute("#score-time", "data-ms")));
  }
  await context.close();
  return ms;
}

async function main() {
  const runs = Number(option("--runs", "5"));
  const given = option("--url", null);
  const server = given ? { url: given, stop: () => {} } : await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  let failed = false;
  try {
    console.log(`first render of ${MARKER} (ms after navigation start), median of ${runs} runs, ${server.url}`);
    for (const [page, hash] of Object.entries(PAGES)) {
      console.log(`${page.padEnd(14)} ${"cold".padStart(7)} ${"warm".padStart(7)}   goal`);
      for (const [name, link] of Object.entries(LINKS)) {
        const cold = [];
        const warm = [];
        for (let i = 0; i < runs; i++) {
          const r = await coldThenWarm(browser, server.url + hash, link);
          cold.push(r.cold);
          warm.push(r.warm);
        }
        const goal = GOALS[name];
        const verdict = goal === undefined ? "" : median(cold) <= goal ? `<= ${goal} met` : `<= ${goal} NOT MET`;
        failed ||= verdict.includes("NOT");
        console.log(
          `  ${name.padEnd(12)} ${median(cold).toFixed(0).padStart(7)} ${median(warm).toFixed(0).padStart(7)}   ${verdict}` +
            `   (cold ${cold.map((x) => x.toFixed(0)).join(", ")}; warm ${warm.map((x) => x.toFixed(0)).join(", ")})`,
        );
      }
    }
    const scores = await rescoring(browser, server.url, 9);
    const m = median(scores);
    failed ||= !(m < 1);
    console.log(`re-score after an answer changed: median ${m} ms, max ${Math.max(...scores)} ms (goal < 1 ms)`);
  } finally {
    await browser.close();
    server.stop();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
