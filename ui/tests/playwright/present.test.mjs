// Presenting and pictures of the map (issue #13 item 6), one date format (item 7), against
// the mocked build: Present hides the panels and steps through the sample's patterns with
// the keys a presentation clicker sends (→ / PageDown, ← / PageUp, Home, End), the caption
// and the counter following, the step's cards highlighted; Esc stops; axe-core finds
// nothing while presenting, light and dark. The map's ⤓ saves a PNG and an SVG of what it
// shows (downloads intercepted). Dates in the Inspector read YYYY-MM-DD and say what is
// wrong with one that is not. Screenshots: present-*.png, map-picture-*.png, dates-*.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { shots, mockSuite, axe, selectCard } from "./harness.mjs";

const sampleFixture = JSON.parse(await readFile(new URL("../fixtures/sample-first.json", import.meta.url), "utf8"));
const patterns = sampleFixture.findings.patterns;
const sample = mockSuite("?org=sample");
const app = mockSuite();


const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 400)))));
const highlighted = (page) => page.locator(".card.is-highlighted").evaluateAll((cards) => cards.map((c) => c.dataset.id).sort());
const fontPx = (locator) => locator.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

for (const theme of ["light", "dark"]) {
  test(`presenting steps through the patterns with a clicker's keys; Esc stops (${theme})`, async () => {
    const { page, errors } = await sample.open(theme);
    await page.getByRole("button", { name: "Open the sample organisation" }).click();
    await page.locator(".card").first().waitFor();
    const findings = page.getByRole("complementary", { name: "Findings" });
    assert.ok(await findings.isVisible());
    await page.getByRole("button", { name: "Present", exact: true }).click();

    // The panels give the map the window; the overview says what the steps hold.
    const presenter = page.getByRole("region", { name: "Presenting" });
    await presenter.waitFor();
    await page.waitForFunction(() => !document.querySelector(".findings")?.checkVisibility());
    assert.equal(await page.getByRole("complementary", { name: "Inspector" }).isVisible(), false);
    const step = presenter.getByLabel("Step");
    assert.equal(await step.textContent(), "Overview");
    await presenter.getByText(`${patterns.length} patterns in 30 findings`).waitFor();
    const mapWidth = await page.locator(".map").evaluate((e) => e.clientWidth);
    assert.ok(mapWidth >= 1400, `the map has the window's width: ${mapWidth}`);
    await settle(page);
    await page.screenshot({ path: join(shots, `present-overview-${theme}.png`) });

    // → : the biggest pattern, its sentence, the rule and count, why it matters.
    const message = presenter.locator(".presenter-message");
    await page.keyboard.press("ArrowRight");
    assert.equal(await step.textContent(), `1 of ${patterns.length}`);
    await presenter.getByText(patterns[0].message).waitFor();
    assert.equal(await presenter.locator(".presenter-kicker").textContent(), "Error · Conflicting goals · 3 findings · Sales");
    await presenter.getByText("People cannot be accountable for two numbers that pull against each other without anyone saying which wins.").waitFor();
    // Read across a room: the sentence at 28 px or more, the rest at 20 or more.
    assert.ok((await fontPx(message)) >= 28, `the caption is ${await fontPx(message)} px`);
    assert.ok((await fontPx(presenter.locator(".presenter-why"))) >= 20);
    assert.ok((await fontPx(step)) >= 20);
    // Its cards: the sales development reps' "Make 120 calls a week", opened, highlighted
    // and brought into view together.
    await page.waitForFunction(() =>
      ["ben-calls-120", "chloe-calls-120"].every((id) => document.querySelector(`.card[data-id="${id}"]`)?.classList.contains("is-highlighted")),
    );
    await settle(page);
    const shown = await page.evaluate(() => {
      const pane = document.querySelector(".react-flow").getBoundingClientRect();
      return [...document.querySelectorAll(".card.is-highlighted")]
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
        })
        .map((c) => c.dataset.id);
    });
    assert.ok(shown.includes("ben-calls-120") && shown.includes("chloe-calls-120"), `on screen: ${shown}`);
    await page.screenshot({ path: join(shots, `present-step-1-${theme}.png`) });

    // PageDown (a clicker's next): the second pattern.
    await page.keyboard.press("PageDown");
    assert.equal(await step.textContent(), `2 of ${patterns.length}`);
    await presenter.getByText(patterns[1].message).waitFor();
    assert.match(await presenter.locator(".presenter-kicker").textContent(), /^Error · Imposed goal · 3 findings/);
    // PageUp goes back.
    await page.keyboard.press("PageUp");
    await presenter.getByText(patterns[0].message).waitFor();

    // End: the last pattern, a value without behaviours: its card highlighted and named.
    await page.keyboard.press("End");
    assert.equal(await step.textContent(), `${patterns.length} of ${patterns.length}`);
    await presenter.getByText(patterns[patterns.length - 1].message).waitFor();
    assert.equal(await presenter.locator(".presenter-kicker").textContent(), "Info · Value without behaviours · Ownership");
    // The step before's highlights go first: wait for this step's card, not for any.
    await page.waitForFunction(() => document.querySelector('.card[data-id="ownership"]')?.classList.contains("is-highlighted"));
    assert.deepEqual(await highlighted(page), ["ownership"]);
    await settle(page);
    await page.screenshot({ path: join(shots, `present-step-last-${theme}.png`) });
    // Saved as a picture while presenting: a slide, the caption above the map, no buttons.
    const [slide] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+Alt+Shift+S")]);
    const slidePath = join(shots, `present-slide-${theme}.svg`);
    await slide.saveAs(slidePath);
    const slideText = await readFile(slidePath, "utf8");
    for (const words of [patterns[patterns.length - 1].message, "Value without behaviours", "Ownership", "Strategy goal"]) assert.ok(slideText.includes(words), `the slide shows ${words}`);
    for (const words of ["Panels", "Done", "Zoom In"]) assert.ok(!slideText.includes(`>${words}<`), `the slide leaves out ${words}`);
    assert.equal(await step.textContent(), `${patterns.length} of ${patterns.length}`, "saving does not step");
    // Esc in the picture menu closes the menu, not the presentation.
    await page.getByRole("button", { name: "Save the map as a picture" }).click();
    await page.getByRole("group", { name: "Save the map as" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("group", { name: "Save the map as" }).waitFor({ state: "detached" });
    assert.ok(await presenter.isVisible(), "still presenting");
    // ← : the one before, a strategy goal with no value: another card.
    await page.keyboard.press("ArrowLeft");
    assert.equal(await step.textContent(), `${patterns.length - 1} of ${patterns.length}`);
    await page.waitForFunction(() => document.querySelector('.card[data-id="s-margin"]')?.classList.contains("is-highlighted"));
    assert.deepEqual(await highlighted(page), ["s-margin"]);
    await axe(page, ".app", `${theme}, presenting a pattern`);

    // Home: the overview again, nothing highlighted.
    await page.keyboard.press("Home");
    assert.equal(await step.textContent(), "Overview");
    await page.waitForFunction(() => document.querySelectorAll(".card.is-highlighted").length === 0);
    await axe(page, ".app", `${theme}, presenting the overview`);

    // The header keeps what the room reads, the three views, and Present.
    const tools = page.getByRole("navigation", { name: "Tools" });
    assert.deepEqual(await tools.getByRole("button").allTextContents(), ["Map", "Measures", "Alignment", "Present"]);
    assert.equal(await page.getByPlaceholder(/Find a goal/).isVisible(), false);
    // The panels (and the header's tools) come back on request, with large text.
    await presenter.getByRole("button", { name: "Panels" }).click();
    await findings.waitFor({ state: "visible" });
    assert.ok((await fontPx(findings.locator(".pattern-message").first())) >= 17);
    assert.ok(await tools.getByRole("button", { name: "Undo", exact: true }).isVisible());
    // Keys typed in the search box are its own.
    await page.getByPlaceholder(/Find a goal/).focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await step.textContent(), "Overview");
    await page.locator(".presenter-message").click();
    await presenter.getByRole("button", { name: "Panels" }).click();
    await findings.waitFor({ state: "hidden" });

    // Esc stops presenting: the panels are back, the caption gone.
    await page.keyboard.press("Escape");
    await presenter.waitFor({ state: "detached" });
    assert.equal(await page.getByRole("button", { name: "Present", exact: true }).getAttribute("aria-pressed"), "false");
    await findings.waitFor({ state: "visible" });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`the map's ⤓ saves what it shows as PNG and SVG (${theme})`, async () => {
    const { page, errors } = await sample.open(theme);
    await page.getByRole("button", { name: "Open the sample organisation" }).click();
    await page.locator(".card").first().waitFor();
    await settle(page);
    const size = await page.locator(".map").evaluate((e) => ({ w: Math.round(e.getBoundingClientRect().width), h: Math.round(e.getBoundingClientRect().height) }));

    await page.getByRole("button", { name: "Save the map as a picture" }).click();
    const menu = page.getByRole("group", { name: "Save the map as" });
    await menu.waitFor();
    await page.screenshot({ path: join(shots, `map-picture-menu-${theme}.png`) });
    await axe(page, ".react-flow__controls", `${theme}, the picture menu`);
    const [png] = await Promise.all([page.waitForEvent("download"), menu.getByRole("button", { name: /^PNG/ }).click()]);
    assert.match(png.suggestedFilename(), /^Northwind Software – map – \d{4}-\d\d-\d\d\.png$/);
    const pngPath = join(shots, `map-picture-${theme}.png`);
    await png.saveAs(pngPath);
    const bytes = await readFile(pngPath);
    assert.equal(bytes.subarray(1, 4).toString(), "PNG");
    // Twice the map's size on screen (sharp on a projector), and not a blank picture.
    assert.equal(bytes.readUInt32BE(16), size.w * 2);
    assert.equal(bytes.readUInt32BE(20), size.h * 2);
    assert.ok(bytes.length > 50_000, `the PNG has ${bytes.length} bytes`);
    await page.getByRole("status").filter({ hasText: "Saved the map as" }).waitFor();

    // Ctrl+Alt+Shift+S: the SVG, with the cards' titles and the legend, without the controls.
    const [svg] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+Alt+Shift+S")]);
    assert.match(svg.suggestedFilename(), /\.svg$/);
    const svgPath = join(shots, `map-picture-${theme}.svg`);
    await svg.saveAs(svgPath);
    const text = await readFile(svgPath, "utf8");
    assert.match(text, new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${size.w}" height="${size.h}"`));
    assert.match(text, /<foreignObject/);
    for (const words of ["Customers first", "Northwind Software", "Strategy goal", "Imposed from outside the line"]) assert.ok(text.includes(words), `the SVG shows ${words}`);
    for (const words of ["Zoom In", "Save the map", "Showing 24 of"]) assert.ok(!text.includes(words), `the SVG leaves out ${words}`);
    // It stands alone: no reference to the page it came from.
    assert.ok(!text.includes("127.0.0.1"), "no address of the page");
    // It draws: Chromium renders it as an image of its size.
    const drawn = await page.evaluate(async (s) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}`;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, text);
    assert.deepEqual(drawn, [size.w, size.h]);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("dates read YYYY-MM-DD in the Inspector, and a date in another order says so", async () => {
  const { page, errors } = await app.open();
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await selectCard(page, "rep1-calls");
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  // The goal's own Due (the agreement form below it has one too).
  const due = inspector.locator(".inspector-form").getByLabel("Due");
  await due.waitFor();
  assert.equal(await due.getAttribute("type"), null, "a text field, not the locale's date field");
  assert.equal(await due.inputValue(), "2027-03-31");
  // What the locale would have shown: refused, with what to write instead; Save does nothing.
  await page.evaluate(() => {
    const t = window.__TAURI_INTERNALS__;
    const invoke = t.invoke;
    window.__edits = [];
    t.invoke = (cmd, args, options) => {
      if (cmd === "apply_edit") window.__edits.push(args.edit);
      return invoke(cmd, args, options);
    };
  });
  await due.fill("03/31/2027");
  await due.blur();
  const problem = inspector.getByRole("alert");
  await problem.waitFor();
  assert.equal(await problem.textContent(), "Write the year first: YYYY-MM-DD (for example 2027-03-31).");
  assert.equal(await due.getAttribute("aria-invalid"), "true");
  await inspector.getByRole("button", { name: "Save goal" }).click();
  await page.screenshot({ path: join(shots, "dates-invalid-light.png") });
  assert.deepEqual(await page.evaluate(() => window.__edits), [], "nothing sent");
  await due.fill("2027-02-30");
  assert.equal(await problem.textContent(), "February 2027 has 28 days, so there is no day 30.");
  // A short form is written out, and sent as the ISO date.
  await due.fill("2027-4-1");
  await due.blur();
  assert.equal(await due.inputValue(), "2027-04-01");
  assert.equal(await inspector.getByRole("alert").count(), 0);
  await inspector.getByRole("button", { name: "Save goal" }).click();
  await page.waitForFunction(() => window.__edits.length === 1);
  const [edit] = await page.evaluate(() => window.__edits);
  assert.equal(edit.type, "put_goal");
  assert.equal(edit.goal.due, "2027-04-01");
  // (The mock does not simulate put_goal: it says so.)
  await page.getByRole("alertdialog").getByRole("button", { name: "OK" }).click();

  // A person's check-in date: today, as YYYY-MM-DD.
  await selectCard(page, "rep1");
  const date = inspector.getByRole("group", { name: "Record a check-in" }).getByLabel("Date");
  await date.waitFor();
  assert.match(await date.inputValue(), /^\d{4}-\d\d-\d\d$/);
  await date.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "dates-checkin-light.png") });
  await axe(page, ".inspector", "the inspector's date fields");
  assert.deepEqual(errors.filter((e) => !/does not simulate/.test(e)), []);
  await page.close();
});
