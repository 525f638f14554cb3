// Test harness: serves web/dist on 127.0.0.1 (random free port) and launches Debian's
// chromium through playwright-core with a fresh profile.
import { createServer } from "node:http";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, "..", "..", "web", "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".toml": "application/toml; charset=utf-8",
};

export async function serve(dir = DIST) {
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`${dir}/index.html missing: run \`cargo run -p xtask -- build-web\` first`);
  }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const rel = normalize(path === "/" ? "/index.html" : path).replace(/^([/\\])+/, "");
    if (rel.startsWith("..")) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, {
        "content-type": TYPES[extname(rel)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  // Closing also drops the browser's idle keep-alive connections: the site is gone at once.
  const close = () =>
    new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}/`, close };
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Chromium's switches for a quiet, headless run in a container. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Launches Chromium with a fresh profile. `serviceWorkers: "block"` keeps the app's service
 * worker out (page.route does not see what a worker answers); the offline test allows it.
 */
export async function launch({ serviceWorkers = "allow" } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "domino-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    serviceWorkers,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page that records console errors, page errors and failed requests. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  if (url) {
    await page.goto(url);
    await page.waitForSelector("main h1");
  }
  return { page, problems };
}

/** Presses Tab until the focused element matches `selector`. */
export async function tabTo(page, selector, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      return i;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${selector} with the keyboard`);
}

/**
 * Serves web/dist and launches Chromium (with `launch`'s options) before the file's tests,
 * closes both after them; returns `{ server, browser }`, filled once the tests start.
 */
export function siteAndBrowser(options) {
  const handles = {};
  before(async () => {
    handles.server = await serve();
    handles.browser = await launch(options);
  });
  after(async () => {
    await handles.browser?.close();
    await handles.server?.close();
  });
  return handles;
}
