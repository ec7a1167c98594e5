// Snapshots and the before / after view (issue #14 items 2 and 3), against the mocked
// build: save "Before the workshop", make a fix, compare with now (the finding resolved,
// the index moved), follow the workshop live, restore and undo, delete the snapshot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, selectCard } from "./harness.mjs";

const app = mockSuite();

async function openApp(theme = "light") {
  const { page, errors } = await app.open(theme);
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.locator('.card[data-id="rep1-calls"]').waitFor();
  return { page, errors };
}

test("save a snapshot, fix, compare with now, follow the fixes live, restore and undo, delete it", async () => {
  const { page, errors } = await openApp();
  // Save "Before the workshop" (the suggested name).
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Snapshots" });
  await dialog.waitFor();
  // A dialog keeps Tab inside it (Modal).
  for (let i = 0; i < 25; i++) await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), true, "focus stays in the dialog");
  assert.equal(await dialog.getByLabel("Snapshot name").inputValue(), "Before the workshop");
  await dialog.getByRole("button", { name: "Save snapshot" }).click();
  const row = dialog.locator(".snapshot-list tbody tr", { hasText: "Before the workshop" });
  await row.waitFor();
  assert.match(await row.textContent(), /71\.4%/);
  assert.match(await row.textContent(), /17/);
  await page.screenshot({ path: join(shots, "snapshots-dialog-light.png") });
  await dialog.getByRole("button", { name: "Close snapshots" }).click();

  // A fix: delete the imposed "100 calls a week".
  await selectCard(page, "rep1-calls");
  await page.getByRole("button", { name: "Delete goal" }).click();
  await page.getByRole("status", { name: "Effect of the last change" }).waitFor();
  await page.waitForFunction(() => document.querySelector(".index-value")?.textContent === "83.3%");

  // Compare with now: the findings resolved, the index moved, the change in words.
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  await dialog.getByRole("button", { name: "Compare “Before the workshop” with now" }).click();
  const view = page.getByRole("complementary", { name: "Before and after" });
  await view.getByText("Before the workshop", { exact: true }).waitFor();
  const index = view.getByLabel("Alignment index before and after");
  assert.match(await index.textContent(), /71\.4% → 83\.3%/);
  assert.match(await index.textContent(), /\+11\.9/);
  const resolved = view.getByRole("region", { name: "Resolved" });
  assert.match(await resolved.textContent(), /^Resolved 4/);
  assert.match(await resolved.textContent(), /Conflicting goals · 100 calls a week/);
  // Its subject is gone, so it is not a link; the new finding's subject opens.
  assert.equal(await resolved.getByRole("button").count(), 0);
  assert.match(await view.getByRole("region", { name: "What changed" }).textContent(), /Removed goal 100 calls a week/);
  await page.screenshot({ path: join(shots, "before-after-light.png") });
  await view.getByRole("region", { name: "New" }).getByRole("button", { name: /Lagging only · Ali Hassan/ }).click();
  await page.locator('.card[data-id="rep1"].is-selected').waitFor();

  // Undo the fix: the comparison follows (nothing changed); another fix resolves others.
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await page.getByText(/^Undid:/).first().waitFor();
  await view.getByText("Nothing was added, removed or changed.").waitFor();
  assert.match(await index.textContent(), /71\.4% → 71\.4%/);
  await page.getByRole("searchbox", { name: "Find" }).fill("Forecast accuracy");
  await page.getByRole("option", { name: /Forecast accuracy 95%/ }).waitFor();
  await page.getByRole("searchbox", { name: "Find" }).press("Enter");
  await page.getByLabel("Title").waitFor();
  await page.getByLabel("Link to a goal it supports", { exact: true }).fill("Sales delivers");
  await page.getByRole("option", { name: /Sales delivers EUR 8M/ }).click();
  const relinked = view.getByRole("region", { name: "What changed" });
  await relinked.getByText("Forecast accuracy 95% linked to Sales delivers EUR 8M").waitFor();
  const orphan = resolved.getByRole("button", { name: /Orphaned goal · Forecast accuracy 95%/ });
  await page.locator("body").click({ position: { x: 700, y: 880 } });
  await orphan.click();
  assert.equal(await page.getByLabel("Title").inputValue(), "Forecast accuracy 95%");

  // Restore the snapshot: one change, undoable; it leaves an automatic snapshot that
  // cannot be deleted.
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  await dialog.getByRole("button", { name: "Restore “Before the workshop”" }).click();
  const auto = dialog.locator(".snapshot-list tbody tr", { hasText: "Before restoring" });
  await auto.waitFor();
  assert.match(await auto.textContent(), /automatic/);
  assert.equal(await auto.getByRole("button", { name: /Delete/ }).count(), 0);
  await page.screenshot({ path: join(shots, "snapshots-restored-light.png") });
  await dialog.getByRole("button", { name: "Close snapshots" }).click();
  const notice = page.getByRole("status", { name: "Effect of the last change" });
  assert.match(await notice.textContent(), /Restore snapshot “Before the workshop”/);
  await notice.getByRole("button", { name: "Undo" }).click();
  await page.getByText(/^Undid: Restore snapshot/).first().waitFor();
  await relinked.getByText("Forecast accuracy 95% linked to Sales delivers EUR 8M").waitFor();

  // Compare any two: the automatic snapshot (linked) with the one saved before.
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  await dialog.getByLabel("Before", { exact: true }).selectOption({ label: "Before the workshop" });
  const autoId = await auto.getAttribute("data-id");
  await dialog.getByLabel("After", { exact: true }).selectOption(autoId);
  await dialog.getByRole("button", { name: "Compare", exact: true }).click();
  await view.getByText(/^Before restoring/).waitFor();
  assert.match(await resolved.textContent(), /^Resolved 2/);

  // Delete the snapshot: asked once more, then gone; the comparison using it closes.
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete “Before the workshop”" }).click();
  await dialog.getByRole("button", { name: "Really delete “Before the workshop”" }).click();
  await page.getByText("Deleted snapshot “Before the workshop”").first().waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll(".snapshot-list tbody th")].some((th) => th.textContent === "Before the workshop"));
  assert.equal(await dialog.getByRole("rowheader", { name: "Before the workshop", exact: true }).count(), 0);
  await dialog.getByRole("button", { name: "Close snapshots" }).click();
  assert.equal(await view.count(), 0, "the comparison of a deleted snapshot is closed");
  await page.getByRole("complementary", { name: "Findings" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("the before / after view in the dark theme", async () => {
  const { page, errors } = await openApp("dark");
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Snapshots" });
  await dialog.getByRole("button", { name: "Save snapshot" }).click();
  await dialog.locator(".snapshot-list tbody tr").first().waitFor();
  await page.screenshot({ path: join(shots, "snapshots-dialog-dark.png") });
  await dialog.getByRole("button", { name: "Close snapshots" }).click();
  await selectCard(page, "rep1-calls");
  await page.getByRole("button", { name: "Delete goal" }).click();
  await page.waitForFunction(() => document.querySelector(".index-value")?.textContent === "83.3%");
  await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
  await dialog.getByRole("button", { name: /with now/ }).click();
  const view = page.getByRole("complementary", { name: "Before and after" });
  await view.getByLabel("Alignment index before and after").waitFor();
  await page.screenshot({ path: join(shots, "before-after-dark.png") });
  assert.deepEqual(errors, []);
  await page.close();
});
