// What every Playwright file of the mocked build shares: the built UI (dist-mock) served on
// a free local port, and Debian's Chromium launched through playwright-core with the flags
// this machine needs (nothing downloads a browser).
import { before, after } from "node:test";
import http from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

// DIST_MOCK names another build of the mock (`vite build --mode mock --outDir …`), so that
// two people testing in one tree do not serve each other's half-written build.
const root = process.env.DIST_MOCK ?? new URL("../../dist-mock/", import.meta.url).pathname;
/** Where the tests write their screenshots. */
export const shots = new URL("../../test-results/", import.meta.url).pathname;
const types = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** Debian's Chromium, headless, with the flags the guide names. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Serve dist-mock and start Chromium: `base` is mock.html's address with `query` after it;
 * `close` stops both.
 */
export async function startMock(query = "") {
  await mkdir(shots, { recursive: true });
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    try {
      const body = await readFile(join(root, path === "" ? "mock.html" : path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}/mock.html${query}`;
  const browser = await launchChromium();
  return {
    browser,
    base,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/**
 * A test file's mocked app: serves it and starts Chromium before the file's tests, stops
 * both after them. `open(theme)` opens mock.html (with `query`) in a 1440 × 900 page that
 * records console errors and page errors.
 */
export function mockSuite(query = "") {
  let mock;
  before(async () => {
    mock = await startMock(query);
  });
  after(() => mock?.close());
  return {
    async open(theme = "light") {
      const page = await mock.browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
      const errors = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(mock.base);
      return { page, errors };
    },
    /** `open`, then the sample organisation opened and its map drawn. */
    async openSample(theme = "light") {
      const { page, errors } = await this.open(theme);
      await page.getByRole("button", { name: "Open the sample organisation" }).click();
      await page.locator('.card[data-id="rep1-calls"]').waitFor();
      return { page, errors };
    },
  };
}

const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core on what `selector` picks: no violations of WCAG 2.x A/AA (colour contrast
 * included); `label` says where, in the failure. */
export async function axe(page, selector, label) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (sel) => {
    const r = await window.axe.run(document.querySelector(sel), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }, selector);
  assert.deepEqual(result, [], `axe violations (${label})`);
}

/** Select a card on the map by clicking it, again if the first click landed while the map
 * was still fitting its first view (the card moved under the pointer). */
export async function selectCard(page, id) {
  const card = page.locator(`.card[data-id="${id}"]`);
  for (let i = 0; i < 5; i++) {
    await card.click();
    try {
      await page.locator(`.card[data-id="${id}"].is-selected`).waitFor({ timeout: 1000 });
      return;
    } catch {
      // The map moved: click again.
    }
  }
  await page.locator(`.card[data-id="${id}"].is-selected`).waitFor();
}
