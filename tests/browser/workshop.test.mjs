// A live workshop in real Chromium against a real `domino serve` on a temporary SQLite
// file: a facilitator's board and two participants on 360 px phones, through rating,
// reveal, consensus and results; one participant goes offline, answers, comes back;
// their second device changes an answer meanwhile and a conflict notice asks which to keep.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as path } from "node:path";
import { chromium } from "playwright-core";
import { DIST, CHROMIUM, CHROMIUM_ARGS } from "./harness.mjs";

const DOMINO = process.env.DOMINO_BIN ?? path(DIST, "..", "..", "target", "debug", "domino");
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const BOARD = { viewport: { width: 1280, height: 800 } };
const WAIT = { timeout: 20_000 };

let server;
let browser;

/** Starts `domino serve` on a free port and a fresh database; resolves with its links. */
async function startServer() {
  if (!existsSync(DOMINO)) throw new Error(`${DOMINO} missing: run \`cargo build -p domino-cli\` first`);
  const dir = await mkdtemp(path(tmpdir(), "domino-workshop-"));
  const child = spawn(DOMINO, ["serve", "--db", path(dir, "w.db"), "--listen", "127.0.0.1:0", "--web", DIST], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const facilitator = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no facilitator's link printed:\n${out}`)), 15_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const link = out.match(/(http:\/\/127\.0\.0\.1:\d+\/#\/t\/[A-Za-z0-9_-]+)/);
      if (link) {
        clearTimeout(timer);
        resolve(link[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`domino serve exited (${code}):\n${out}`)));
  });
  return {
    facilitator,
    close: async () => {
      child.kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A page in a new browser context that records page errors. */
async function person(options) {
  const context = await browser.newContext({ ...options, locale: "fr-FR" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

before(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Joins from the join link; returns the page once the personal link is open. */
async function join(p, link, name, role) {
  await p.page.goto(link);
  await p.page.fill("#join-name", name);
  await p.page.fill("#join-role", role);
  await p.page.click("#join-submit");
  await p.page.waitForSelector("#connection", WAIT);
}

/** Answers the criterion on screen with `level`, then goes to the next one. */
async function answer(page, level) {
  await page.click(`label[for="level-${level}"]`);
  await page.click("#next");
}

async function boardCount(board, name, expected) {
  await board.waitForFunction(
    ([n, e]) =>
      [...document.querySelectorAll(".answered-grid tr")].some(
        (tr) => tr.querySelector(".who")?.textContent === n && tr.querySelector(".count")?.dataset.count === e,
      ),
    [name, String(expected)],
    WAIT,
  );
}

test("a workshop from rating to results, offline answers, a conflict, names kept as text", async (t) => {
  const started = Date.now();
  const f = await person(BOARD);
  const anne = await person(PHONE);
  const bea = await person(PHONE);
  const beaPhone2 = await person(PHONE);

  // The facilitator opens their link, creates the initiative and its session.
  await f.page.goto(server.facilitator);
  await f.page.fill("#initiative-name", "Repair café <i>Cleunay</i>");
  await f.page.click("#create-session");
  const joinLink = (await f.page.locator("#join-link").textContent({ timeout: 20_000 })).trim();
  assert.match(joinLink, /#\/t\/[A-Za-z0-9_-]{20,}$/, "the secret is in the fragment");
  assert.match(await f.page.locator("h1").textContent(), /Repair café <i>Cleunay<\/i>/);
  // The board shows the join link's QR code, drawn by the server, beside the link.
  const qr = f.page.locator("img.qr");
  await qr.waitFor({ state: "visible", timeout: 20_000 });
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "the QR code is drawn");
  assert.match(await qr.getAttribute("src"), /^data:image\/svg\+xml/);

  // Two participants join from their phones; the board lists them at once.
  await join(anne, joinLink, "<b>x</b>", "élu");
  await join(bea, joinLink, "Béa", "habitant");
  await boardCount(f.page, "<b>x</b>", 0);
  await boardCount(f.page, "Béa", 0);
  assert.equal(await f.page.locator(".answered-grid .who b").count(), 0, "markup in a name stays text");
  assert.doesNotMatch(anne.page.url(), /\?/, "no token in a query");

  // Rating starts: the phones open the first criterion without a reload.
  await f.page.click('button[data-phase="rating"]');
  await anne.page.waitForSelector("#criterion-h", WAIT);
  await bea.page.waitForSelector("#criterion-h", WAIT);
  assert.match(await anne.page.locator(".progress-line").textContent(), /0 \/ 38/);
  const wide = await anne.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the phone view fits 360 px (${wide})`);

  for (const level of ["3", "3", "3"]) await answer(anne.page, level);
  await boardCount(f.page, "<b>x</b>", 3);
  assert.match(await anne.page.locator(".progress-line").textContent(), /3 \/ 38/);

  // Béa's second device opens her personal link.
  const beaLink = await bea.page.locator("#my-link").inputValue();
  await beaPhone2.page.goto(beaLink);
  await beaPhone2.page.waitForSelector("#criterion-h", WAIT);

  // Béa loses the connection and answers two criteria; they wait in her browser.
  await bea.context.setOffline(true);
  await answer(bea.page, "2");
  await answer(bea.page, "1");
  await bea.page.waitForSelector('#waiting[data-count="2"]', WAIT);
  assert.match(await bea.page.locator("#waiting").textContent(), /2 réponses en attente d’envoi/);

  // Meanwhile her second device answers the second criterion otherwise.
  await beaPhone2.page.click("#next");
  await beaPhone2.page.click('label[for="level-4"]');
  await boardCount(f.page, "Béa", 1);

  // Back online: the first answer is sent, the second is a conflict shown with both values.
  await bea.context.setOffline(false);
  const conflict = bea.page.locator(".conflict");
  await conflict.waitFor(WAIT);
  const words = await conflict.textContent();
  assert.match(words, /1 — Émergent/, words);
  assert.match(words, /4 — Exemplaire/, words);
  await boardCount(f.page, "Béa", 2);
  await bea.page.click(".conflict .keep-mine");
  await bea.page.waitForSelector("#waiting", { state: "detached", ...WAIT });
  await beaPhone2.page.waitForFunction(
    () => document.querySelector("#level-1")?.checked,
    null,
    WAIT,
  );

  // Reveal: everyone's levels, the most disagreed-on criterion first (the shared DivergenceView).
  await f.page.click('button[data-phase="reveal"]');
  const rows = f.page.locator("#divergence tbody tr");
  await rows.first().waitFor(WAIT);
  await anne.page.locator("#divergence tbody tr").first().waitFor(WAIT);
  assert.match(await rows.first().getAttribute("class"), /\bgap\b/, "a gap reaching rater_gap comes first");
  const headers = await f.page.locator("#divergence thead th").allTextContents();
  assert.ok(headers.includes("<b>x</b>") && headers.includes("Béa"), headers.join(" | "));
  assert.equal(await f.page.locator("#divergence thead th b").count(), 0, "markup in a name stays text");

  // Consensus: the facilitator chooses that criterion and records the group's level.
  await f.page.click('button[data-phase="consensus"]');
  await f.page.locator("#choose-criterion").waitFor(WAIT);
  const criterion = await rows.first().getAttribute("data-criterion");
  await rows.first().locator("th button").click();
  const editor = f.page.locator("form.consensus");
  await editor.waitFor(WAIT);
  await editor.locator("select").selectOption("2");
  await editor.locator("textarea").fill("Accord <i>après débat</i>");
  await editor.locator("button[type=submit]").click();
  const agreedRow = `#divergence tr.agreed[data-criterion="${criterion}"]`;
  await f.page.waitForSelector(agreedRow, WAIT);
  await anne.page.waitForSelector(agreedRow, WAIT);

  // Results: the engine's report, published for observers.
  await f.page.click('button[data-phase="closed"]');
  await f.page.waitForSelector(".workshop-results #radar", WAIT);
  assert.ok(await f.page.locator(".findings .finding").count() > 0);
  await f.page.click("#publish");
  const observerLink = (await f.page.locator("#observer-link").textContent()).trim();
  const observer = await anne.context.newPage();
  await observer.goto(observerLink);
  await observer.waitForSelector(".workshop-results .recommendations", WAIT);

  // A year later: a new session from the last one; Béa joins from the browser that holds
  // her personal link of the first, and finds her answers pre-filled, to confirm.
  await f.page.click("button.from-last");
  await f.page.waitForSelector('#phase[data-phase="draft"]', WAIT);
  const nextJoin = (await f.page.locator("#join-link").textContent(WAIT)).trim();
  assert.notEqual(nextJoin, joinLink);
  await join(bea, nextJoin, "Béa", "habitant");
  await f.page.click('button[data-phase="rating"]');
  await bea.page.waitForSelector("#to-confirm", WAIT);
  assert.match(await bea.page.locator("#to-confirm").textContent(), /À confirmer/);
  assert.match(await bea.page.locator(".progress-line").textContent(), /0 \/ 38/, "to confirm is not answered");
  await bea.page.click("#confirm");
  await bea.page.waitForFunction(() => !document.querySelector("#to-confirm"), null, WAIT);
  assert.match(await bea.page.locator(".progress-line").textContent(), /1 \/ 38/);

  // Its results, compared with the first session's.
  for (const phase of ["reveal", "consensus", "closed"]) await f.page.click(`button[data-phase="${phase}"]`);
  await f.page.waitForSelector(".workshop-results #radar", WAIT);
  await f.page.waitForSelector("#progress-radar", WAIT);

  for (const p of [f, anne, bea, beaPhone2]) assert.deepEqual(p.errors, []);
  t.diagnostic(`workshop flow: ${Date.now() - started} ms`);
});
