// Keyboard navigation of the map and visible focus everywhere (issue #13 item 7), against the
// mocked build: Tab reaches the map as one stop (its first strategy goal), the arrows go to
// the nearest card that way (by title), Enter opens the card in the inspector as a click
// does, + and − close and open a unit, an arrow to a card at the map's edge pans it into
// view, the focused card's ring is thick on screen at any zoom; Tab through the whole app
// (header, findings, map, inspector, a dialog) shows a focus ring on every stop; a picture
// of the map saved from the keyboard leaves the ring out; axe-core finds nothing on the
// map; light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { shots, mockSuite, axe } from "./harness.mjs";

const app = mockSuite();

const openApp = (theme) => app.openSample(theme);

/** The focused element: a card's id and title, its name, and its focus ring as drawn on
 * screen (the outline's width times the map's zoom for a card). */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    const card = a?.classList.contains("react-flow__node") ? a : null;
    const style = a ? getComputedStyle(a) : null;
    const zoom = card ? new DOMMatrix(getComputedStyle(card.closest(".react-flow__viewport")).transform).a : 1;
    return {
      id: card?.dataset.id ?? null,
      title: card?.querySelector(".card-label")?.textContent ?? null,
      name: a?.getAttribute("aria-label") ?? a?.textContent?.trim().slice(0, 40) ?? "",
      what: a ? `${a.tagName.toLowerCase()}.${String(a.className).split(" ")[0]} “${(a.getAttribute("aria-label") ?? a.textContent ?? "").trim().slice(0, 30)}”` : "",
      outline: style ? { style: style.outlineStyle, width: parseFloat(style.outlineWidth) * zoom, color: style.outlineColor } : null,
      inMap: !!a?.closest(".map"),
    };
  });

/** Press Tab (or Shift+Tab) until `until` holds for the focused element, at most `max` times. */
async function tabUntil(page, until, max = 120, key = "Tab") {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (until(f)) return f;
  }
  assert.fail(`${key} ${max} times never reached it`);
}

/** Wait until the focused card is `title`, and return it. */
async function focusedCard(page, title) {
  try {
    await page.waitForFunction((t) => document.activeElement?.querySelector?.(".card-label")?.textContent === t, title, { timeout: 3000 });
  } catch {
    assert.fail(`focus is on ${(await focused(page)).title}, not ${title}`);
  }
  return focused(page);
}

for (const theme of ["light", "dark"]) {
  test(`the map is one Tab stop; arrows, Enter, + and − work its cards (${theme})`, async () => {
    const { page, errors } = await openApp(theme);
    // From the find box, Tab goes through the header and the findings, then into the map.
    await page.getByRole("searchbox", { name: "Find" }).focus();
    let f = await tabUntil(page, (x) => x.inMap);
    assert.equal(f.title, "Grow revenue 25%", "the map's Tab stop starts at the first strategy goal");
    assert.match(f.name, /^Strategy goal: Grow revenue 25%/, "the card's accessible name");
    assert.equal(await page.locator('.react-flow__node[tabindex="0"]').count(), 1, "one card is in the Tab order");
    assert.equal(await page.locator(".card .toggle:not([tabindex='-1'])").count(), 0, "a unit's button is not a Tab stop of its own");
    // A thick ring, on screen, in the theme's ring colour.
    assert.equal(f.outline.style, "solid");
    assert.ok(f.outline.width >= 4, `the focus ring is ${f.outline.width} px on screen`);
    await page.locator(".map").screenshot({ path: join(shots, `keyboard-focus-${theme}.png`) });

    // The arrows go to the nearest card that way.
    for (const [key, t] of [
      ["ArrowRight", "Integrity"],
      ["ArrowDown", "Acme Analytics"],
      ["ArrowUp", "Integrity"],
      ["ArrowLeft", "Grow revenue 25%"],
      // Straight below the strategy goal, the Sales function (the organisation is off to
      // its right).
      ["ArrowDown", "Sales"],
      ["ArrowDown", "Sales delivers EUR 8M"],
    ]) {
      await page.keyboard.press(key);
      f = await focusedCard(page, t);
    }
    assert.match(f.name, /^Goal: Sales delivers EUR 8M; owner /);
    // Enter opens it in the inspector, as a click does.
    await page.keyboard.press("Enter");
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await page.waitForFunction(() => document.querySelector(".inspector input")?.value === "Sales delivers EUR 8M");
    assert.equal(await page.locator('.card[data-id="sales-revenue"].is-selected').count(), 1);
    assert.equal((await focused(page)).id, "sales-revenue", "focus stays on the card");
    await page.locator(".map").screenshot({ path: join(shots, `keyboard-selected-${theme}.png`) });
    const at = await page.locator('.react-flow__node[data-id="sales-revenue"]').boundingBox();
    await page.screenshot({ path: join(shots, `keyboard-ring-${theme}.png`), clip: { x: at.x - 30, y: at.y - 30, width: at.width + 60, height: at.height + 60 } });

    // Tab leaves the map; Shift+Tab comes back to the same card.
    await page.keyboard.press("Tab");
    f = await focused(page);
    assert.equal(f.id, null, "Tab leaves the cards");
    f = await tabUntil(page, (x) => x.id !== null, 20, "Shift+Tab");
    assert.equal(f.id, "sales-revenue");

    // Space on another card inspects it too.
    await page.keyboard.press("ArrowDown");
    await focusedCard(page, "Win rate 30%");
    await page.keyboard.press(" ");
    await page.waitForFunction(() => document.querySelector(".inspector input")?.value === "Win rate 30%");
    assert.ok(await inspector.isVisible());

    // Escape clears the selection; focus stays on the card.
    await page.keyboard.press("Escape");
    await page.locator(".card.is-selected").waitFor({ state: "detached" });
    assert.equal((await focused(page)).id, "sales-win-rate");

    // Down the column to a card at the map's bottom edge: the map pans to show it whole.
    // (Below the forecast, Hannah Cole and Sales North overlap it as much: the first in
    // reading order wins.)
    for (const [key, t] of [
      ["ArrowDown", "EUR 24M qualified pipeline"],
      ["ArrowDown", "Forecast accuracy 95%"],
      ["ArrowDown", "Hannah Cole"],
      ["ArrowRight", "Sales North"],
      ["ArrowDown", "Ali Hassan"],
      ["ArrowDown", "100 calls a week"],
    ]) {
      await page.keyboard.press(key);
      await focusedCard(page, t);
    }
    await page.waitForFunction(() => {
      const pane = document.querySelector(".map .react-flow").getBoundingClientRect();
      const card = document.activeElement.getBoundingClientRect();
      return card.top >= pane.top && card.bottom <= pane.bottom && card.left >= pane.left && card.right <= pane.right;
    }, null, { timeout: 3000 });

    // − closes the focused unit, + opens it again.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await focusedCard(page, "Sales North");
    // (The mock's map does not open or close units: the request the map sent says it.)
    const opened = () => page.evaluate(() => window.__viewRequest?.expanded ?? null);
    await page.keyboard.press("+");
    assert.equal(await opened(), null, "+ on an open unit does nothing");
    await page.keyboard.press("-");
    await page.waitForFunction(() => window.__viewRequest?.expanded && !window.__viewRequest.expanded.includes("sales-north"));
    assert.ok((await opened()).includes("sales"), "the other units stay open");
    assert.equal((await focused(page)).id, "sales-north", "focus stays on the unit");

    // Home and End: the first and last cards in reading order.
    await page.keyboard.press("Home");
    await focusedCard(page, "Grow revenue 25%");
    await page.keyboard.press("End");
    await focusedCard(page, "Complete negotiation course");

    await axe(page, ".map", `${theme}, the map with a focused card`);

    // A picture saved from the keyboard (Ctrl+Alt+Shift+S) leaves the focus ring out, and
    // focus stays on the card.
    await page.keyboard.press("Home");
    await focusedCard(page, "Grow revenue 25%");
    await page.waitForTimeout(400); // the map done moving
    const [svg] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+Alt+Shift+S")]);
    const svgText = await readFile(await svg.path(), "utf8");
    assert.match(svgText, /Grow revenue 25%/);
    // (Nothing is selected: the only solid outline would be the ring.)
    assert.equal(svgText.match(/outline-style:\s*solid/g)?.length ?? 0, 0, "the picture has the focus ring");
    assert.equal((await focused(page)).id, "grow", "focus is back on the card");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`the map's Tab stop follows the selection; every Tab stop shows its focus (${theme})`, async () => {
    const { page, errors } = await openApp(theme);
    // A card chosen from the findings is where Tab enters the map.
    const findings = page.getByRole("complementary", { name: "Findings" });
    await findings.getByRole("button", { name: /^Monthly close in 4 days/ }).first().click();
    await page.locator('.card[data-id="cfo-close"].is-selected').waitFor();
    await page.getByRole("searchbox", { name: "Find" }).focus();
    const f = await tabUntil(page, (x) => x.inMap);
    assert.equal(f.id, "cfo-close");

    // Every stop from the top of the page round to it again shows a ring of 2 px or more,
    // the inspector's fields included.
    await page.locator("body").focus();
    const seen = [];
    for (let i = 0; i < 160; i++) {
      await page.keyboard.press("Tab");
      const x = await focused(page);
      if (seen.length > 0 && x.what === seen[0].what) break;
      seen.push(x);
    }
    // (The page itself is a stop between the last control and the first.)
    const bare = seen.filter((x) => !x.what.startsWith("body.") && x.outline && (x.outline.style === "none" || x.outline.width < 2));
    assert.deepEqual(bare.map((x) => x.what), [], "Tab stops without a visible focus ring");
    assert.ok(seen.some((x) => x.inMap), "the map is on the way");
    assert.ok(seen.some((x) => x.what.startsWith("input")), "the inspector's fields are on the way");

    // In a dialog too.
    await page.getByRole("button", { name: "Snapshots…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      const x = await focused(page);
      assert.ok(x.outline.style !== "none" && x.outline.width >= 2, `no focus ring on ${x.what} in the dialog`);
    }
    await dialog.screenshot({ path: join(shots, `keyboard-dialog-${theme}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
