// Decisions (issue #14 item 5) against the mocked build: record one from a finding's detail
// (the finding filled in, people and a goal picked by search, the date today), see it
// listed with who and what it concerns, open its goal on the map, undo and redo it, edit
// and delete it; axe-core on the dialog in light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe } from "./harness.mjs";

const app = mockSuite();

const openApp = (theme) => app.openSample(theme);


/** Today as the page writes a date (local time). */
const todayIso = () => {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

for (const theme of ["light", "dark"]) {
  test(`record a decision about a finding, see it listed, undo, edit and delete it (${theme})`, async () => {
    const { page, errors } = await openApp(theme);
    // A finding's detail: "Record a decision about this…".
    const findings = page.getByRole("complementary", { name: "Findings" });
    await findings.getByRole("button", { name: /100 calls a week/ }).first().click();
    await findings.getByRole("button", { name: "Record a decision about this…" }).click();
    const dialog = page.getByRole("dialog", { name: "Decisions" });
    await dialog.waitFor();
    // A dialog keeps Tab inside it (Modal).
    for (let i = 0; i < 25; i++) await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), true, "focus stays in the dialog");
    const form = dialog.getByRole("form", { name: "Record a decision" });
    assert.equal(await form.getByLabel("Date").inputValue(), todayIso(), "the date defaults to today");
    assert.match(await form.getByRole("list", { name: "Findings it concerns" }).textContent(), /100 calls a week/);
    await dialog.getByText("No decisions yet.", { exact: false }).waitFor();
    // The statement is required.
    assert.equal(await form.getByRole("button", { name: "Record the decision" }).isDisabled(), true);
    await form.getByLabel("What was decided").fill("The call target goes from 100 to 80 a week");
    await form.getByLabel("Why").fill("Above 80 calls the win rate drops");
    await form.getByLabel("Add a person").fill("Hannah");
    await form.getByRole("option", { name: /Hannah Cole/ }).click();
    await form.getByLabel("Add a person").fill("Ali");
    await form.getByRole("option", { name: /Ali Hassan/ }).click();
    await form.getByLabel("Add a goal").fill("100 calls");
    await form.getByRole("option", { name: /100 calls a week/ }).click();
    assert.match(await form.getByRole("list", { name: "Decided by" }).textContent(), /Hannah Cole.*Ali Hassan/);
    await page.screenshot({ path: join(shots, `decisions-form-${theme}.png`) });
    await axe(page, ".modal.decisions", `${theme}, the form`);
    await form.getByRole("button", { name: "Record the decision" }).click();

    // Listed: date, statement, why, who, the goal and the finding.
    const item = dialog.getByRole("article", { name: "The call target goes from 100 to 80 a week" });
    await item.waitFor();
    const text = await item.textContent();
    assert.match(text, /Above 80 calls the win rate drops/);
    assert.match(text, /Decided byHannah Cole, Ali Hassan/);
    assert.match(text, /Goals100 calls a week/);
    assert.match(text, /Conflicting goals/);
    // One date format: YYYY-MM-DD, as everywhere in the app.
    assert.equal(await item.locator("time").textContent(), todayIso());
    await page.getByText("Recorded decision “The call target goes from 100 to 80 a week”").first().waitFor();
    await page.screenshot({ path: join(shots, `decisions-list-${theme}.png`) });
    await axe(page, ".modal.decisions", `${theme}, the list`);

    // Undo takes it back, redo brings it again.
    await dialog.getByRole("button", { name: "Close decisions" }).click();
    await page.getByRole("button", { name: "Undo", exact: true }).first().click();
    await page.getByText(/^Undid: Record decision/).first().waitFor();
    await page.getByRole("button", { name: "Decisions…", exact: true }).click();
    await dialog.getByText("No decisions yet.", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Close decisions" }).click();
    await page.getByRole("button", { name: "Redo", exact: true }).first().click();
    await page.getByText(/^Redid: Record decision/).first().waitFor();
    await page.getByRole("button", { name: "Decisions…", exact: true }).click();
    await item.waitFor();

    // Edit it: the new statement replaces the old one.
    await item.getByRole("button", { name: /^Edit/ }).click();
    const edit = dialog.getByRole("form", { name: "Edit the decision" });
    await edit.getByLabel("What was decided").fill("The call target goes to 90 a week");
    await edit.getByRole("button", { name: "Save the decision" }).click();
    const edited = dialog.getByRole("article", { name: "The call target goes to 90 a week" });
    await edited.waitFor();
    assert.equal(await dialog.getByRole("article").count(), 1);

    // Its goal opens on the map (the dialog closes).
    await edited.getByRole("button", { name: "100 calls a week", exact: true }).first().click();
    await page.locator('.card[data-id="rep1-calls"].is-selected').waitFor();
    assert.equal(await dialog.count(), 0);

    // Delete it (asked once more).
    await page.keyboard.press("Control+Shift+D");
    await edited.getByRole("button", { name: /^Delete/ }).click();
    await edited.getByRole("button", { name: /^Really delete/ }).click();
    await dialog.getByText("No decisions yet.", { exact: false }).waitFor();
    assert.deepEqual(errors, []);
  });
}
