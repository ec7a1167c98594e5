// The alignment views (issue #13 item 5) against the mocked build, whose views and cells
// the real session computed (ui/tests/fixtures/alignment.json): the header's imposed count
// opens who sets targets on whom — a flow diagram whose bands open their goals and filter
// the findings panel, and a matrix; coverage of the strategy as a heat map whose cells
// open their goals; a scorecard per function whose counts filter the panel. Each view in
// light and dark with axe-core, and keyboard: the tabs with the arrow keys, a band with
// Enter. Screenshots in test-results/alignment-*.png; the sample's views too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe } from "./harness.mjs";

const acme = mockSuite();
const sample = mockSuite("?org=sample");

async function openApp(suite, theme) {
  const { page, errors } = await suite.open(theme);
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.locator(".imposed .imposed-count").waitFor();
  return { page, errors };
}

/** The findings panel's filter menus, as chosen. */
async function panelFilter(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".findings select")).map((s) => s.value),
  );
}

for (const theme of ["light", "dark"]) {
  test(`who sets targets on whom: the flows from the header's count, bands and cells opening their goals (${theme})`, async () => {
    const { page, errors } = await openApp(acme, theme);
    // "2 goals imposed on Sales by other functions": the count opens the flows.
    assert.equal((await page.locator(".imposed .imposed-count").textContent()).trim(), "2");
    await page.locator(".imposed .imposed-count").click();
    const view = page.getByRole("region", { name: "Alignment", exact: true });
    await view.getByRole("tab", { name: "Who sets targets on whom", selected: true }).waitFor();
    assert.match(await view.locator(".alignment-lead").textContent(), /3 goals are set by one function on another: 3 from outside the owner's line, 2 of them not agreed\./);
    for (const k of ["In line (set through the owner's manager line)", "Imposed from outside, agreed", "Imposed, not agreed (proposed or disputed)"]) {
      await view.getByRole("list", { name: "Legend" }).getByText(k).waitFor();
    }
    // Sales, under review, stands out.
    assert.equal(await view.locator(".flow-focus").count(), 1);
    assert.match(await view.locator(".flow-focus text").textContent(), /Sales/);
    // Three bands: the executive team on Sales and Marketing, Finance on Sales.
    const bands = view.locator(".flow-band");
    assert.equal(await bands.count(), 3);
    const label = await view.locator('.flow-band[data-flow="board>sales"]').getAttribute("aria-label");
    assert.equal(label, "Executive team sets on Sales: 1 goal: 0 in line, 0 imposed and agreed, 1 imposed and not agreed");
    const font = await view.locator(".flow-node text").first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(font >= 16, `function names are read across a room (${font} px)`);
    await page.screenshot({ path: join(shots, `alignment-flows-${theme}.png`) });
    await axe(page, ".alignment", `${theme}, the flow diagram`);

    // A band opens its goals and the findings panel shows its owners' imposed goals.
    await view.locator('.flow-band[data-flow="finance>sales"]').click();
    const list = page.getByRole("complementary", { name: "Goals of the cell" });
    await list.getByRole("heading", { name: "Set by Finance on Sales: 1 goal" }).waitFor();
    await list.getByText("Forecast accuracy 95%").waitFor();
    assert.match(await list.textContent(), /Sales · set by Finance · imposed · proposed/);
    assert.match(await list.textContent(), /2 findings: Imposed goal, Orphaned goal/);
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".findings select")).some((s) => s.value === "imposed-goal"));
    assert.ok((await panelFilter(page)).includes("sales"), "the panel narrowed to the owner function");
    await axe(page, ".cell-goals", `${theme}, a band's goals`);

    // Keyboard: Tab to a band, Enter opens it.
    await view.locator('.flow-band[data-flow="board>marketing"]').focus();
    await page.keyboard.press("Enter");
    await list.getByRole("heading", { name: "Set by Executive team on Marketing: 1 goal" }).waitFor();

    // The matrix: each cell a button that opens the same goals.
    await view.getByRole("button", { name: "Matrix" }).click();
    const matrix = view.locator("table.flow-matrix");
    await matrix.waitFor();
    await matrix.getByRole("columnheader", { name: "Marketing" }).waitFor();
    await matrix.locator('button[data-flow="board>sales"]').click();
    await list.getByRole("heading", { name: "Set by Executive team on Sales: 1 goal" }).waitFor();
    await page.screenshot({ path: join(shots, `alignment-matrix-${theme}.png`) });
    await axe(page, ".alignment", `${theme}, the matrix`);

    // A goal of the list opens on the map.
    await list.getByRole("button", { name: /100 calls a week/ }).click();
    await page.locator('.react-flow__node[data-id="rep1-calls"]').waitFor();
    assert.equal(await page.getByRole("region", { name: "Alignment", exact: true }).count(), 0, "the map is shown");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`coverage and scorecards: cells open their goals, counts filter the findings (${theme})`, async () => {
    const { page, errors } = await openApp(acme, theme);
    // Ctrl+3 (View ▸ Alignment Views) opens the views; Ctrl+1 the map again.
    await page.keyboard.press("Control+3");
    const view = page.getByRole("region", { name: "Alignment", exact: true });
    await view.waitFor();
    await page.keyboard.press("Control+1");
    await page.locator(".react-flow").waitFor();
    await page.getByRole("button", { name: "Alignment", exact: true }).click();
    // The tabs by keyboard.
    await view.getByRole("tab", { name: "Who sets targets on whom" }).focus();
    await page.keyboard.press("ArrowRight");
    await view.getByRole("tab", { name: "Coverage of the strategy", selected: true }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Coverage of the strategy");
    const table = view.locator("table.coverage-matrix");
    await table.getByRole("columnheader", { name: "Grow revenue 25%" }).waitFor();
    const row = (name) => table.locator("tbody tr", { has: page.getByRole("rowheader", { name }) });
    assert.deepEqual(
      (await row("Sales").locator("td").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim()),
      ["6", "3 goals of Sales trace to no strategy goal ( 33% )", "9"],
    );
    assert.equal(await row("Sales").locator("td.untraced .cell-sub").textContent(), "33%");
    await page.screenshot({ path: join(shots, `alignment-coverage-${theme}.png`) });
    await axe(page, ".alignment", `${theme}, coverage`);
    // Sales' untraced goals: listed, and the panel shows Sales' orphaned goals.
    await row("Sales").locator('button[data-coverage="sales>"]').click();
    const list = page.getByRole("complementary", { name: "Goals of the cell" });
    await list.getByRole("heading", { name: "Goals of Sales that trace to no strategy goal: 3 goals" }).waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".findings select")).some((s) => s.value === "orphaned-goal"));
    await row("Sales").locator('button[data-coverage="sales>grow"]').click();
    await list.getByRole("heading", { name: "Goals of Sales that trace to “Grow revenue 25%”: 6 goals" }).waitFor();
    assert.equal(await list.locator("li").count(), 6);

    // Scorecards: Sales (under review) first.
    await view.getByRole("tab", { name: "Scorecards" }).click();
    const cards = view.locator("article.scorecard");
    await cards.first().waitFor();
    assert.equal(await cards.first().getAttribute("data-function"), "sales");
    const sales = view.getByRole("article", { name: "Scorecard: Sales" });
    assert.match(await sales.textContent(), /80\.0%/);
    assert.match(await sales.textContent(), /3 errors · 4 warnings · 3 info/);
    assert.match(await sales.textContent(), /1 of 3 people with goals had no recent check-in/);
    assert.match(await sales.textContent(), /Chloe Martin \(last 2026-10-01\)/);
    assert.match(await sales.textContent(), /3 leading · 6 lagging/);
    assert.match(await sales.textContent(), /2 goals set on it \(2 imposed and not agreed\) · 0 goals it sets on others/);
    const big = await sales.locator(".score-big").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(big >= 32, `the index is read across a room (${big} px)`);
    await page.screenshot({ path: join(shots, `alignment-scorecards-${theme}.png`) });
    await axe(page, ".alignment", `${theme}, scorecards`);
    // A rule's count filters the findings panel to that rule in the function.
    await sales.getByRole("button", { name: "2 Orphaned goal" }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".findings select")).some((s) => s.value === "orphaned-goal"));
    assert.ok((await panelFilter(page)).includes("sales"));
    const finance = view.getByRole("article", { name: "Scorecard: Finance" });
    assert.match(await finance.textContent(), /James Wright \(never\)/);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("the sample's alignment views", async () => {
  const { page, errors } = await openApp(sample, "light");
  await page.locator(".imposed .imposed-count").click();
  const view = page.getByRole("region", { name: "Alignment", exact: true });
  await view.locator(".flow-band").first().waitFor();
  await page.screenshot({ path: join(shots, "alignment-sample-flows.png") });
  await view.getByRole("tab", { name: "Coverage of the strategy" }).click();
  await view.locator("table.coverage-matrix").waitFor();
  await page.screenshot({ path: join(shots, "alignment-sample-coverage.png") });
  await axe(page, ".alignment", "sample, coverage");
  await view.getByRole("tab", { name: "Scorecards" }).click();
  await view.locator("article.scorecard").first().waitFor();
  await page.screenshot({ path: join(shots, "alignment-sample-scorecards.png") });
  await axe(page, ".alignment", "sample, scorecards");
  assert.deepEqual(errors, []);
  await page.close();
});
