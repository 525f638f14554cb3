// Several raters on one device, the divergence view, a consensus with its note, the
// exported file read back with the consensus level, and the progress page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { siteAndBrowser, openPage, tabTo } from "./harness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = siteAndBrowser();

const ACCUEIL = "collectif-accueil";

/** Adds a rater from the assessment page, by keyboard. */
async function addRater(page, name, role) {
  await page.goto(site.server.url + "#/fr/assess");
  await tabTo(page, "#rater-name");
  await page.keyboard.type(name);
  await page.selectOption("#rater-role", role);
  await tabTo(page, "#add-rater-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector(`button.rater[aria-pressed="true"]:has-text("${name}")`);
}

/** Answers the first criterion of the first axis as the rater answering now. */
async function rateWelcome(page, who, level) {
  await page.goto(site.server.url + "#/fr/assess/collectif");
  await page.waitForSelector(`#answering-as:has-text("${who}")`);
  await page.locator(`#level-${ACCUEIL}-${level}`).check();
}

test("two raters on one device, the gap flagged, a consensus recorded and exported", async (t) => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/assess");
  await page.locator("#new-assessment").click();
  await page.waitForSelector("#initiative");
  await page.fill("#initiative", "Jardin des Capucins, atelier");

  await addRater(page, "Anne", "elu");
  await rateWelcome(page, "Anne (élu·e)", "4");
  await addRater(page, "Karim", "habitant");
  await page.goto(site.server.url + "#/fr/assess/collectif");
  await page.waitForSelector('#answering-as:has-text("Karim (habitant·e)")');
  assert.equal(
    await page.locator(`input[name="level-${ACCUEIL}"]:checked`).count(),
    0,
    "the second rater does not see the first one's answer",
  );
  await page.locator(`#level-${ACCUEIL}-1`).check();

  // The divergence view: the gap of 3 levels (rater_gap = 2) is flagged, first in the table.
  await page.goto(site.server.url + "#/fr/consensus");
  await page.waitForSelector("table#divergence");
  const row = page.locator('tr[data-criterion="collectif.accueil"]');
  assert.match(await row.getAttribute("class"), /\bgap\b/);
  assert.match(await row.innerText(), /à débattre/);
  assert.equal(
    await page.locator("table#divergence tbody tr").first().getAttribute("data-criterion"),
    "collectif.accueil",
    "the largest disagreement comes first",
  );
  const headers = await page.$$eval("table#divergence thead th", (ths) => ths.map((th) => th.textContent));
  assert.deepEqual(headers.slice(1, 3), ["Anne (élu·e)", "Karim (habitant·e)"]);

  // The consensus: an agreed level and its note, by keyboard.
  await tabTo(page, `#agreed-${ACCUEIL}`);
  await page.selectOption(`#agreed-${ACCUEIL}`, "3");
  await tabTo(page, `#note-${ACCUEIL}`);
  await page.keyboard.type("Accueil réel, mais rien d’organisé pour les nouveaux.");
  await page.locator(`#consensus-${ACCUEIL} button[type=submit]`).press("Enter");
  await page.waitForSelector('tr[data-criterion="collectif.accueil"].agreed');
  assert.match(await row.innerText(), /accord du groupe \(3\)/);

  // Autosaved: still there after a reload.
  await page.reload();
  await page.waitForSelector('tr[data-criterion="collectif.accueil"].agreed');
  assert.equal(await page.locator(`#note-${ACCUEIL}`).inputValue(), "Accueil réel, mais rien d’organisé pour les nouveaux.");

  // Exported as the assessment file the CLI reads: each rater's level, the agreed level, the note.
  await page.goto(site.server.url + "#/fr/assess");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('.entry.active button[data-export="toml"]').click(),
  ]);
  const file = await download.path();
  const text = await readFile(file, "utf8");
  assert.match(text, /raters = \["Anne \(élu·e\)", "Karim \(habitant·e\)"\]/);
  assert.match(
    text,
    /"collectif\.accueil" = \{ level = "3", by = \{ "Anne \(élu·e\)" = "4", "Karim \(habitant·e\)" = "1" \}, evidence = "Accueil réel/,
  );
  const cli = join(root, "target", "debug", "domino");
  if (existsSync(cli)) {
    const report = JSON.parse(execFileSync(cli, ["score", file, "--format", "json"], { encoding: "utf8" }));
    const accueil = report.axes[0].criteria.find((c) => c.id === "collectif.accueil");
    assert.equal(accueil.level.code, "3");
    assert.equal(accueil.consolidation, "consensus");
    t.diagnostic("the CLI scored the export with the consensus level");
  }

  // Imported back, it is the same consensus, and editable.
  await page.locator("#import").setInputFiles({ name: "atelier.toml", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.waitForSelector("text=atelier.toml");
  await page.goto(site.server.url + "#/fr/consensus");
  await page.waitForSelector('tr[data-criterion="collectif.accueil"].agreed');
  await page.locator(`#consensus-${ACCUEIL} button[type=button]`).click();
  await page.waitForSelector('tr[data-criterion="collectif.accueil"].to-debate');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Exports the active assessment as TOML; the path of the downloaded file and its text. */
async function exportToml(page) {
  await page.goto(site.server.url + "#/fr/assess");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('.entry.active button[data-export="toml"]').click(),
  ]);
  const file = await download.path();
  return { file, text: await readFile(file, "utf8") };
}

const pressed = (name) => `button.rater[aria-pressed="true"]:has-text("${name}")`;

test("the rater chosen stays chosen over a reload; a rater is renamed everywhere, and removed after a confirmation", async (t) => {
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/assess");
  await page.locator("#new-assessment").click();
  await page.waitForSelector("#initiative");
  await addRater(page, "Anne", "elu");
  await rateWelcome(page, "Anne (élu·e)", "4");
  await addRater(page, "Karim", "habitant");
  await rateWelcome(page, "Karim (habitant·e)", "1");
  await page.locator("#level-collectif-contribution-2").check();

  // Chosen by hand: Anne, then the second rater, Karim; a reload keeps Karim answering.
  await page.goto(site.server.url + "#/fr/assess");
  await page.locator('button.rater:has-text("Anne")').click();
  await page.waitForSelector(pressed("Anne (élu·e)"));
  await page.locator('button.rater:has-text("Karim")').click();
  await page.waitForSelector(pressed("Karim (habitant·e)"));
  await page.reload();
  await page.waitForSelector(pressed("Karim (habitant·e)"));
  await page.goto(site.server.url + "#/fr/assess/collectif");
  await page.waitForSelector('#answering-as:has-text("Karim (habitant·e)")');
  assert.equal(await page.locator(`#level-${ACCUEIL}-1`).isChecked(), true);

  // The group agrees on 3 for the welcome criterion.
  await page.goto(site.server.url + "#/fr/consensus");
  await page.selectOption(`#agreed-${ACCUEIL}`, "3");
  await page.locator(`#consensus-${ACCUEIL} button[type=submit]`).click();
  await page.waitForSelector('tr[data-criterion="collectif.accueil"].agreed');

  // Renamed, by keyboard, from the name and role already given; the rater answering follows.
  await page.goto(site.server.url + "#/fr/assess");
  await page.locator('button.rename-rater[aria-label="Renommer Karim (habitant·e)"]').click();
  await page.waitForSelector("#rename-name:focus");
  assert.equal(await page.locator("#rename-name").inputValue(), "Karim");
  assert.equal(await page.locator("#rename-role").inputValue(), "habitant");
  await page.keyboard.type(" B.");
  await page.selectOption("#rename-role", "membre");
  await tabTo(page, "#rename-rater-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector(pressed("Karim B. (membre)"));
  assert.equal(await page.locator("#rename-rater").count(), 0, "the form closes");

  // A name already taken is refused, with a clear message, and the form stays open.
  await page.locator('button.rename-rater[aria-label="Renommer Anne (élu·e)"]').click();
  await page.fill("#rename-name", "Karim B.");
  await page.selectOption("#rename-role", "membre");
  await page.locator("#rename-rater-button").click();
  await page.waitForSelector(".notice.problem");
  assert.match(
    await page.locator(".notice.problem").last().innerText(),
    /Un autre évaluateur porte déjà ce nom\u00a0: Karim B\. \(membre\)/,
  );
  assert.equal(await page.locator("#rename-name").inputValue(), "Karim B.");
  await page.locator("#rename-rater button[type=button]").click();

  // The divergence and consensus view shows the new name.
  await page.goto(site.server.url + "#/fr/consensus");
  await page.waitForSelector("table#divergence");
  const headers = () => page.$$eval("table#divergence thead th", (ths) => ths.map((th) => th.textContent));
  assert.deepEqual((await headers()).slice(1, 3), ["Anne (élu·e)", "Karim B. (membre)"]);

  // Removed after a confirmation that counts their levels; cancelling first keeps them.
  await page.goto(site.server.url + "#/fr/assess");
  const removeAnne = page.locator('button.remove-rater[aria-label="Retirer Anne (élu·e)"]');
  await removeAnne.click();
  await page.waitForSelector("#cancel-remove:focus");
  assert.equal(
    await page.locator("#removal-question").innerText(),
    "Retirer Anne (élu·e)\u00a0? 1 niveau donné par cet évaluateur sera effacé\u00a0; " +
      "les niveaux convenus par le groupe et les notes sont conservés.",
  );
  await page.keyboard.press("Enter");
  await page.waitForSelector("#confirm-removal", { state: "detached" });
  assert.equal(await page.locator("button.rater").count(), 2, "cancelled: nothing removed");
  await page.locator('button.remove-rater[aria-label="Retirer Karim B. (membre)"]').click();
  assert.match(await page.locator("#removal-question").innerText(), /^Retirer Karim B\. \(membre\)\u00a0\? 2 niveaux donnés/);
  await page.locator("#cancel-remove").click();
  await removeAnne.click();
  await page.locator("#confirm-remove").click();
  await page.waitForSelector("#confirm-removal", { state: "detached" });
  assert.deepEqual(await page.$$eval("button.rater", (bs) => bs.map((b) => b.textContent)), ["Karim B. (membre)"]);
  await page.goto(site.server.url + "#/fr/consensus");
  await page.waitForSelector('tr[data-criterion="collectif.accueil"].agreed');
  assert.deepEqual((await headers()).slice(1, 2), ["Karim B. (membre)"]);
  assert.ok(!(await headers()).includes("Anne (élu·e)"));

  // The file: Anne is gone from the raters and from every `by`; the agreed level stays.
  const { file, text } = await exportToml(page);
  assert.match(text, /raters = \["Karim B\. \(membre\)"\]/);
  assert.doesNotMatch(text, /Anne/);
  assert.match(text, /"collectif\.accueil" = \{ level = "3", by = \{ "Karim B\. \(membre\)" = "1" \}/);
  assert.match(text, /"collectif\.contribution" = \{ by = \{ "Karim B\. \(membre\)" = "2" \}/);
  const cli = join(root, "target", "debug", "domino");
  if (existsSync(cli)) {
    const report = JSON.parse(execFileSync(cli, ["score", file, "--format", "json"], { encoding: "utf8" }));
    const criterion = (id) => report.axes[0].criteria.find((c) => c.id === id);
    assert.equal(criterion("collectif.accueil").level.code, "3");
    assert.equal(criterion("collectif.accueil").consolidation, "consensus");
    assert.equal(criterion("collectif.contribution").level.code, "2");
    t.diagnostic("the CLI scored the file with the renamed rater's levels and the agreed level");
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("the divergence table sorts by disagreement or in the grid's order, by keyboard", async () => {
  const sample = await readFile(join(root, "grids", "examples", "la-redonnerie.toml"), "utf8");
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/en/assess");
  await page.locator("#import").setInputFiles({ name: "la-redonnerie.toml", mimeType: "text/plain", buffer: Buffer.from(sample) });
  await page.waitForSelector("text=la-redonnerie.toml");
  await page.goto(site.server.url + "#/en/consensus");
  await page.waitForSelector("table#divergence");
  const order = () => page.$$eval("table#divergence tbody tr", (rs) => rs.map((r) => r.dataset.criterion));
  const byDisagreement = await order();
  assert.match(await page.locator("table#divergence tbody tr").first().getAttribute("class"), /to-debate/);
  assert.equal(await page.getAttribute("button.sort-grid", "aria-pressed"), "false");
  await tabTo(page, "button.sort-grid");
  await page.keyboard.press("Enter");
  await page.waitForSelector('button.sort-grid[aria-pressed="true"]');
  const byGrid = await order();
  assert.notDeepEqual(byGrid, byDisagreement);
  assert.deepEqual([...byGrid].sort(), [...byDisagreement].sort());
  assert.equal(byGrid[0], "collectif.accueil");
  // An imported multi-rater file is edited rater by rater.
  await page.goto(site.server.url + "#/en/assess");
  await page.locator('button.rater:has-text("membre")').click();
  await page.goto(site.server.url + "#/en/assess/collectif");
  await page.waitForSelector('#answering-as:has-text("membre")');
  assert.equal(await page.locator(`#level-${ACCUEIL}-2`).isChecked(), true);
  await page.locator(`#level-${ACCUEIL}-4`).check();
  await page.goto(site.server.url + "#/en/consensus");
  await page.waitForSelector('tr[data-criterion="collectif.accueil"]');
  assert.match(await page.locator('tr[data-criterion="collectif.accueil"]').innerText(), /\b4\b/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the progress page compares two assessment files", async () => {
  const file = (n) => readFile(join(root, "grids", "examples", n), "utf8");
  const { page, problems } = await openPage(site.browser.context, site.server.url + "#/fr/progress");
  await page.locator("#progress-old").setInputFiles({ name: "avant.toml", mimeType: "text/plain", buffer: Buffer.from(await file("couchsurfing-avant-2011.toml")) });
  await page.locator("#progress-new").setInputFiles({ name: "apres.toml", mimeType: "text/plain", buffer: Buffer.from(await file("couchsurfing-apres-2011.toml")) });
  await page.waitForSelector("#progress-radar");
  assert.ok(await page.$eval("#progress-radar", (img) => img.naturalWidth) > 0, "both radars overlaid");
  assert.ok(await page.locator("#progress-axes tbody tr").count() >= 6, "overall and each axis");
  assert.ok(await page.locator("#progress-criteria tbody tr").count() > 0, "criteria that changed");
  const findings = await page.locator("#progress-appeared li, #progress-resolved li").count();
  assert.ok(findings > 0, "findings appeared or resolved");
  assert.match(await page.locator("#progress-h").innerText(), /Couchsurfing \(avant 2011\) \(2010-12-01\) → /);
  assert.deepEqual(problems, []);
  await page.close();
});
