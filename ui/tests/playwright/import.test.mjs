// The import wizard against the mocked backend (dist-mock), whose previews the real session
// computed (ui/tests/fixtures/import-preview.json): pick files, see the tables, fix a
// duplicate manager column and map an ignored one from the selects, see the rows and the
// problem go, read the change set, import as one undo step, undo; an axe-core check of
// every step in light and dark. Run: `npm run e2e:mock`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe } from "./harness.mjs";

const app = mockSuite();

async function openApp(theme) {
  const { page, errors } = await app.open(theme);
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.getByText("Acme Analytics", { exact: true }).first().waitFor();
  return { page, errors };
}


for (const theme of ["light", "dark"]) {
  test(`the import wizard end to end against the mock (${theme})`, async () => {
    const { page, errors } = await openApp(theme);
    // File ▸ Import from Spreadsheet… (its key where there is no native menu).
    await page.locator("body").click({ position: { x: 5, y: 880 } });
    await page.keyboard.press("Control+Shift+I");
    const wizard = page.getByRole("dialog", { name: /Import from spreadsheets into Acme Analytics/ });
    await wizard.waitFor();
    // Step 1: the files and each table with its detected kind; the step title has the focus.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Step 1 of 4: Files and tables");
    const tables = wizard.getByRole("table", { name: "The tables found" });
    assert.match(await tables.getByRole("row", { name: /people\.csv/ }).textContent(), /People.*CSV.*1.*6/);
    assert.match(await tables.getByRole("row", { name: /goals\.csv/ }).textContent(), /Goals/);
    await wizard.getByRole("button", { name: "1 problem to fix" }).waitFor();
    await page.screenshot({ path: join(shots, `import-1-files-${theme}.png`) });
    await axe(page, ".wizard", `files ${theme}`);

    // Step 2: every field with its column; the duplicate manager columns and the ignored Mail.
    await wizard.getByRole("button", { name: "Next: Columns" }).click();
    const manager = wizard.getByLabel("Manager", { exact: true });
    assert.equal(await manager.inputValue(), "Manager");
    const email = wizard.getByLabel("Email", { exact: true });
    assert.equal(await email.inputValue(), "");
    assert.match(await wizard.locator(".ignored").first().textContent(), /“Mail”/);
    // The units come from the Org Path column (its parts), said beside the columns.
    assert.match(await wizard.getByRole("region", { name: "Units of people.csv" }).textContent(), /Units come from the path in “Org Path”/);
    await page.screenshot({ path: join(shots, `import-2-columns-${theme}.png`) });
    await axe(page, ".wizard", `columns ${theme}`);
    // Step 4 before the fix: no change set, and the problem itself, not only its count.
    await wizard.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: /Changes and import/ }).click();
    await wizard.getByRole("heading", { name: /^1 problem: nothing is imported/ }).waitFor();
    assert.match(await wizard.locator(".problem-list li").first().textContent(), /people\.csv row 1.*Manager.*Supervisor Name/);
    await page.screenshot({ path: join(shots, `import-4-blocked-${theme}.png`) });
    await axe(page, ".wizard", `changes blocked ${theme}`);
    await wizard.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: /Columns/ }).click();
    await manager.selectOption("Supervisor Name");
    await email.selectOption("Mail");
    await wizard.getByText(/^Ready: 1 person added, 5 updated/).waitFor();
    assert.equal(await email.inputValue(), "Mail");

    // Step 3: the first rows as people and goals; no problem left.
    await wizard.getByRole("button", { name: "Next: Preview rows" }).click();
    const people = wizard.getByRole("region", { name: "Rows of people.csv" });
    const nora = people.getByRole("row", { name: /^7/ });
    assert.match(await nora.textContent(), /New.*Sales > Sales South.*Nora Berg/);
    assert.equal(await wizard.getByRole("heading", { name: "No problems" }).count(), 1);
    await page.screenshot({ path: join(shots, `import-3-rows-${theme}.png`) });
    await axe(page, ".wizard", `rows ${theme}`);

    // Step 4: the change set; Remove missing is off by default; Import.
    await wizard.getByRole("button", { name: "Next: Changes and import" }).click();
    const peopleGroup = wizard.getByRole("region", { name: "People" });
    assert.match(await peopleGroup.textContent(), /role: CFO → Chief Financial Officer/);
    assert.match(await peopleGroup.textContent(), /Missing: kept \(Remove missing is off\) \(1\)/);
    assert.match(await wizard.getByRole("region", { name: "Measures" }).textContent(), /from the measure library/);
    assert.equal(await wizard.getByLabel(/^Remove missing/).isChecked(), false);
    await page.screenshot({ path: join(shots, `import-4-changes-${theme}.png`) });
    await axe(page, ".wizard", `changes ${theme}`);
    await wizard.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.locator(".status").getByText(/^Import of people\.csv: 1 person added/).waitFor();
    assert.match(await page.locator(".status").textContent(), /7 people/);
    // Undo: one step.
    await page.getByRole("button", { name: "Undo" }).click();
    await page.locator(".status").getByText("Undid: Import of people.csv").waitFor();
    assert.match(await page.locator(".status").textContent(), /6 people/);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("problems are shown in place with their row, Import says why it is disabled, Escape cancels", async () => {
  const { page, errors } = await openApp("light");
  await page.locator("body").click({ position: { x: 5, y: 880 } });
  await page.keyboard.press("Control+Shift+I");
  const wizard = page.getByRole("dialog");
  await wizard.waitFor();
  await wizard.getByRole("button", { name: "1 problem to fix" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Step 3 of 4: Preview rows");
  assert.match(
    await wizard.locator(".problem-list li").first().textContent(),
    /^people\.csv row 1, column "Supervisor Name": columns "Manager" and "Supervisor Name" both give the manager field; choose its columns in step 2, Columns$/,
  );
  await wizard.getByRole("button", { name: /^4 Changes and import/ }).click();
  const importButton = wizard.getByRole("button", { name: "Import", exact: true });
  assert.equal(await importButton.isDisabled(), true);
  assert.match(await page.locator("#import-blocked").textContent(), /1 problem to fix first/);
  await page.keyboard.press("Escape");
  await wizard.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("Start from a spreadsheet on the welcome screen; File ▸ Export to Spreadsheet", async () => {
  const { page } = await app.open();
  await page.getByRole("button", { name: "Start from a spreadsheet…" }).click();
  const wizard = page.getByRole("dialog", { name: "Start from a spreadsheet" });
  await wizard.waitFor();
  assert.equal(await wizard.getByLabel("Organisation name").getAttribute("placeholder"), "people");
  await wizard.getByRole("button", { name: "Cancel" }).click();
  await wizard.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.getByText("Acme Analytics", { exact: true }).first().waitFor();
  await page.evaluate(() => window.__menu("export-spreadsheet"));
  await page.locator(".status").getByText("Exported People and Goals sheets to /tmp/Acme Analytics.xlsx").waitFor();
  assert.deepEqual((await page.evaluate(() => window.__reports)).opened, ["export_spreadsheet"]);
  await page.close();
});
