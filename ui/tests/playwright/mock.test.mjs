// Drives the built UI (dist-mock: the app with Tauri's IPC mocked) in Debian's Chromium
// through playwright-core. Run: `npm run e2e:mock` (after `vite build --mode mock`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, selectCard } from "./harness.mjs";

const app = mockSuite();

async function openApp(theme = "light") {
  const { page, errors } = await app.open(theme);
  return { page, errors };
}

test("welcome, open the sample, header counts and the map", async () => {
  const { page, errors } = await openApp();
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.getByText("Acme Analytics", { exact: true }).first().waitFor();
  assert.equal(await page.locator(".index-value").textContent(), "71.4%");
  assert.equal(await page.locator(".count.sev-error").textContent(), "3 errors");
  assert.equal(await page.locator(".count.sev-warning").textContent(), "10 warnings");
  // The function under review is chosen in the header; its imposed count beside it.
  assert.equal(await page.locator(".imposed strong").textContent(), "2");
  const focus = page.getByLabel("Function under review");
  assert.equal(await focus.evaluate((s) => s.options[s.selectedIndex].text), "Sales");
  assert.match(await focus.evaluate((s) => [...s.options].map((o) => o.text).join("|")), /Marketing/);
  await page.locator('.card[data-id="rep1-calls"]').waitFor();
  assert.match(await page.locator('.card[data-id="rep1-calls"]').textContent(), /Imposed by Executive team/);
  await page.screenshot({ path: join(shots, "mock-light.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a finding selects its subject and explains itself; fixing it updates the findings; undo brings it back", async () => {
  const { page, errors } = await openApp();
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  const orphanGroup = page.locator(".rule-group", { has: page.locator(".rule-id", { hasText: "orphaned-goal" }) });
  await orphanGroup.waitFor();
  assert.match(await orphanGroup.locator(".rule-head .count").textContent(), /^2$/);
  await orphanGroup.getByRole("button", { name: /Forecast accuracy 95%/ }).click();
  // The inspector shows the goal; the finding shows its message and explanation.
  const title = page.getByLabel("Title");
  await title.waitFor();
  assert.equal(await title.inputValue(), "Forecast accuracy 95%");
  await page.getByRole("button", { name: "Why it matters and how to fix" }).click();
  // The rule's own documentation (the mock reads it from the rule's source).
  await page.locator(".explain-body").getByText("Link the goal to the goal it serves").waitFor();
  assert.match(await page.locator('.card[data-id="forecast-95"]').getAttribute("class"), /is-selected/);
  // Fix it: link the goal to the goal it serves, from the keyboard-usable picker.
  await page.getByLabel("Link to a goal it supports", { exact: true }).fill("Sales delivers");
  const callsBefore = await page.evaluate(() => ({ ...window.__calls }));
  await page.getByRole("option", { name: /Sales delivers EUR 8M/ }).click();
  await page.getByText(/Link “Forecast accuracy 95%”/).first().waitFor();
  await page.waitForFunction(() => document.querySelector(".index-value")?.textContent === "71.4%");
  const count = await page.locator(".rule-group", { has: page.locator(".rule-id", { hasText: "orphaned-goal" }) }).locator(".rule-head .count").textContent();
  assert.equal(count, "1");
  // The notice says what the fix did: the findings it resolved, by rule, and the index.
  const notice = page.getByRole("status", { name: "Effect of the last change" });
  await notice.waitFor();
  assert.match(await notice.textContent(), /Resolved 2/);
  assert.match(await notice.textContent(), /Alignment 71\.4%, unchanged/);
  assert.match(await notice.getByRole("list", { name: "By rule" }).textContent(), /Imposed goal −1.*Orphaned goal −1/);
  await page.screenshot({ path: join(shots, "mock-effect-resolved.png") });
  // One new revision: the reply and the doc-changed event both name it, and each panel
  // fetched it once.
  await page.waitForTimeout(300);
  const callsAfter = await page.evaluate(() => ({ ...window.__calls }));
  for (const cmd of ["get_view", "get_findings", "get_choices", "get_entity"]) {
    assert.equal((callsAfter[cmd] ?? 0) - (callsBefore[cmd] ?? 0), 1, `${cmd} once per revision`);
  }
  assert.equal(callsAfter.app_status ?? 0, callsBefore.app_status ?? 0, "no status round trip after an edit");
  // Undo from the notice, redo from the keyboard.
  await notice.getByRole("button", { name: "Undo" }).click();
  await page.getByText(/^Undid:/).first().waitFor();
  assert.equal(await orphanGroup.locator(".rule-head .count").textContent(), "2");
  // Undoing the fix makes the finding again: the notice lists it, and it opens its subject.
  assert.match(await notice.textContent(), /New 2/);
  const made = notice.getByRole("list", { name: "New findings" }).getByRole("button", { name: /Orphaned goal/ });
  await page.screenshot({ path: join(shots, "mock-effect-new.png") });
  await made.click();
  assert.equal(await page.getByLabel("Title").inputValue(), "Forecast accuracy 95%");
  await page.locator("body").click({ position: { x: 5, y: 880 } });
  await page.keyboard.press("Control+Shift+Z");
  await page.getByText(/^Redid:/).first().waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("search focuses a node from the keyboard, dark theme and presentation mode", async () => {
  const { page, errors } = await openApp("dark");
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.locator('.card[data-id="rep1"]').waitFor();
  await page.keyboard.press("Control+f");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Find");
  await page.keyboard.type("Chloe");
  await page.locator("#search-results").getByRole("option", { name: /Chloe Martin/ }).waitFor();
  await page.keyboard.press("Enter");
  await page.getByLabel("Name").waitFor();
  assert.equal(await page.getByLabel("Name").inputValue(), "Chloe Martin");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.screenshot({ path: join(shots, "mock-dark.png") });
  await page.getByRole("button", { name: "Present" }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.presentation), "on");
  await page.getByRole("button", { name: "Measures", exact: true }).click();
  await page.getByRole("heading", { name: "Measures of Sales" }).waitFor();
  await page.getByRole("button", { name: "All trade-offs (matrix)" }).click();
  await page.getByRole("table").waitFor();
  assert.equal(await page.getByLabel("Pushing Outbound calls per week: effect on Win rate").inputValue(), "undermines");
  await page.screenshot({ path: join(shots, "mock-measures-dark-present.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a refused edit explains why", async () => {
  const { page } = await openApp();
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await selectCard(page, "grow");
  await page.getByLabel("Title").waitFor();
  await page.getByRole("button", { name: "Delete goal" }).click();
  await page.getByRole("alertdialog").waitFor();
  assert.match(await page.getByRole("alertdialog").textContent(), /does not simulate/);
  await page.getByRole("button", { name: "OK" }).click();
  await page.close();
});

test("Export report: choose format, scope and title, see it saved, open it", async () => {
  const { page, errors } = await openApp();
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.getByText("Acme Analytics", { exact: true }).first().waitFor();
  await page.getByRole("button", { name: "Report…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export report" });
  await dialog.waitFor();
  // The first format has the focus, so the dialog works from the keyboard.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("value")), "alignment");
  await dialog.getByLabel(/^HTML/).check();
  await dialog.getByLabel("Scope").selectOption("sales");
  assert.equal(await dialog.getByLabel("Title").getAttribute("placeholder"), "Alignment report: Sales");
  await dialog.getByLabel("Title").fill("Board pack");
  // Paper only matters for the PDF.
  assert.equal(await dialog.getByLabel("Paper").count(), 0);
  await page.screenshot({ path: join(shots, "mock-report-dialog.png") });
  await dialog.getByRole("button", { name: "Choose where to save…" }).click();
  await dialog.getByText(/Saved Acme Analytics alignment report\.html/).waitFor();
  await dialog.getByRole("button", { name: "Open" }).click();
  await dialog.getByRole("button", { name: "Show in folder" }).click();
  const got = await page.evaluate(() => window.__reports);
  assert.deepEqual(got.reports, [{ format: "html", function: "sales", title: "Board pack", paper: "a4" }]);
  assert.deepEqual(got.opened, ["open_report:0", "reveal_report:0"]);
  await dialog.getByRole("button", { name: "Close" }).click();
  assert.equal(await page.getByRole("dialog", { name: "Export report" }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the findings panel leads with patterns; one lists its findings and the panel goes back", async () => {
  const { page, errors } = await openApp();
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  const patterns = page.getByRole("region", { name: "Patterns" });
  const pattern = patterns.getByRole("button", { name: /No development goal/ });
  await pattern.waitFor();
  assert.match(await pattern.textContent(), /^2No development goal2 people in Sales have no goal/);
  await pattern.click();
  await page.locator(".pattern-chosen").getByText("2 × No development goal").waitFor();
  await page.waitForFunction(() => document.querySelector(".findings .panel-head .muted")?.textContent === "2 of 17");
  await page.getByRole("button", { name: "Show all findings" }).click();
  await page.waitForFunction(() => document.querySelector(".findings .panel-head .muted")?.textContent === "17 of 17");
  await patterns.waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
