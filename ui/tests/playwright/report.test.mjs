// Opens the HTML alignment report written by `throughline report` in Debian's Chromium through
// playwright-core: the sample organisation and a hostile map (markup in goal titles and the
// organisation's name). The report must stay inert: no script runs, no script element, no
// request other than the file itself, no console or page error, hostile titles shown as text.
// Needs the CLI: `cargo build -p throughline-cli` (THROUGHLINE_BIN overrides the path).
// Run: `node --test tests/playwright/report.test.mjs` (from ui/). Does not need dist-mock.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./harness.mjs";

const repo = new URL("../../../", import.meta.url).pathname;
const shots = new URL("../../test-results/", import.meta.url).pathname;
const bin = process.env.THROUGHLINE_BIN ?? new URL("../../../target/debug/throughline", import.meta.url).pathname;

const HOSTILE_TITLES = [
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=2">',
  '"><svg onload="window.__pwned=3">',
];
const HOSTILE_ORG = "<script>window.__pwned=4</script>";

let browser, dir;
const reports = {};

before(async () => {
  assert.ok(
    existsSync(bin),
    `throughline CLI not found at ${bin}: run \`cargo build -p throughline-cli\` from the repository root first (or set THROUGHLINE_BIN)`,
  );
  await mkdir(shots, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), "throughline-report-"));

  // The hostile map: every goal title from a rotating list of markup, and a scripted org name.
  const acme = JSON.parse(await readFile(join(repo, "tests/fixtures/acme.json"), "utf8"));
  acme.goals.forEach((goal, i) => {
    goal.title = HOSTILE_TITLES[i % HOSTILE_TITLES.length];
  });
  acme.organisation.name = HOSTILE_ORG;
  const hostileMap = join(dir, "hostile.json");
  await writeFile(hostileMap, JSON.stringify(acme, null, 2));

  const write = (map, out) => {
    execFileSync(bin, ["report", map, "-o", out, "--force"], { stdio: ["ignore", "pipe", "pipe"] });
    return out;
  };
  reports.sample = write(join(repo, "examples/northwind.json"), join(dir, "sample.html"));
  reports.hostile = write(hostileMap, join(dir, "hostile.html"));

  // The workshop report: a workspace of acme, the hostile map imported into it (a snapshot
  // "Before import of hostile.json" is saved first), compared with that snapshot.
  const run = (args) => execFileSync(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  const ws = join(dir, "acme.throughline");
  run(["import", join(repo, "tests/fixtures/acme.json"), "-o", ws]);
  run(["import", hostileMap, "--into", ws]);
  reports.workshop = join(dir, "workshop.html");
  run(["report", ws, "--compare", "Before import of hostile.json", "-o", reports.workshop, "--as-of=2026-11-28"]);

  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Opens a report file and records console errors, page errors and every request for anything
// other than the file itself.
async function openReport(file, options = {}) {
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => r.url() !== url && requests.push(r.url()));
  await page.goto(url, { waitUntil: "load" });
  return { page, context, errors, requests };
}

// What every report must satisfy, hostile or not.
async function assertInert(page, errors, requests) {
  assert.deepEqual(errors, [], "console errors or page errors");
  assert.deepEqual(requests, [], "the report made requests other than for its own file");
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined", "injected markup ran");
  assert.equal(await page.locator("script").count(), 0, "the report contains script elements");
  assert.equal(await page.locator("h1").count(), 1, "the report has one h1");
  assert.ok((await page.locator("figure svg").count()) >= 1, "no inline svg inside a figure");
}

test("the sample report opens with no errors, no requests and no script, and has its title and figures", async () => {
  const { page, context, errors, requests } = await openReport(reports.sample);
  assert.equal((await page.locator("h1").textContent()).trim(), "Alignment report");
  assert.match(await page.evaluate(() => document.body.innerText), /Northwind Software/);
  await page.screenshot({ path: join(shots, "report-sample.png"), fullPage: true });
  await assertInert(page, errors, requests);
  await context.close();
});

test("hostile goal titles and organisation name stay text: nothing runs, nothing is fetched", async () => {
  const { page, context, errors, requests } = await openReport(reports.hostile);
  // Give any injected onerror/onload handlers a chance to fire before checking.
  await page.waitForTimeout(300);
  const text = await page.evaluate(() => document.body.innerText);
  for (const title of [...HOSTILE_TITLES, HOSTILE_ORG]) {
    assert.ok(text.includes(title), `the visible text does not contain ${JSON.stringify(title)} literally`);
  }
  assert.equal(await page.locator('img[src="x"]').count(), 0, "a hostile title became an img element");
  assert.equal(await page.locator("[onerror], [onload]").count(), 0, "a hostile title became an event handler attribute");
  await page.screenshot({ path: join(shots, "report-hostile.png"), fullPage: true });
  await assertInert(page, errors, requests);
  await context.close();
});

test("with JavaScript disabled both reports still show their title", async () => {
  for (const file of [reports.sample, reports.hostile]) {
    const { page, context, errors, requests } = await openReport(file, { javaScriptEnabled: false });
    assert.equal((await page.locator("h1").textContent()).trim(), "Alignment report");
    assert.ok((await page.locator("figure svg").count()) >= 1);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
    await context.close();
  }
});

test("the workshop report opens inert, hostile titles as text, the map marked", async () => {
  const { page, context, errors, requests } = await openReport(reports.workshop);
  await page.waitForTimeout(300);
  assert.equal((await page.locator("h1").textContent()).trim(), "Workshop report");
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /Compared with the snapshot “Before import of hostile\.json”/);
  for (const title of [...HOSTILE_TITLES, HOSTILE_ORG]) {
    assert.ok(text.includes(title), `the visible text does not contain ${JSON.stringify(title)} literally`);
  }
  assert.equal(await page.locator('img[src="x"]').count(), 0, "a hostile title became an img element");
  assert.equal(await page.locator("[onerror], [onload]").count(), 0, "a hostile title became an event handler attribute");
  // Every goal was renamed: the map marks them.
  assert.ok((await page.locator("figure svg text", { hasText: "CHANGED" }).count()) > 0, "no change marks on the map");
  await page.screenshot({ path: join(shots, "report-workshop.png"), fullPage: true });
  await assertInert(page, errors, requests);
  await context.close();
});
