// Field edits show they are not saved yet (issue #13 item 3): typing in the inspector marks
// the form and says "Unsaved changes" beside its Save button; putting the value back
// clears it. (Links apply at once and need no marker.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite } from "./harness.mjs";

const app = mockSuite();

test("an edited field says it is unsaved until it is saved or put back", async () => {
  const { page, errors } = await app.open("light");
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  const findings = page.getByRole("complementary", { name: "Findings" });
  await findings.locator(".rule-group", { hasText: "Orphaned goal" }).getByRole("button", { name: /Forecast accuracy 95%/ }).click();
  const title = page.getByLabel("Title");
  await title.waitFor();
  assert.equal(await page.getByText(/Unsaved changes/).count(), 0);
  await title.fill("Forecast accuracy 90%");
  const marker = page.getByRole("status").filter({ hasText: "Unsaved changes: Save goal (or Enter) applies them" });
  await marker.waitFor();
  assert.match(await page.locator(".inspector-form").getAttribute("class"), /is-dirty/);
  await page.screenshot({ path: join(shots, "unsaved.png") });
  await title.fill("Forecast accuracy 95%");
  await marker.waitFor({ state: "detached" });
  assert.doesNotMatch(await page.locator(".inspector-form").getAttribute("class"), /is-dirty/);
  assert.deepEqual(errors, []);
  await page.close();
});
