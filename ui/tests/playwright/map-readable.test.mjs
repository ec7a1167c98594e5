// A map a room can read (issue #13, item 1): the sample's first view on a 1440 × 900
// window, measured on screen. Drives the mocked build (`mock.html?org=sample` serves the
// app's sample, northwind, with the real engine's first views) in Debian's Chromium.
// Screenshots go to ui/test-results/ (map-sample-light, -dark, -present).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite } from "./harness.mjs";

const app = mockSuite("?org=sample");

async function openSample(theme = "light") {
  const { page, errors } = await app.open(theme);
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.getByText("Northwind Software", { exact: true }).first().waitFor();
  await settle(page);
  return { page, errors };
}

/** Waits for the map's first view to be placed (two frames after the cards show). */
async function settle(page) {
  await page.locator(".card").first().waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
}

/** What is on screen: each visible card's title and subtitle size in CSS pixels (font size
 * × the flow's zoom), whether a title is cut on one line, and the boxes of the cards, the
 * minimap and the legend. */
async function measure(page) {
  return page.evaluate(() => {
    const viewport = document.querySelector(".react-flow__viewport");
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const pane = document.querySelector(".react-flow").getBoundingClientRect();
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height };
    };
    const cards = [...document.querySelectorAll(".card")]
      .map((c) => {
        const label = c.querySelector(".card-label");
        const detail = c.querySelector(".card-detail");
        const ls = getComputedStyle(label);
        // What of the card is drawn: the flow's pane clips it.
        const b = box(c);
        const drawn = {
          left: Math.max(b.left, pane.left),
          top: Math.max(b.top, pane.top),
          right: Math.min(b.right, pane.right),
          bottom: Math.min(b.bottom, pane.bottom),
        };
        // Title and subtitle inside the card (not cut off at its bottom).
        const shown = [label, detail, c.querySelector(".toggle")].filter((e) => e && getComputedStyle(e).display !== "none");
        const inside = shown.every((e) => e.getBoundingClientRect().bottom <= b.bottom + 0.5);
        return {
          id: c.dataset.id,
          inside,
          box: drawn,
          title: parseFloat(ls.fontSize) * zoom,
          titleOnScreen: label.getBoundingClientRect().height,
          oneLineEllipsis: ls.whiteSpace === "nowrap" && ls.textOverflow === "ellipsis",
          clamp: ls.webkitLineClamp,
          detail: detail && getComputedStyle(detail).display !== "none" ? parseFloat(getComputedStyle(detail).fontSize) * zoom : null,
        };
      })
      .filter((c) => c.box.bottom > c.box.top && c.box.right > c.box.left);
    const mini = document.querySelector(".react-flow__minimap");
    const legend = document.querySelector(".legend");
    return { zoom, cards, minimap: mini ? box(mini) : null, legend: legend ? box(legend) : null };
  });
}

function overlaps(a, b) {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

function assertReadable(m, titlePx, detailPx) {
  assert.ok(m.cards.length >= 8, `cards on screen: ${m.cards.length}`);
  for (const c of m.cards) {
    assert.ok(c.title >= titlePx, `${c.id}: title ${c.title.toFixed(1)} px < ${titlePx} at zoom ${m.zoom}`);
    assert.ok(c.titleOnScreen >= titlePx, `${c.id}: title box ${c.titleOnScreen.toFixed(1)} px high`);
    assert.ok(!c.oneLineEllipsis, `${c.id}: title cut on one line`);
    assert.ok(c.inside, `${c.id}: its text runs off the card`);
    if (c.detail !== null) assert.ok(c.detail >= detailPx, `${c.id}: subtitle ${c.detail.toFixed(1)} px < ${detailPx}`);
  }
  // Goal titles wrap to two lines before they are cut.
  assert.ok(m.cards.some((c) => c.clamp === "2"), "two-line titles");
}

function assertClear(m) {
  assert.ok(m.legend && m.legend.height > 0, "the legend is shown");
  for (const c of m.cards) {
    assert.ok(!overlaps(c.box, m.legend), `${c.id} is under the legend`);
    if (m.minimap) assert.ok(!overlaps(c.box, m.minimap), `${c.id} is under the minimap`);
  }
}

test("the sample's first view reads at 14 px or more; the legend shows; the minimap covers no card", async () => {
  const { page, errors } = await openSample();
  const m = await measure(page);
  assertReadable(m, 14, 11);
  assertClear(m);
  // What the legend explains.
  const legend = await page.getByRole("note", { name: "Legend" }).textContent();
  for (const text of ["Strategy goal", "Value", "Imposed from outside the line", "No line to strategy", "Supports", "error", "warning"]) {
    assert.ok(legend.includes(text), `the legend explains ${text}`);
  }
  console.log(`normal: zoom ${m.zoom.toFixed(3)}, smallest title ${Math.min(...m.cards.map((c) => c.title)).toFixed(1)} px`);
  await page.screenshot({ path: join(shots, "map-sample-light.png") });
  // The overview opens on demand.
  await page.getByRole("button", { name: "Show the overview" }).click();
  await page.locator(".react-flow__minimap").waitFor();
  await page.getByRole("button", { name: "Hide the overview" }).click();
  assert.equal(await page.locator(".react-flow__minimap").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sample's first view in the dark theme", async () => {
  const { page, errors } = await openSample("dark");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  const m = await measure(page);
  assertReadable(m, 14, 11);
  assertClear(m);
  await page.screenshot({ path: join(shots, "map-sample-dark.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("presenting: the cards scale, titles at 20 px or more on the first view", async () => {
  const { page, errors } = await openSample();
  const normal = await measure(page);
  await page.getByRole("button", { name: "Present" }).click();
  await page.waitForFunction((z) => {
    const v = document.querySelector(".react-flow__viewport");
    return v && new DOMMatrix(getComputedStyle(v).transform).a !== z;
  }, normal.zoom);
  await settle(page);
  const m = await measure(page);
  assert.ok(m.zoom > normal.zoom, `presenting zooms in: ${m.zoom} > ${normal.zoom}`);
  assertReadable(m, 20, 14);
  assertClear(m);
  console.log(`presenting: zoom ${m.zoom.toFixed(3)}, smallest title ${Math.min(...m.cards.map((c) => c.title)).toFixed(1)} px`);
  await page.screenshot({ path: join(shots, "map-sample-present.png") });
  // Presenting off: the first view as it was.
  await page.getByRole("button", { name: "Present" }).click();
  await page.waitForFunction((z) => {
    const v = document.querySelector(".react-flow__viewport");
    return v && Math.abs(new DOMMatrix(getComputedStyle(v).transform).a - z) < 1e-6;
  }, normal.zoom);
  assert.deepEqual(errors, []);
  await page.close();
});

test("zoomed out, card text grows (semantic zoom) and links are routed orthogonally", async () => {
  const { page, errors } = await openSample();
  await page.getByRole("button", { name: "Zoom Out" }).click();
  await page.getByRole("button", { name: "Zoom Out" }).click();
  await settle(page);
  const m = await measure(page);
  assert.equal(await page.locator(".map").getAttribute("data-far"), "true");
  for (const c of m.cards) {
    assert.ok(c.title >= 14 || m.zoom < 0.5, `${c.id}: ${c.title} px at zoom ${m.zoom}`);
    assert.ok(c.inside, `${c.id}: its text runs off the card`);
  }
  // Supports links are routed (orthogonal paths through the gaps), not drawn as curves.
  const d = await page.locator(".react-flow__edge.edge-supports path").first().getAttribute("d");
  assert.match(d, /^M [-\d.]+ [-\d.]+ L/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a line of sight reads as a path, left to right, from the strategy to the person's goals", async () => {
  const { page, errors } = await openSample();
  await page.getByPlaceholder(/Find a goal/).fill("Sofia");
  await page.locator(".search-hits button", { hasText: "Sofia Marchetti" }).click();
  await page.getByRole("button", { name: "Show line of sight" }).click();
  await page.getByText("Line of sight:").waitFor();
  await page.locator('.card[data-id="sofia-arr"]').waitFor();
  await settle(page);
  const m = await measure(page);
  assertReadable(m, 14, 11);
  assertClear(m);
  const x = (id) => m.cards.find((c) => c.id === id)?.box.left;
  // The strategy, the function, the team, the person: each further right, all on screen.
  const path = ["s-grow-arr", "sales", "new-business", "sofia-marchetti"].map(x);
  assert.ok(path.every((v, i) => v !== undefined && (i === 0 || v > path[i - 1])), `path ${path}`);
  await page.screenshot({ path: join(shots, "map-sample-line-of-sight.png") });
  assert.deepEqual(errors, []);
  await page.close();
});
