// The Export report dialog's workshop report (issue #14 item 7), against the mocked build:
// without a snapshot the option is disabled and says why; after "Before the workshop" is
// saved it compares with it (the newest snapshot the user saved), offers PDF, HTML and
// Markdown only and writes through the same export command with the snapshot's id; the
// dialog is a Modal (Tab stays inside, Escape closes); axe-core in light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe } from "./harness.mjs";

const app = mockSuite();

const openApp = (theme) => app.openSample(theme);

async function openReport(page) {
  await page.getByRole("button", { name: "Report…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export report" });
  await dialog.waitFor();
  return dialog;
}

for (const theme of ["light", "dark"]) {
  test(`workshop report: disabled without a snapshot, then compared with "Before the workshop" (${theme})`, async () => {
    const { page, errors } = await openApp(theme);
    let dialog = await openReport(page);
    // The first choice has the focus; Tab stays inside the dialog.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("value")), "alignment");
    for (let i = 0; i < 30; i++) await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), true, "focus stays in the dialog");
    const workshop = dialog.getByRole("radio", { name: /Workshop report/ });
    await page.waitForFunction(() => document.querySelector('input[value="workshop"]')?.disabled === true);
    assert.match(await dialog.locator("#workshop-why").textContent(), /has none yet: save one with Snapshots…/);
    assert.equal(await workshop.getAttribute("aria-describedby"), "workshop-why");
    await axe(page, ".report-dialog", `report dialog without snapshots, ${theme}`);
    await page.screenshot({ path: join(shots, `workshop-report-none-${theme}.png`) });
    await page.keyboard.press("Escape");
    assert.equal(await page.getByRole("dialog", { name: "Export report" }).count(), 0, "Escape closes it");

    // Save "Before the workshop", then ask for the workshop report.
    await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
    const snaps = page.getByRole("dialog", { name: "Snapshots" });
    await snaps.getByRole("button", { name: "Save snapshot" }).click();
    await snaps.locator(".snapshot-list tbody tr", { hasText: "Before the workshop" }).waitFor();
    await snaps.getByRole("button", { name: "Close snapshots" }).click();

    dialog = await openReport(page);
    await page.waitForFunction(() => document.querySelector('input[value="workshop"]')?.disabled === false);
    assert.equal(await dialog.locator("#workshop-why").count(), 0);
    await dialog.getByLabel(/^Excel/).check();
    await dialog.getByRole("radio", { name: /Workshop report/ }).check();
    // A format the workshop report has not is left for PDF; the others are disabled.
    assert.equal(await dialog.getByLabel(/^PDF/).isChecked(), true);
    for (const f of [/^Excel/, /^CSV/, /^JSON/]) assert.equal(await dialog.getByLabel(f).isDisabled(), true);
    assert.match(await dialog.locator(".format-choice", { hasText: "Excel" }).textContent(), /not for a workshop report/);
    // The whole organisation: no scope; the title says what it is.
    assert.equal(await dialog.getByLabel("Scope").count(), 0);
    assert.equal(await dialog.getByLabel("Title").getAttribute("placeholder"), "Workshop report");
    const compareWith = dialog.getByLabel("Compare with snapshot");
    assert.match(await compareWith.locator("option:checked").textContent(), /^Before the workshop · .* · index 71\.4%$/);
    await axe(page, ".report-dialog", `workshop report chosen, ${theme}`);
    await page.screenshot({ path: join(shots, `workshop-report-dialog-${theme}.png`) });

    await dialog.getByLabel(/^HTML/).check();
    await dialog.getByRole("button", { name: "Choose where to save…" }).click();
    await dialog.getByText(/Saved Acme Analytics workshop report\.html/).waitFor();
    const got = await page.evaluate(() => window.__reports);
    const id = got.reports[0].compare;
    assert.equal(typeof id, "number");
    assert.deepEqual(got.reports, [{ format: "html", function: null, title: null, paper: "a4", compare: id }]);
    await dialog.getByRole("button", { name: "Close" }).click();
    assert.deepEqual(errors, []);
    await page.close();
  });
}
